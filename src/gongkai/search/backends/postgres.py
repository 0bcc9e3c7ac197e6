"""PostgreSQL backend: characters and character pairs as lexemes, bit signatures, exact checks.

PostgreSQL's parsers keep a run of Chinese as one token, so the application builds the lexemes itself: every
character and adjacent pair of the normalised text ('环', '环境', '境保', …). A term of one or two characters
is one lexeme; a longer term is the AND of its pairs, checked exactly with strpos() on the stored
normalised text (`search_document.norm`, `title_norm`).

Matching reads a narrow table, `search_match` (key, filter columns, signatures, lexemes; migration 0004),
and touches the wide `search_document` only for the exact checks of the candidates it keeps. The ~2,000
most frequent lexemes of government text (`vocabulary.py`) have a bit in an inline signature per row (`sig`,
`tsig` for the title); the GIN index over `grams` holds the other lexemes, the frequent ones found in fewer
than GIN_SHARE of documents, and the filter tags. So:
- a query with a lexeme outside the signatures asks the GIN index (its posting list is short) and tests
  the signature bits of the candidates;
- a query made of frequent lexemes walks the key index newest first in windows, testing bits (nothing
  TOASTed is read), sizes each window from the share of matches seen so far, and stops after enough
  matches; when a walk has tested WALK_MAX rows without enough (a rare combination, or a narrow filter),
  the GIN index answers the rest from the query's GIN lexemes and the filter tags.
The tsquery is built only from those lexemes and our own tags, quoted: nothing a person types reaches
tsquery syntax.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import connection, transaction

from gongkai.search.backends.base import STORED_COLUMNS, Backend, Filters, HitRow, Tier
from gongkai.search.documents import Doc
from gongkai.search.query import ParsedQuery
from gongkai.search.text import bigrams
from gongkai.search.vocabulary import signature, vocabulary

DOCUMENT_COLUMNS = (*STORED_COLUMNS, "norm", "title_norm")
MATCH_COLUMNS = (
    "key", "org_id", "org_path", "topic_code", "topic_parent_code", "year", "statutory_class", "genre_code",
    "validity", "is_normative", "sig", "tsig", "grams",
)  # fmt: skip
SEP = "\n"  # never inside a normalised text
HIT_COLUMNS = "key, org_id, topic_code, year"
#: Frequent lexemes found in fewer than this share of documents are in the GIN index as well as in the
#: signatures, so that a walk that finds their combination rare can hand over to the index.
GIN_SHARE = 0.2
#: Rows a walk of the key index may test before the GIN index is asked instead.
WALK_MAX = 40_000
#: Rows of the first window of a walk at least (smaller windows cost more in round trips than in rows).
WALK_MIN = 1_000
RARE_SHARE = 0.05  # share assumed for a lexeme outside the vocabulary
TITLE_WALK = 20_000  # newest documents a title tier looks at when its lexemes are all frequent
GIN_FREQUENT_MAX = 3  # frequent lexemes of a query given to the GIN index (the rarest); bits test the rest
#: A GIN scan reads its key range in windows while it expects more candidates than this ahead.
GIN_WINDOW_ABOVE = 3_000
GIN_WINDOW_MIN = 2_000  # documents in a window at least
WINDOW_EVIDENCE = 10  # matches a windowed scan sees before it trusts a low share of matches
#: Each document's lexemes include the tag of its period of BUCKET_DAYS days of the key ('#w<n>'), so
#: that a GIN scan can be limited to a window of periods inside the index (see PostgresBackend._gin).
BUCKET_DAYS = 30
WINDOW_BUCKETS = 48  # periods in one window at most
DOCUMENTS_TTL = 300.0  # seconds the estimated number of documents is kept (per process)
_documents_cache: list = []  # [monotonic time read, documents]
MIN_KEY, MAX_KEY = -(2**63), 2**63 - 1


def _lexeme(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


@functools.cache
def _not_in_gin() -> frozenset[str]:
    """The frequent lexemes kept out of the GIN index (found in GIN_SHARE of documents or more)."""
    return frozenset(g for g, s in vocabulary()[1].items() if s >= GIN_SHARE)


def _bucket(key: int) -> int:
    return (key >> 32) // BUCKET_DAYS


def _bucket_end(bucket: int) -> int:
    """The highest key of a period."""
    return (((bucket + 1) * BUCKET_DAYS) << 32) - 1


def match_values(doc: Doc, norms: list[str]) -> list:
    """The `search_match` row of a document (`norms`: doc.norm_fields())."""
    title_norm = norms[0] if doc.title else ""
    grams: set[str] = set()
    for norm in norms:
        grams |= bigrams(norm)
    title_grams = bigrams(title_norm)
    # Normalised text and tags are letters and digits only: no lexeme needs quoting, and PostgreSQL
    # sorts and deduplicates a tsvector's lexemes itself.
    lexemes = list(grams - _not_in_gin())
    lexemes += ["@" + g for g in title_grams - vocabulary()[0].keys()]
    lexemes += ["#" + t for t in doc.tags()]
    lexemes.append(f"#w{_bucket(doc.key)}")
    return [
        doc.key, doc.org_id, doc.org_path, doc.topic_code, doc.topic_parent_code, doc.day.year,
        doc.statutory_class, doc.genre_code, doc.validity, doc.is_normative,
        signature(grams), signature(title_grams), " ".join(lexemes),
    ]  # fmt: skip


def document_values(doc: Doc, norms: list[str]) -> list:
    row = doc.row()
    return [*(row[c] for c in STORED_COLUMNS), SEP.join(norms), norms[0] if doc.title else ""]


def _insert_sql(table: str, columns: tuple[str, ...], cast_last: str = "") -> str:
    marks = ["%s"] * len(columns)
    if cast_last:
        marks[-1] = f"%s::{cast_last}"
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(marks)})"  # noqa: S608 - constants


_INSERT_DOCUMENT = _insert_sql("search_document", DOCUMENT_COLUMNS)
_INSERT_MATCH = _insert_sql("search_match", MATCH_COLUMNS, "tsvector")


def _filter_sql(filters: Filters) -> tuple[list[str], list[object]]:
    """The filters as column conditions on search_match (for walks, and to check GIN candidates)."""
    where: list[str] = []
    params: list[object] = []
    if filters.org_path:
        where.append("org_path LIKE %s")
        params.append(filters.org_path.replace("%", "").replace("_", "") + "%")
    if filters.org_id is not None:
        where.append("org_id = %s")
        params.append(filters.org_id)
    if filters.topic_code:
        where.append("(topic_code = %s OR topic_parent_code = %s)")
        params += [filters.topic_code, filters.topic_code]
    for column, value in (
        ("statutory_class", filters.statutory_class),
        ("genre_code", filters.genre_code),
        ("validity", filters.validity),
    ):
        if value:
            where.append(f"{column} = %s")
            params.append(value)
    if filters.normative_only:
        where.append("is_normative")
    return where, params


@dataclass
class _Plan:
    """How one tier of a query is matched."""

    rare: list[str] = field(default_factory=list)  # lexemes outside the signatures (GIN only)
    gin_frequent: list[tuple[float, str]] = field(default_factory=list)  # (share, lexeme) also in GIN
    conditions: list[str] = field(default_factory=list)  # on search_match: bits, filter columns
    params: list = field(default_factory=list)
    exact: list[str] = field(default_factory=list)  # on search_document: strpos checks
    exact_params: list = field(default_factory=list)
    density: float = 1.0  # expected share of documents matching
    tags: list[str] = field(default_factory=list)

    @property
    def where(self) -> str:
        return " AND ".join(self.conditions) or "TRUE"


def _plan(tier: Tier, query: ParsedQuery, filters: Filters) -> _Plan:
    bits, share = vocabulary()
    plan = _Plan()
    terms = [t.norm for t in query.terms]
    if tier in (Tier.TITLE_PHRASE, Tier.PHRASE):
        terms = [query.phrase or terms[0]]
    in_title = tier in (Tier.TITLE, Tier.TITLE_PHRASE)
    text, sig, prefix = ("title_norm", "tsig", "@") if in_title else ("norm", "sig", "")
    for term in terms:
        grams = [term] if len(term) <= 2 else sorted({term[i : i + 2] for i in range(len(term) - 1)})
        for g in grams:
            if g in bits:
                plan.conditions.append(f"get_bit({sig}, %s) = 1")
                plan.params.append(bits[g])
                plan.density = min(plan.density, share[g])
                if not in_title and share[g] < GIN_SHARE:
                    plan.gin_frequent.append((share[g], g))
            else:
                plan.rare.append(prefix + g)
                plan.density = min(plan.density, RARE_SHARE)
        if len(term) > 2:
            plan.exact.append(f"strpos({text}, %s) > 0")
            plan.exact_params.append(term)
    for ex in (t.norm for t in query.excluded):
        if len(ex) <= 2 and ex in bits:
            plan.conditions.append("get_bit(sig, %s) = 0")
            plan.params.append(bits[ex])
        else:
            plan.exact.append("strpos(norm, %s) = 0")
            plan.exact_params.append(ex)
    where, params = _filter_sql(filters)
    plan.conditions += where
    plan.params += params
    plan.tags = ["#" + t for t in filters.tags()]
    return plan


class PostgresBackend(Backend):
    vendor = "postgresql"

    # --- writing --------------------------------------------------------------------------------------
    def upsert(self, doc: Doc) -> None:
        self.upsert_many([doc])

    def upsert_many(self, docs: list[Doc]) -> None:
        if not docs:
            return
        with connection.cursor() as cursor:
            self._delete(cursor, [d.item_id for d in docs])
            norms = [d.norm_fields() for d in docs]
            cursor.executemany(_INSERT_DOCUMENT, [document_values(d, n) for d, n in zip(docs, norms)])  # noqa: B905 - same length
            cursor.executemany(_INSERT_MATCH, [match_values(d, n) for d, n in zip(docs, norms)])  # noqa: B905

    @staticmethod
    def _delete(cursor, item_ids: list[int]) -> int:
        cursor.execute("DELETE FROM search_document WHERE item_id = ANY(%s) RETURNING key", [item_ids])
        keys = [k for (k,) in cursor.fetchall()]
        if keys:
            cursor.execute("DELETE FROM search_match WHERE key = ANY(%s)", [keys])
        return len(keys)

    def delete(self, item_id: int) -> bool:
        with connection.cursor() as cursor:
            return self._delete(cursor, [item_id]) > 0

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("TRUNCATE search_document, search_match")

    def bulk_load(self, docs: Iterable[Doc], *, batch: int = 2000) -> Iterator[int]:
        """COPY in batches, without the GIN index (finish_bulk builds it)."""
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX IF EXISTS search_match_grams")
            copy_documents = "COPY search_document ({}) FROM STDIN".format(", ".join(DOCUMENT_COLUMNS))
            copy_matches = "COPY search_match ({}) FROM STDIN".format(", ".join(MATCH_COLUMNS))
            chunk: list[Doc] = []

            def flush(items: list[Doc]) -> None:
                norms = [d.norm_fields() for d in items]
                with cursor.cursor.copy(copy_documents) as copy:
                    for d, n in zip(items, norms):  # noqa: B905 - same length
                        copy.write_row(document_values(d, n))
                with cursor.cursor.copy(copy_matches) as copy:
                    for d, n in zip(items, norms):  # noqa: B905
                        copy.write_row(match_values(d, n))

            for doc in docs:
                chunk.append(doc)
                if len(chunk) >= batch:
                    flush(chunk)
                    yield len(chunk)
                    chunk = []
            if chunk:
                flush(chunk)
                yield len(chunk)

    def finish_bulk(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cursor.execute("CREATE INDEX IF NOT EXISTS search_match_grams ON search_match USING gin (grams)")
        self.analyze()

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
            cursor.execute("ANALYZE search_match")

    # --- reading --------------------------------------------------------------------------------------
    def hits(
        self,
        *,
        tier: Tier,
        query: ParsedQuery,
        filters: Filters,
        key_lo: int | None,
        key_hi: int | None,
        limit: int,
        probe_density: float | None = None,
    ) -> list[HitRow]:
        plan = _plan(tier, query, filters)
        if probe_density is not None:
            plan.density = probe_density
        lo = key_lo if key_lo is not None else MIN_KEY
        hi = key_hi if key_hi is not None else MAX_KEY
        title = tier in (Tier.TITLE, Tier.TITLE_PHRASE)
        with transaction.atomic(), connection.cursor() as cursor:
            if plan.rare:
                return self._gin(cursor, plan, [*plan.rare, *plan.tags], lo, hi, limit, plan.density)
            if title:
                # Title tiers only order the first page: when every title lexeme is frequent, look at the
                # newest TITLE_WALK documents rather than walk the whole table (docs/search.md, "Limits").
                return self._walk(cursor, plan, lo, hi, limit, budget=TITLE_WALK, fallback=False)
            return self._walk(cursor, plan, lo, hi, limit, budget=WALK_MAX, fallback=True)

    def _verified(self, cursor, plan: _Plan, rows: list[HitRow]) -> list[HitRow]:
        """The candidates that pass the exact checks (on the normalised text)."""
        if not plan.exact or not rows:
            return rows
        cursor.execute(
            f"SELECT key FROM search_document WHERE key = ANY(%s) AND {' AND '.join(plan.exact)}",  # noqa: S608 - conditions are constants; values are parameters
            [[r.key for r in rows], *plan.exact_params],
        )
        ok = {k for (k,) in cursor.fetchall()}
        return [r for r in rows if r.key in ok]

    @staticmethod
    def _edge(cursor, start: int, hi: int, docs: int) -> int | None:
        """The key of the `docs`-th document from `start` on (within `hi`); None if the range holds fewer."""
        cursor.execute(
            "SELECT key FROM search_match WHERE key >= %s AND key <= %s ORDER BY key OFFSET %s LIMIT 1",
            [start, hi, docs - 1],
        )
        row = cursor.fetchone()
        return row[0] if row else None

    @staticmethod
    def _documents(cursor) -> int:
        """About how many documents the index holds (the planner's count, read every DOCUMENTS_TTL)."""
        now = time.monotonic()
        if not (_documents_cache and now - _documents_cache[0] < DOCUMENTS_TTL):
            cursor.execute("SELECT reltuples::bigint FROM pg_class WHERE relname = 'search_match'")
            row = cursor.fetchone()
            _documents_cache[:] = [now, max(int(row[0]) if row else 0, 1)]
        return _documents_cache[1]

    @staticmethod
    def _extent(cursor) -> tuple[int, int] | None:
        """(lowest key, highest key) of the index (two reads of the key index's ends); None when empty."""
        cursor.execute("SELECT (SELECT min(key) FROM search_match), (SELECT max(key) FROM search_match)")
        row = cursor.fetchone()
        return (row[0], row[1]) if row and row[0] is not None else None

    def _gin(
        self, cursor, plan: _Plan, lexemes: list[str], lo, hi, limit: int, density: float
    ) -> list[HitRow]:
        """The first `limit` matches in [lo, hi] from the GIN index.

        While many candidates are expected, the key range is read newest first in windows of whole
        BUCKET_DAYS periods, each sized from the share of matches seen so far: the window's period tags
        join the tsquery, so the GIN index itself leaves out the candidates outside it, and a lexeme held by
        a tenth of a million documents costs a few thousand row visits, not a hundred thousand. Once few are
        expected, the rest of the range is read in one scan."""
        tsquery = " & ".join(_lexeme(x) for x in dict.fromkeys(lexemes))
        total = self._documents(cursor)
        density = max(density, 1e-5)
        extent = self._extent(cursor) if density * total > GIN_WINDOW_ABOVE else None
        if extent is None:  # few candidates in the whole index, or an empty one: one scan
            return self._scan(cursor, plan, lo, hi, limit, tsquery)
        start, hi = max(lo, extent[0]), min(hi, extent[1])
        per_day = total / ((extent[1] >> 32) - (extent[0] >> 32) + 1)
        out: list[HitRow] = []
        seen, found = 0.0, 0
        while len(out) < limit and start <= hi:
            want = limit - len(out)
            ahead = ((hi >> 32) - (start >> 32) + 1) * per_day  # documents left in the range, about
            # One scan for the rest once few candidates are expected there, on enough evidence: at least
            # WINDOW_EVIDENCE matches seen, or an eighth of the range read.
            if density * ahead <= GIN_WINDOW_ABOVE and (found >= WINDOW_EVIDENCE or seen * 8 >= ahead):
                out += self._scan(cursor, plan, start, hi, want, tsquery)
                break
            days = math.ceil(max(want * 2 / density, GIN_WINDOW_MIN, seen) / per_day)
            b0, b1 = _bucket(start), _bucket(start + (days << 32))
            b1 = min(b1, b0 + WINDOW_BUCKETS - 1)
            edge = min(_bucket_end(b1), hi)
            periods = " | ".join(_lexeme(f"#w{b}") for b in range(b0, b1 + 1))
            rows = self._scan(cursor, plan, start, edge, want, f"{tsquery} & ({periods})")
            out += rows
            seen += ((edge >> 32) - (start >> 32) + 1) * per_day
            found += len(rows)
            start = edge + 1
            density = max(found, 0.5) / seen
        return out[:limit]

    def _scan(self, cursor, plan: _Plan, lo, hi, limit: int, tsquery: str | None) -> list[HitRow]:
        """The first `limit` matches in [lo, hi]: candidates from the GIN index (`tsquery`) or, without
        one, from the key index in order; then the exact checks, asking for more candidates while they
        reject some."""
        gin = "grams @@ %s::tsquery AND " if tsquery else ""
        out: list[HitRow] = []
        after = lo
        while len(out) < limit:
            want = limit - len(out)
            ask = want + want // 2 + 16 if plan.exact else want
            if tsquery:
                # Bitmap scans only: the planner could otherwise walk the key index testing each row's
                # TOASTed tsvector. Forced plans look expensive to the planner, which would compile them
                # with JIT: tens of milliseconds for scans that take a few.
                cursor.execute(
                    "SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off; SET LOCAL jit = off"
                )
            cursor.execute(
                f"SELECT {HIT_COLUMNS} FROM search_match WHERE {gin}{plan.where} "  # noqa: S608 - conditions are constants; values are parameters
                "AND key >= %s AND key <= %s ORDER BY key LIMIT %s",
                [*([tsquery] if tsquery else []), *plan.params, after, hi, ask],
            )
            rows = [HitRow(*r) for r in cursor.fetchall()]
            if tsquery:
                cursor.execute(
                    "SET LOCAL enable_indexscan = DEFAULT; SET LOCAL enable_seqscan = DEFAULT; SET LOCAL jit = DEFAULT"
                )
            out += self._verified(cursor, plan, rows)
            if len(rows) < ask:
                break
            after = rows[-1].key + 1
        return out[:limit]

    def _walk(self, cursor, plan: _Plan, lo, hi, limit: int, *, budget: int, fallback: bool) -> list[HitRow]:
        """Walk the key index newest first in windows, testing the bit and column conditions; hand over to
        the GIN index when the share of matches seen says the walk would run past its budget."""
        out: list[HitRow] = []
        start, walked = lo, 0
        density = max(plan.density, 1e-5)
        gin = [g for _s, g in sorted(plan.gin_frequent)[:GIN_FREQUENT_MAX]] + plan.tags if fallback else []
        while len(out) < limit and walked < budget:
            want = limit - len(out)
            if gin and want / density > budget - walked:
                break
            window = min(budget - walked, max(int(want * 2 / density), WALK_MIN, want))
            cursor.execute(
                f"SELECT {HIT_COLUMNS} FROM (SELECT * FROM search_match WHERE key >= %s AND key <= %s "  # noqa: S608 - conditions are constants; values are parameters
                f"ORDER BY key LIMIT %s) s WHERE {plan.where} ORDER BY key",
                [start, hi, window, *plan.params],
            )
            out += self._verified(cursor, plan, [HitRow(*r) for r in cursor.fetchall()])
            if len(out) >= limit:
                break
            walked += window
            edge = self._edge(cursor, start, hi, window)
            if edge is None:  # the walk reached the end of the range
                return out[:limit]
            start = edge + 1
            density = max(len(out), 0.5) / walked  # what this walk has seen so far
        if len(out) >= limit or not fallback:
            return out[:limit]
        if gin:  # a rare combination: the GIN index holds some of its lexemes or the filters
            return out + self._gin(cursor, plan, gin, start, hi, limit - len(out), density)
        # Only very frequent lexemes and no filter: their combination is rare; walk on to the end.
        return out + self._scan(cursor, plan, start, hi, limit - len(out), None)

    def day_counts(self) -> list[tuple[int, int]]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT day, count(*) FROM search_document GROUP BY day ORDER BY day DESC")
            return [(d.toordinal(), n) for d, n in cursor]
