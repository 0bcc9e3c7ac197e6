"""The self-checks (自查) of one organisation on one day, computed from the platform's records.

Each check returns a value, the records behind it (refs such as "catalog.item:12") and, compared with its
`Threshold`, a level: 正常, 预警 or 达到否决线. Nothing here writes: `services.self_checks_run` stores the results.
The definitions are in docs/supervision.md, "Self-checks".
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Exists, F, Max, OuterRef, Q, QuerySet
from django.urls import Resolver404, resolve
from django.utils import timezone

from gongkai.catalog.models import PUBLIC_STATUSES, Attachment, Item
from gongkai.interaction.models import UNANSWERED, Message
from gongkai.interpretation.models import Interpretation, SyncRule
from gongkai.orgs.models import Organization
from gongkai.reports.models import AnnualReport, ReportStatus
from gongkai.reports.scopes import subject_name
from gongkai.reports.selectors import deadline_for, report_duty_orgs
from gongkai.servicecatalog import selectors as guide_selectors
from gongkai.supervision.models import CheckCode, Level, SupervisedColumn, Threshold
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: At most this many published items (newest first) are read per organisation for the link check.
LINK_CHECK_ITEMS = 200
#: At most this many records are kept as evidence per check.
EVIDENCE_LIMIT = 50


@dataclass
class Result:
    code: str
    value: int = 0
    level: str = Level.OK
    skipped: bool = False
    evidence: list[dict[str, str]] = field(default_factory=list)


def ref(obj, label: str) -> dict[str, str]:
    return {"ref": f"{obj._meta.label_lower}:{obj.pk}", "label": label}


def day_end(day: date) -> datetime:
    """The first instant after `day` in Beijing time."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def published_by(org: Organization, day: date) -> QuerySet[Item]:
    """The organisation's items publicly listed by the end of `day`."""
    return Item.objects.published().filter(org=org, published_at__lt=day_end(day))


# --- Columns -----------------------------------------------------------------------------------------------


@dataclass
class ColumnState:
    column: SupervisedColumn
    newest: date | None
    stale: bool
    blank: bool


def column_items(column: SupervisedColumn) -> QuerySet[Item]:
    qs = Item.objects.published().filter(org_id=column.org_id)
    if column.genre_id:
        qs = qs.filter(genre_id=column.genre_id)
    if column.topic_id:
        qs = qs.filter(Q(topic_id=column.topic_id) | Q(topic__parent_id=column.topic_id))
    return qs


def column_states(org: Organization, day: date) -> list[ColumnState]:
    """Each active column of `org`: its newest item by the end of `day`, stale against its rule, or blank."""
    out = []
    columns = SupervisedColumn.objects.filter(org=org, is_active=True).select_related("rule")
    for column in columns:
        newest_at = (
            column_items(column).filter(published_at__lt=day_end(day)).aggregate(n=Max("published_at"))["n"]
        )
        newest = timezone.localdate(newest_at) if newest_at else None
        blank = newest is None
        stale = newest is not None and newest < column.rule.limit_of(day)
        out.append(ColumnState(column, newest, stale, blank))
    return out


def _column_evidence(state: ColumnState, day: date) -> dict[str, str]:
    if state.blank:
        return ref(state.column, f"{state.column.name}：空白栏目")
    assert state.newest is not None
    return ref(
        state.column,
        f"{state.column.name}：最新信息 {state.newest:%Y-%m-%d}（{(day - state.newest).days}天前）",
    )


# --- The checks ------------------------------------------------------------------------------------------------


def check_columns(org: Organization, day: date) -> list[Result]:
    states = column_states(org, day)
    stale = [s for s in states if s.stale]
    key = [s for s in stale if s.column.rule.is_key]
    blank = [s for s in states if s.blank]
    return [
        Result(CheckCode.STALE_COLUMNS, len(stale), evidence=[_column_evidence(s, day) for s in stale]),
        Result(CheckCode.STALE_KEY_COLUMNS, len(key), evidence=[_column_evidence(s, day) for s in key]),
        Result(CheckCode.BLANK_COLUMNS, len(blank), evidence=[_column_evidence(s, day) for s in blank]),
    ]


