"""The search call: parse, match, count, rank, facet, fetch the page, highlight. One function, `search`,
used by the portal, the API and the benchmark alike.

Bounded work whatever the query (docs/search.md, "Counting"): at most EXACT_LIMIT hits are read in key
order (newest first). When there are no more, the count and facets are exact. When there are more, the
rest of the key range is split into STRATA slices of equal document mass and the first STRATUM_SAMPLE hits
of each slice are read; the slice's count is scaled by how much of it those hits covered. The total and
facets are then estimates, and shown as such ("约").
"""

from __future__ import annotations

import bisect
import heapq
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from typing import Any, TypedDict

from django.db import connection

from gongkai.search.backends import Backend, Filters, HitRow, Tier, get_backend
from gongkai.search.backends.base import PAGE_COLUMNS
from gongkai.search.documents import AttachedText, attachments_from_json
from gongkai.search.models import KEY_EPOCH, key_range
from gongkai.search.query import ParsedQuery, parse
from gongkai.search.snippets import highlight, snippet
from gongkai.search.text import normalize, segment

EXACT_LIMIT = 300
MAX_RESULTS = 300  # deepest result reachable by paging, in either order
STRATA = 4
STRATUM_SAMPLE = 64
FACET_SIZE = 12
SORTS = ("relevance", "date")


@dataclass
class ResultItem:
    key: int
    item_id: int
    url: str
    title: str
    title_html: str
    snippet_html: str
    day: date
    org_name: str
    org_code: str
    topic_name: str
    genre_name: str
    doc_no: str
    index_no: str
    validity: str
    is_normative: bool
    #: When the match is (partly) in an attached file: which one; the snippet then comes from its text.
    attachment_name: str = ""
    attachment_url: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int


@dataclass
class SearchResult:
    query: ParsedQuery
    filters: Filters
    sort: str
    page: int
    page_size: int
    total: int = 0
    total_is_estimate: bool = False
    items: list[ResultItem] = field(default_factory=list)
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    elapsed_ms: float = 0.0

    @property
    def reachable(self) -> int:
        return min(self.total, MAX_RESULTS)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.reachable // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1


# --- Document counts per day (for estimates), cached per process --------------------------------------

_histogram_lock = threading.Lock()
_histogram: dict[str, tuple[float, int, list[int], list[int]]] = {}
_generation = 0
HISTOGRAM_TTL = 300.0


def index_changed() -> None:
    """Called after writing the index: estimates use fresh counts from now on (this process)."""
    global _generation
    _generation += 1


class _Histogram:
    """Documents per day, in key order (newest day first), with cumulative counts."""

    def __init__(self, day_keys: list[int], cumulative: list[int]):
        self.day_keys = day_keys  # key >> 32 of each day, ascending
        self.cumulative = cumulative  # documents before each day; last = total

    def before(self, key: int) -> float:
        """About how many documents have a key below `key` (half of its own day)."""
        dk = key >> 32
        i = bisect.bisect_left(self.day_keys, dk)
        n: float = self.cumulative[i]
        if i < len(self.day_keys) and self.day_keys[i] == dk:
            n += (self.cumulative[i + 1] - self.cumulative[i]) / 2
        return n

    def days_docs(self, first: int, last: int) -> int:
        """Documents on the days (key >> 32) from `first` to `last`, both included."""
        i = bisect.bisect_left(self.day_keys, first)
        j = bisect.bisect_right(self.day_keys, last)
        return self.cumulative[j] - self.cumulative[i] if j > i else 0

    def between(self, lo: int, hi: int) -> float:
        return max(0.0, self.before(hi) - self.before(lo))

    def strata(self, lo: int, hi: int, parts: int) -> list[tuple[int, int]]:
        """Split [lo, hi] into at most `parts` key ranges of whole days holding similar numbers of documents."""
        first = bisect.bisect_left(self.day_keys, lo >> 32)
        last = bisect.bisect_right(self.day_keys, hi >> 32)
        if first >= last:
            return []
        base, mass = self.cumulative[first], self.cumulative[last] - self.cumulative[first]
        ranges: list[tuple[int, int]] = []
        start = first
        for j in range(1, parts + 1):
            # the first day at which the running count reaches j/parts of the mass
            end = bisect.bisect_left(self.cumulative, base + mass * j / parts, start + 1, last + 1)
            end = min(max(end, start + 1), last)
            if end > start:
                ranges.append(
                    (
                        max(lo, self.day_keys[start] << 32),
                        min(hi, (self.day_keys[end - 1] << 32) | 0xFFFFFFFF),
                    )
                )
                start = end
            if start >= last:
                break
        return ranges


def _histogram_for(backend: Backend) -> _Histogram:
    name = f"{connection.vendor}:{connection.settings_dict.get('NAME')}"
    now = time.monotonic()
    with _histogram_lock:
        cached = _histogram.get(name)
        if cached and cached[1] == _generation and now - cached[0] < HISTOGRAM_TTL:
            return _Histogram(cached[2], cached[3])
    counts = backend.day_counts()  # newest day first
    day_keys = [KEY_EPOCH - d for d, _n in counts]
    cumulative = [0]
    for _d, n in counts:
        cumulative.append(cumulative[-1] + n)
    with _histogram_lock:
        _histogram[name] = (now, _generation, day_keys, cumulative)
    return _Histogram(day_keys, cumulative)


# --- The search -------------------------------------------------------------------------------------


class _Bounds(TypedDict):
    """What every read of one search shares."""

    query: ParsedQuery
    filters: Filters
    key_lo: int | None
    key_hi: int | None


@dataclass
class _Counts:
    total: float = 0.0
    orgs: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    topics: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    years: defaultdict[int, float] = field(default_factory=lambda: defaultdict(float))
    sample: dict[str, int] = field(default_factory=dict)  # facet value -> a key holding it (labels)

    def add(self, rows: list[HitRow], weight: float = 1.0) -> None:
        self.total += len(rows) * weight
        for r in rows:
            self.orgs[r.org_id] += weight
            self.years[r.year] += weight
            if r.topic_code:
                self.topics[r.topic_code] += weight
            self.sample.setdefault(f"o{r.org_id}", r.key)
            self.sample.setdefault(f"t{r.topic_code}", r.key)


def _end_of_day(key: int) -> int:
    return ((key >> 32) << 32) | 0xFFFFFFFF


def _rest_of_day(
    backend: Backend, *, rows: list[HitRow], key_hi: int | None, query: ParsedQuery, filters: Filters
) -> list[HitRow]:
    """The hits after the last row up to the end of its day (a day holds few documents)."""
    end = _end_of_day(rows[-1].key)
    if key_hi is not None:
        end = min(end, key_hi)
    return backend.hits(
        tier=Tier.ALL, query=query, filters=filters, key_lo=rows[-1].key + 1, key_hi=end, limit=1_000_000
    )


def _estimate(
    backend: Backend,
    *,
    query: ParsedQuery,
    filters: Filters,
    key_lo: int | None,
    key_hi: int | None,
    after: int,
    density: float,
    counts: _Counts,
) -> None:
    """Add estimated counts for the hits after key `after`, the end of a day (the exact part is already in
    `counts`). Each slice's sample is read to the end of a day, so the documents it covered are known
    exactly from the per-day counts."""
    hist = _histogram_for(backend)
    if not hist.day_keys:
        return
    lo = after + 1
    hi = key_hi if key_hi is not None else (hist.day_keys[-1] << 32) | 0xFFFFFFFF
    for s_lo, s_hi in hist.strata(lo, hi, STRATA):
        rows = backend.hits(
            tier=Tier.ALL,
            query=query,
            filters=filters,
            key_lo=s_lo,
            key_hi=s_hi,
            limit=STRATUM_SAMPLE,
            probe_density=density,
        )
        weight = 1.0
        if len(rows) >= STRATUM_SAMPLE:
            rows += _rest_of_day(backend, rows=rows, key_hi=s_hi, query=query, filters=filters)
            covered = hist.days_docs(s_lo >> 32, rows[-1].key >> 32)
            weight = max(1.0, hist.days_docs(s_lo >> 32, s_hi >> 32) / max(covered, 1))
        counts.add(rows, weight)