def check_home(org: Organization, day: date) -> Result:
    """Days since the organisation's site (an organisation with supervised columns) last published anything (its
    home page's newest item). Organisations without columns run no site of their own: skipped."""
    if not SupervisedColumn.objects.filter(org=org, is_active=True).exists():
        return Result(CheckCode.HOME_STALE, skipped=True)
    newest = published_by(org, day).order_by("-published_at").first()
    if newest is None:
        return Result(CheckCode.HOME_STALE, skipped=True)
    assert newest.published_at is not None
    days = (day - timezone.localdate(newest.published_at)).days
    return Result(CheckCode.HOME_STALE, days, evidence=[ref(newest, f"最新信息：{newest.title[:60]}")])


def unanswered_messages(org: Organization, day: date) -> QuerySet[Message]:
    """Valid messages of the organisation's channels, received by `day` and not answered."""
    return Message.objects.filter(channel__owner=org, status__in=UNANSWERED, received_on__lte=day).order_by(
        "received_on", "pk"
    )


def check_oldest_unanswered(org: Organization, day: date, threshold: Threshold) -> Result:
    waiting = list(unanswered_messages(org, day)[: EVIDENCE_LIMIT * 4])
    if not waiting:
        return Result(CheckCode.OLDEST_UNANSWERED)
    value = (day - waiting[0].received_on).days
    flagged = [m for m in waiting if (day - m.received_on).days >= threshold.warning_at][:EVIDENCE_LIMIT]
    return Result(
        CheckCode.OLDEST_UNANSWERED,
        value,
        evidence=[
            ref(
                m,
                f"{m.number}《{m.title[:40]}》收到于 {m.received_on:%Y-%m-%d}（{(day - m.received_on).days}天）",
            )
            for m in flagged
        ],
    )


def check_guides(org: Organization) -> Result:
    """Published service guides of the organisation missing key elements (the service catalog's list of key
    elements, data with its source)."""
    incomplete = guide_selectors.incomplete_guides([org])
    return Result(
        CheckCode.INCOMPLETE_GUIDES,
        len(incomplete),
        evidence=[
            ref(g.version, f"{g.version.item.name}（缺{'、'.join(g.missing)}）")
            for g in incomplete[:EVIDENCE_LIMIT]
        ],
    )


def uninterpreted(org: Organization, day: date) -> list[Item]:
    """Normative documents in force, published by `day`, whose interpretation is due (三同步) and missing."""
    rules = {r.statutory_class: r.due_workdays for r in SyncRule.objects.all()}
    docs = (
        published_by(org, day)
        .filter(is_normative=True, validity="in_force")
        .annotate(interpreted=Exists(Interpretation.objects.filter(documents=OuterRef("pk"))))
        .filter(interpreted=False)
        .order_by("published_at", "pk")
    )
    calendar = WorkCalendar()
    out: list[Item] = []
    for item in docs[: EVIDENCE_LIMIT * 4]:
        assert item.published_at is not None
        published = timezone.localdate(item.published_at)
        try:
            due = calendar.add_workdays(published, rules.get(item.statutory_class, 3))
        except CalendarMissing:
            due = published + timedelta(days=rules.get(item.statutory_class, 3))
        if due < day:
            out.append(item)
    return out


def check_uninterpreted(org: Organization, day: date) -> Result:
    docs = uninterpreted(org, day)
    return Result(
        CheckCode.UNINTERPRETED, len(docs), evidence=[ref(i, i.title[:60]) for i in docs[:EVIDENCE_LIMIT]]
    )


def late_items(org: Organization, start: date, end: date) -> QuerySet[Item]:
    """Items published late (the catalog's flag) in [start, end]."""
    return Item.objects.filter(
        org=org, is_late=True, status__in=PUBLIC_STATUSES, published_at__gte=day_start(start),
        published_at__lt=day_end(end),
    ).order_by("published_at", "pk")  # fmt: skip


def early_items(org: Organization, day: date) -> QuerySet[Item]:
    """Items whose publication date (Beijing time) is before their written date."""
    return (
        published_by(org, day).filter(published_at__date__lt=F("written_on")).order_by("published_at", "pk")
    )


def check_items(org: Organization, day: date) -> list[Result]:
    late = list(late_items(org, date(day.year, 1, 1), day))
    early = list(early_items(org, day))
    return [
        Result(
            CheckCode.LATE_ITEMS, len(late), evidence=[ref(i, i.title[:60]) for i in late[:EVIDENCE_LIMIT]]
        ),
        Result(
            CheckCode.EARLY_ITEMS,
            len(early),
            evidence=[
                ref(i, f"{i.title[:50]}（成文 {i.written_on:%Y-%m-%d}）") for i in early[:EVIDENCE_LIMIT]
            ],
        ),
    ]


HREF = re.compile(r"""(?:href|src)\s*=\s*["']([^"'#]+)""", re.IGNORECASE)


def _internal_path(url: str) -> str | None:
    parts = urlsplit(url.strip())
    if parts.scheme in ("", "http", "https") and parts.netloc in ("", settings.GONGKAI_SITE_DOMAIN):
        return parts.path if parts.path.startswith("/") else None
    return None


def link_broken(path: str) -> bool:
    """An internal path that resolves to no page, or to an item page of an item not public."""
    try:
        match = resolve(path)
    except Resolver404:
        return True
    slug = match.kwargs.get("slug")
    if slug and "item" in (match.url_name or ""):
        return not Item.objects.public().filter(slug=slug).exists()
    return False


def check_links(org: Organization, day: date) -> Result:
    """Internal links in the newest published items' bodies, and their attachment files (bounded)."""
    items = list(published_by(org, day).order_by("-published_at")[:LINK_CHECK_ITEMS])
    broken: list[dict[str, str]] = []
    for item in items:
        for url in HREF.findall(item.body or ""):
            path = _internal_path(url)
            if path is not None and link_broken(path):
                broken.append(ref(item, f"{item.title[:40]}：链接 {path[:80]} 失效"))
    for attachment in Attachment.objects.filter(item__in=items).select_related("item"):
        if not attachment.file.name or not default_storage.exists(attachment.file.name):
            broken.append(
                ref(
                    attachment.item, f"{attachment.item.title[:40]}：附件 {attachment.original_name} 无法下载"
                )
            )
    return Result(CheckCode.BROKEN_LINKS, len(broken), evidence=broken[:EVIDENCE_LIMIT])


#: A sentence found (numbers ignored) in at least this many published reports of a year is the format's common
#: wording, not the organisation's own text.
COMMON_IN = 3
_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_DIGITS = re.compile(r"[0-9０-９.,，%]+")


def _sentences(report: AnnualReport) -> list[str]:
    """The report's sentences with its organisation's names replaced by ○ (the format names the reporter)."""
    text = "\n".join([report.overview, report.problems, report.other_matters])
    org = report.org
    names = {org.name, org.short_name, subject_name(org, report.scope)} - {""}
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "○")
    return [s.strip() for s in _SENTENCE.split(text) if s.strip()]


def _shape(sentence: str) -> str:
    return _DIGITS.sub("#", sentence)


def common_wording(year: int) -> set[str]:
    """Sentence shapes (digits ignored) shared by COMMON_IN or more published reports of `year`."""
    counts: dict[str, int] = {}
    for report in AnnualReport.objects.filter(year=year, status=ReportStatus.PUBLISHED).select_related("org"):
        for shape in {_shape(s) for s in _sentences(report)}:
            counts[shape] = counts.get(shape, 0) + 1
    return {shape for shape, n in counts.items() if n >= COMMON_IN}


def own_text(report: AnnualReport, common: set[str]) -> str:
    """The report's own wording: its sentences less those of the common format."""
    return "\n".join(s for s in _sentences(report) if _shape(s) not in common)