def _ranked_keys(
    backend: Backend,
    *,
    query: ParsedQuery,
    filters: Filters,
    key_lo: int | None,
    key_hi: int | None,
    base: list[HitRow],
    need: int,
) -> list[int]:
    """Keys of the first `need` results in relevance order: title holds the phrase, title holds every
    term, text holds the phrase, text holds every term; newest first within each tier."""
    tiers = [Tier.TITLE_PHRASE, Tier.TITLE, Tier.PHRASE] if query.phrase else [Tier.TITLE]
    ordered: list[int] = []
    seen: set[int] = set()
    for tier in [*tiers, Tier.ALL]:
        if len(ordered) >= need:
            break
        rows = (
            base
            if tier is Tier.ALL
            else backend.hits(
                tier=tier, query=query, filters=filters, key_lo=key_lo, key_hi=key_hi, limit=need
            )
        )
        for r in rows:
            if r.key not in seen:
                seen.add(r.key)
                ordered.append(r.key)
    return ordered[:need]


def _fetch(keys: list[int]) -> dict[int, dict]:
    if not keys:
        return {}
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(PAGE_COLUMNS)} FROM search_document WHERE key IN ({marks})", keys)  # noqa: S608 - identifiers are constants; values are parameters
        return {r[0]: dict(zip(PAGE_COLUMNS, r, strict=True)) for r in cursor.fetchall()}


def _labels(keys: list[int]) -> dict[int, dict]:
    if not keys:
        return {}
    marks = ", ".join(["%s"] * len(keys))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT key, org_id, org_name, org_code, topic_code, topic_name FROM search_document "  # noqa: S608 - identifiers are constants; values are parameters
            f"WHERE key IN ({marks})",
            keys,
        )
        cols = ("key", "org_id", "org_name", "org_code", "topic_code", "topic_name")
        return {r[0]: dict(zip(cols, r, strict=True)) for r in cursor.fetchall()}


def _facets(counts: _Counts) -> dict[str, list[FacetValue]]:
    top_orgs = heapq.nlargest(FACET_SIZE, counts.orgs.items(), key=itemgetter(1))  # as Counter.most_common
    top_topics = heapq.nlargest(FACET_SIZE, counts.topics.items(), key=itemgetter(1))
    labels = _labels(
        [counts.sample[f"o{o}"] for o, _n in top_orgs] + [counts.sample[f"t{t}"] for t, _n in top_topics]
    )
    org_label = {v["org_id"]: (v["org_code"] or str(v["org_id"]), v["org_name"]) for v in labels.values()}
    topic_label = {v["topic_code"]: v["topic_name"] for v in labels.values()}
    return {
        "org": [
            FacetValue(
                value=org_label.get(o, (str(o), ""))[0],
                label=org_label.get(o, ("", str(o)))[1],
                count=round(n),
            )
            for o, n in top_orgs
        ],
        "topic": [FacetValue(value=t, label=topic_label.get(t, t), count=round(n)) for t, n in top_topics],
        "year": [
            FacetValue(value=str(y), label=str(y), count=round(n))
            for y, n in sorted(counts.years.items(), reverse=True)
        ],
    }


def _round_estimate(n: float) -> int:
    if n < 1000:
        return round(n)
    digits = len(str(int(n))) - 2
    return int(round(n, -digits))


def search(
    *,
    q: str | None,
    filters: Filters | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    facets: bool = True,
) -> SearchResult:
    started = time.perf_counter()
    filters = filters or Filters()
    sort = sort if sort in SORTS else "relevance"
    page_size = max(1, min(page_size, 100))
    page = max(1, min(page, MAX_RESULTS // page_size or 1))
    query = parse(q)
    result = SearchResult(query=query, filters=filters, sort=sort, page=page, page_size=page_size)
    if query.is_empty:
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result
    backend = get_backend()
    key_lo, key_hi = key_range(date_from=filters.date_from, date_to=filters.date_to)
    if key_lo is not None and key_hi is not None and key_lo > key_hi:
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result
    common: _Bounds = {"query": query, "filters": filters, "key_lo": key_lo, "key_hi": key_hi}
    base = backend.hits(tier=Tier.ALL, limit=EXACT_LIMIT + 1, **common)
    counts = _Counts()
    if len(base) <= EXACT_LIMIT:
        counts.add(base)
    else:
        base = base[:EXACT_LIMIT]
        whole = base + _rest_of_day(backend, rows=base, key_hi=key_hi, query=query, filters=filters)
        counts.add(whole)
        hist = _histogram_for(backend)
        first_day = (key_lo >> 32) if key_lo is not None else hist.day_keys[0]
        density = len(whole) / max(1, hist.days_docs(first_day, whole[-1].key >> 32))
        _estimate(backend, after=_end_of_day(whole[-1].key), density=density, counts=counts, **common)
        result.total_is_estimate = True
    result.total = (
        max(len(base) + 1, _round_estimate(counts.total)) if result.total_is_estimate else len(base)
    )
    offset = (page - 1) * page_size
    need = offset + page_size
    if sort == "date":
        keys = [r.key for r in base[offset:need]]
    else:
        keys = _ranked_keys(backend, base=base, need=need, **common)[offset:need]
    rows = _fetch(keys)
    terms = tuple(t.norm for t in query.terms)
    for key in keys:
        row = rows.get(key)
        if row is None:
            continue
        text = " ".join(x for x in (row["summary"], row["body"]) if x) or row["title"]
        attachment = _attachment_match(row, terms)
        if attachment is not None:
            text = attachment.text
        result.items.append(
            ResultItem(
                key=key,
                item_id=row["item_id"],
                url=row["url"],
                title=row["title"],
                title_html=highlight(row["title"], terms),
                snippet_html=snippet(text, terms),
                day=row["day"] if isinstance(row["day"], date) else date.fromisoformat(str(row["day"])),
                org_name=row["org_name"],
                org_code=row["org_code"],
                topic_name=row["topic_name"],
                genre_name=row["genre_name"],
                doc_no=row["doc_no"],
                index_no=row["index_no"],
                validity=row["validity"],
                is_normative=bool(row["is_normative"]),
                attachment_name=attachment.name if attachment else "",
                attachment_url=attachment.url if attachment else "",
            )
        )
    if facets:
        result.facets = _facets(counts)
    if result.total == 0:
        result.suggestions = suggestions(query)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


#: Bounds of the "试试…" suggestions: a long or repetitive query never turns into a long one.
SUGGESTION_MAX_WORDS = 4
SUGGESTION_MAX_CHARS = 30
SUGGESTION_MAX = 5


def _attachment_match(row: dict[str, Any], terms: tuple[str, ...]) -> AttachedText | None:
    """The attached file the match is in, when the item's own fields do not hold every term: the one
    holding most of the missing terms (None when the item's own text holds them all)."""
    if not row.get("attachments"):
        return None
    own = normalize(" ".join(str(row[c] or "") for c in ("title", "doc_no", "index_no", "summary", "body")))
    missing = [t for t in terms if t not in own]
    if not missing:
        return None
    best, best_count = None, 0
    for attachment in attachments_from_json(row["attachments"]):
        norm = normalize(attachment.text)
        count = sum(1 for t in missing if t in norm)
        if count > best_count:
            best, best_count = attachment, count
    return best


def suggestions(query: ParsedQuery) -> list[str]:
    """When nothing is found: the query split into words (project dictionary), then each term alone.

    Built from the normalised terms (already bounded), with repeated words dropped: a split is offered only
    when it gives 2 to SUGGESTION_MAX_WORDS distinct words, and no suggestion is longer than
    SUGGESTION_MAX_CHARS characters."""
    out: list[str] = []
    if len(query.terms) == 1 and len(query.terms[0].norm) >= 4:
        words = list(dict.fromkeys(segment(query.terms[0].norm)))
        if 1 < len(words) <= SUGGESTION_MAX_WORDS:
            out.append(" ".join(words))
    if len(query.terms) > 1:
        out.extend(t.norm for t in query.terms)
    if query.excluded:
        out.append(" ".join(t.norm for t in query.terms))
    kept = [s for s in dict.fromkeys(out) if s and len(s) <= SUGGESTION_MAX_CHARS]
    return kept[:SUGGESTION_MAX]