def similarity(a: str, b: str) -> int:
    """Percent of matching text (difflib's ratio on the characters); 0 when either is empty."""
    if not a.strip() or not b.strip():
        return 0
    return round(difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() * 100)


#: How many peers' reports (organisations under the same parent) a report is compared with.
PEERS_COMPARED = 30


def _similar_peer(
    org: Organization, text: str, common: set[str], year: int, floor: int
) -> tuple[int, AnnualReport | None]:
    """(percent, report) of the peer report of `year` most like `text`: the reports of the organisations under
    the same parent. Only pairs whose cheap upper bound reaches `floor` are compared in full."""
    parent = Organization.objects.get_parent(org)
    if parent is None or not text.strip():
        return 0, None
    peers = (
        AnnualReport.objects.filter(
            year=year, status=ReportStatus.PUBLISHED, org__in=Organization.objects.get_children(parent)
        )
        .exclude(org=org)
        .select_related("org")
        .order_by("org__path")[:PEERS_COMPARED]
    )
    best: tuple[int, AnnualReport | None] = (0, None)
    for peer in peers:
        other = own_text(peer, common)
        if not other.strip():
            continue
        matcher = difflib.SequenceMatcher(None, text, other, autojunk=False)
        if matcher.quick_ratio() * 100 < max(floor, best[0]):
            continue
        percent = round(matcher.ratio() * 100)
        if percent > best[0]:
            best = (percent, peer)
    return best


def check_reports(org: Organization, day: date) -> list[Result]:
    """Last year's annual report: late (its deadline passed unpublished) and copied (its own wording similar to
    the year before's, or to a peer's of the same year; the wording common to many reports of a year is left
    out)."""
    year = day.year - 1
    if not report_duty_orgs().filter(pk=org.pk).exists():
        return [Result(CheckCode.REPORT_LATE, skipped=True), Result(CheckCode.REPORT_COPIED, skipped=True)]
    current = AnnualReport.objects.filter(org=org, year=year, status=ReportStatus.PUBLISHED).first()
    deadline = deadline_for(org, year)
    late = Result(CheckCode.REPORT_LATE)
    if current is None and day > deadline:
        late = Result(
            CheckCode.REPORT_LATE, 1, evidence=[ref(org, f"{year}年度报告应于{deadline:%Y-%m-%d}前发布")]
        )
    copied = Result(CheckCode.REPORT_COPIED)
    if current is None:
        return [late, copied]
    common = common_wording(year)
    text = own_text(current, common)
    previous = AnnualReport.objects.filter(org=org, year=year - 1, status=ReportStatus.PUBLISHED).first()
    percent = similarity(text, own_text(previous, common_wording(year - 1))) if previous is not None else 0
    threshold = Threshold.objects.filter(code=CheckCode.REPORT_COPIED).first()
    peer_percent, peer = _similar_peer(org, text, common, year, threshold.warning_at if threshold else 0)
    evidence = []
    if previous is not None:
        evidence.append(ref(current, f"{year}年度报告与{year - 1}年度相似度{percent}%"))
    if peer is not None:
        evidence.append(ref(peer, f"{year}年度报告与{peer.org.name}同年度报告相似度{peer_percent}%"))
    if evidence:
        copied = Result(CheckCode.REPORT_COPIED, max(percent, peer_percent), evidence=evidence)
    return [late, copied]


def compute(org: Organization, day: date) -> list[Result]:
    """Every self-check of `org` on `day`, each with its level from the thresholds."""
    thresholds = {t.code: t for t in Threshold.objects.all()}
    results = [
        check_home(org, day),
        *check_columns(org, day),
        check_oldest_unanswered(org, day, thresholds[CheckCode.OLDEST_UNANSWERED]),
        check_guides(org),
        check_uninterpreted(org, day),
        *check_items(org, day),
        check_links(org, day),
        *check_reports(org, day),
    ]
    for r in results:
        threshold = thresholds.get(r.code)
        if threshold is not None and not r.skipped:
            r.level = threshold.level_of(r.value)
    return results
