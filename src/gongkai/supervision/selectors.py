"""Reads: the self-check dashboards, the records a circular lists and an indicator counts (the same queries
for both), the periodic figures built from the records, and each entity under access control (404 outside
reach)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import F, Max, Q, QuerySet
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.core.actors import Actor, is_user
from gongkai.core.notfound import first_or_404
from gongkai.foi.models import Application
from gongkai.foi.models import Status as FoiStatus
from gongkai.interaction import rules as interaction_rules
from gongkai.interaction import selectors as interaction_selectors
from gongkai.interaction.models import UNANSWERED, Message
from gongkai.interpretation.models import Interpretation
from gongkai.orgs.models import Organization
from gongkai.reports import scopes
from gongkai.reports import selectors as report_selectors
from gongkai.reports.builder import periods_of
from gongkai.servicecatalog import selectors as guide_selectors
from gongkai.supervision import checks, rules
from gongkai.supervision.models import (
    Circular,
    CircularState,
    Finding,
    FindingState,
    Indicator,
    IndicatorKind,
    Inspection,
    Level,
    Meeting,
    Metric,
    PeriodicReport,
    PeriodKind,
    Problem,
    ProblemKind,
    Scheme,
    Score,
    SelfCheck,
    SubmissionState,
    Task,
    TaskReport,
    TaskState,
    WorkPlan,
)

# --- Access ------------------------------------------------------------------------------------------------


def _get(qs: QuerySet[Any], pk: int, what: str) -> Any:
    return first_or_404(qs.filter(pk=pk), f"没有这个{what}，或您无权查看。")


def circulars_for(actor: Actor) -> QuerySet[Circular]:
    """Circulars issued by an organisation the actor supervises, or issued over a scope containing the
    actor's unit (units see them once issued)."""
    supervised = rules.supervised_orgs(actor)
    units = rules.visible_orgs(actor)
    issued = [CircularState.PUBLISHED, CircularState.INTERNAL]
    return (
        Circular.objects.filter(Q(org__in=supervised) | Q(problems__org__in=units, state__in=issued))
        .distinct()
        .select_related("org", "scope")
    )


def get_circular_for_staff(*, user: Actor, pk: int) -> Circular:
    return _get(circulars_for(user), pk, "通报")


def plans_for(actor: Actor) -> QuerySet[WorkPlan]:
    orgs = rules.visible_orgs(actor)
    return (
        WorkPlan.objects.filter(Q(org__in=orgs) | Q(tasks__lead_org__in=orgs) | Q(tasks__co_orgs__in=orgs))
        .distinct()
        .select_related("org")
    )


def get_plan_for_staff(*, user: Actor, pk: int) -> WorkPlan:
    return _get(plans_for(user), pk, "工作要点")


def tasks_for(actor: Actor) -> QuerySet[Task]:
    orgs = rules.visible_orgs(actor)
    return (
        Task.objects.filter(Q(plan__org__in=orgs) | Q(lead_org__in=orgs) | Q(co_orgs__in=orgs))
        .distinct()
        .select_related("plan", "lead_org")
    )


def get_task_for_staff(*, user: Actor, pk: int) -> Task:
    return _get(tasks_for(user), pk, "任务")


def get_task_report_for_staff(*, user: Actor, pk: int) -> TaskReport:
    return _get(
        TaskReport.objects.filter(task__in=tasks_for(user)).select_related("task", "org"), pk, "任务进展"
    )


def inspections_for(actor: Actor) -> QuerySet[Inspection]:
    orgs = rules.visible_orgs(actor)
    return Inspection.objects.filter(Q(org__in=orgs) | Q(units__in=orgs)).distinct().select_related("org")


def get_inspection_for_staff(*, user: Actor, pk: int) -> Inspection:
    return _get(inspections_for(user), pk, "检查")


def schemes_for(actor: Actor) -> QuerySet[Scheme]:
    orgs = rules.visible_orgs(actor)
    return Scheme.objects.filter(Q(org__in=orgs) | Q(units__in=orgs, is_published=True)).distinct()


def get_scheme_for_staff(*, user: Actor, pk: int) -> Scheme:
    return _get(schemes_for(user), pk, "考核方案")


def reports_for(actor: Actor) -> QuerySet[PeriodicReport]:
    return PeriodicReport.objects.filter(org__in=rules.visible_orgs(actor)).select_related("org")


def get_report_for_staff(*, user: Actor, pk: int) -> PeriodicReport:
    return _get(reports_for(user), pk, "报送")


# --- Self-check dashboards -----------------------------------------------------------------------------------


@dataclass
class OrgChecks:
    org: Organization
    on: date | None
    checks: list[SelfCheck] = field(default_factory=list)

    @property
    def warnings(self) -> int:
        return sum(1 for c in self.checks if c.level == Level.WARNING)

    @property
    def vetoes(self) -> int:
        return sum(1 for c in self.checks if c.level == Level.VETO)


def latest_day(orgs: QuerySet[Organization] | list[Organization]) -> date | None:
    return SelfCheck.objects.filter(org__in=orgs).aggregate(d=Max("on"))["d"]


def dashboard(orgs: QuerySet[Organization], day: date | None = None) -> list[OrgChecks]:
    """The newest stored self-checks (or those of `day`) of each organisation, worst first. Two queries."""
    org_list = list(orgs)
    day = day or latest_day(org_list)
    rows: dict[int, OrgChecks] = {o.pk: OrgChecks(o, day) for o in org_list}
    if day is not None:
        for c in SelfCheck.objects.filter(org__in=org_list, on=day).order_by("code"):
            rows[c.org_id].checks.append(c)
    out = [r for r in rows.values() if r.checks]
    out.sort(key=lambda r: (-r.vetoes, -r.warnings, r.org.path))
    return out


# --- Problems a circular lists ---------------------------------------------------------------------------------


@dataclass
class Found:
    kind: str
    org: Organization
    obj: Any
    label: str
    auto_close: bool = True

    @property
    def ref(self) -> str:
        return f"{self.obj._meta.label_lower}:{self.obj.pk}"


def scope_orgs(scope: Organization) -> QuerySet[Organization]:
    return Organization.objects.filter(path__startswith=scope.path, is_active=True)


def overdue_applications(
    orgs: QuerySet[Organization], start: date, end: date, as_at: date
) -> QuerySet[Application]:
    """Applications due in [start, end] and not answered by their due date (closed after it, or still open
    past it on `as_at`)."""
    return (
        Application.objects.filter(org__in=orgs, due_on__gte=start, due_on__lte=end, due_on__lt=as_at)
        .filter(Q(closed_on__isnull=True) & ~Q(status=FoiStatus.CLOSED) | Q(closed_on__gt=F("due_on")))
        .select_related("org")
        .order_by("due_on", "pk")
    )


def late_items(orgs: QuerySet[Organization], start: date, end: date) -> QuerySet[Item]:
    """Items published late (the catalog's flag) with a publication date in [start, end]."""
    return (
        Item.objects.filter(
            org__in=orgs, is_late=True, status__in=["published", "withdrawn"],
            published_at__gte=checks.day_start(start), published_at__lt=checks.day_end(end),
        )
        .select_related("org")
        .order_by("published_at", "pk")
    )  # fmt: skip


def unanswered_overdue(orgs: QuerySet[Organization], end: date, now: datetime) -> QuerySet[Message]:
    """Valid messages received by `end`, past their answer deadline and still unanswered."""
    return (
        Message.objects.filter(
            channel__owner__in=orgs, status__in=UNANSWERED, received_on__lte=end, due_at__lt=now
        )
        .select_related("channel__owner")
        .order_by("received_on", "pk")
    )


def delayed_tasks(orgs: QuerySet[Organization], end: date) -> QuerySet[Task]:
    return (
        Task.objects.filter(lead_org__in=orgs, ongoing=False, due_on__lte=end, state=TaskState.OPEN)
        .select_related("lead_org", "plan")
        .order_by("due_on", "pk")
    )


def open_findings(orgs: QuerySet[Organization], end: date) -> QuerySet[Finding]:
    return (
        Finding.objects.filter(org__in=orgs, rectify_by__lte=end)
        .exclude(state=FindingState.VERIFIED)
        .select_related("org", "inspection")
        .order_by("rectify_by", "pk")
    )


def problems_found(scope: Organization, start: date, end: date, *, as_at: date | None = None) -> list[Found]:
    """Every problem of the period in the scope, from the records (docs/supervision.md, "Circulars")."""
    as_at = as_at or timezone.localdate()
    orgs = scope_orgs(scope)
    found: list[Found] = []
    for a in overdue_applications(orgs, start, end, as_at):
        found.append(
            Found(
                ProblemKind.OVERDUE_APPLICATION,
                a.org,
                a,
                f"申请 {a.tracking_no} 答复期限 {a.due_on:%Y-%m-%d}，"
                + (f"{a.closed_on:%Y-%m-%d} 才答复" if a.closed_on else "至今未答复"),
                auto_close=a.closed_on is None,
            )
        )
    for i in late_items(orgs, start, end):
        found.append(
            Found(
                ProblemKind.LATE_ITEM,
                i.org,
                i,
                f"《{i.title[:60]}》超期公开（公开期限 {i.due_on or '—'}）",
                False,
            )
        )
    for org in orgs:
        for state in checks.column_states(org, end):
            if state.blank:
                found.append(
                    Found(ProblemKind.BLANK_COLUMN, org, state.column, f"“{state.column.name}”栏目空白")
                )
            elif state.stale:
                found.append(Found(ProblemKind.STALE_COLUMN, org, state.column,
                                   f"“{state.column.name}”栏目未按期更新（最新 {state.newest:%Y-%m-%d}）"))  # fmt: skip
    for m in unanswered_overdue(orgs, end, timezone.now()):
        found.append(
            Found(
                ProblemKind.UNANSWERED_MESSAGE,
                m.channel.owner,
                m,
                f"留言 {m.number} 超期未答复（收到 {m.received_on:%Y-%m-%d}）",
            )
        )
    for org, guide in incomplete_guides(orgs):
        label = f"办事指南“{guide.version.item.name}”要素不全（缺{'、'.join(guide.missing)}）"
        found.append(Found(ProblemKind.INCOMPLETE_GUIDE, org, guide.version, label, False))
    for t in delayed_tasks(orgs, end):
        found.append(
            Found(
                ProblemKind.TASK_DELAY,
                t.lead_org,
                t,
                f"任务{t.number}“{t.text[:40]}”逾期未完成（时限 {t.due_on:%Y-%m-%d}）",
            )
        )
    for f in open_findings(orgs, end):
        found.append(
            Found(
                ProblemKind.FINDING_OPEN,
                f.org,
                f,
                f"{f.inspection.title}：{f.indicator}未整改（期限 {f.rectify_by:%Y-%m-%d}）",
            )
        )
    return found


def incomplete_guides(orgs: QuerySet[Organization]) -> list[tuple[Organization, Any]]:
    """(organisation, guide version, what it misses) of the published guides missing key elements."""
    by_pk = {o.pk: o for o in orgs}
    return [
        (by_pk[g.version.item.org_id], g)
        for g in guide_selectors.incomplete_guides(list(orgs))
        if g.version.item.org_id in by_pk
    ]


def problem_still_open(problem: Problem, today: date) -> date | None:
    """None while the record still shows the problem; else the day it was put right (for auto-closing)."""
    _model, _, pk = problem.ref.partition(":")
    if problem.kind == ProblemKind.OVERDUE_APPLICATION:
        a = Application.objects.filter(pk=pk).first()
        return a.closed_on if a is not None and a.closed_on else None
    if problem.kind == ProblemKind.UNANSWERED_MESSAGE:
        m = Message.objects.filter(pk=pk).first()
        if m is not None and m.status not in UNANSWERED:
            return timezone.localdate(m.replied_at) if m.replied_at else today
        return None
    if problem.kind == ProblemKind.TASK_DELAY:
        t = Task.objects.filter(pk=pk).first()
        return t.completed_on if t is not None and t.state == TaskState.DONE else None
    if problem.kind == ProblemKind.FINDING_OPEN:
        f = Finding.objects.filter(pk=pk).first()
        return f.verified_on if f is not None and f.state == FindingState.VERIFIED else None
    if problem.kind in (ProblemKind.STALE_COLUMN, ProblemKind.BLANK_COLUMN):
        for state in checks.column_states(problem.org, today):
            if str(state.column.pk) == pk:
                return None if (state.stale or state.blank) else today
        return today  # the column is no longer checked
    return None  # late items and guides: closed by the unit's rectification report


# --- Evidence links ----------------------------------------------------------------------------------------------

_URLS = {
    "catalog.item": ("backoffice:catalog_item", lambda o: [o.pk]),
    "foi.application": ("backoffice:foi_case", lambda o: [o.tracking_no]),
    "interaction.message": ("backoffice:interaction_message", lambda o: [o.number]),
    "supervision.task": ("backoffice:supervision_task", lambda o: [o.pk]),
    "supervision.finding": ("backoffice:supervision_inspection", lambda o: [o.inspection_id]),
    "servicecatalog.guideversion": ("backoffice:servicecatalog_detail", lambda o: [o.pk]),
}


def _openable(actor: Actor) -> dict[str, Any]:
    """Per model of `_URLS`: the records whose back-office page `actor` may open (the owning app's selector)."""
    from gongkai.catalog import selectors as catalog_selectors
    from gongkai.foi import selectors as foi_selectors

    def items() -> QuerySet[Item]:
        if not is_user(actor):  # a job or an applicant opens no back-office page
            return Item.objects.none()
        return catalog_selectors.items_visible_to(actor)

    return {
        "catalog.item": items,
        "foi.application": lambda: foi_selectors.applications_for_staff(actor),
        "interaction.message": lambda: interaction_selectors.visible_to(actor),
        "supervision.task": lambda: tasks_for(actor),
        "supervision.finding": lambda: findings_for(actor).filter(inspection__in=inspections_for(actor)),
        "servicecatalog.guideversion": lambda: guide_selectors.versions_for_staff(actor),
    }


def resolve_refs(refs: list[str], actor: Actor) -> list[tuple[str, Any, str]]:
    """(ref, record, back-office URL or "") of each ref, one query per model; a URL only where `actor` may open
    the record's page (no link to a page that would answer 404)."""
    from django.apps import apps

    by_model: dict[str, list[str]] = defaultdict(list)
    for r in refs:
        model, _, pk = r.partition(":")
        if pk.isascii() and pk.isdigit():
            by_model[model].append(pk)
    found: dict[str, Any] = {}
    opens: set[str] = set()
    openable = _openable(actor)
    for label, pks in by_model.items():
        try:
            model_class = apps.get_model(label)
        except (LookupError, ValueError):
            continue
        for obj in model_class._default_manager.filter(pk__in=pks):
            found[f"{label}:{obj.pk}"] = obj
        if label in openable:
            opens |= {
                f"{label}:{pk}" for pk in openable[label]().filter(pk__in=pks).values_list("pk", flat=True)
            }
    out = []
    for r in refs:
        obj = found.get(r)
        url = ""
        model = r.partition(":")[0]
        if obj is not None and model in _URLS and r in opens:
            if model == "interaction.message" and not interaction_rules.may_see(actor, obj):
                out.append((r, obj, ""))
                continue
            name, args = _URLS[model]
            try:
                url = reverse(name, args=args(obj))
            except NoReverseMatch:
                url = ""
        out.append((r, obj, url))
    return out


# --- Assessment: what a computed indicator counts ----------------------------------------------------------------


def metric_records(metric: str, org: Organization, year: int, as_at: date) -> QuerySet[Any]:
    """The records a computed indicator counts for unit `org` in `year` (as on `as_at`)."""
    start, end = date(year, 1, 1), min(date(year, 12, 31), as_at)
    one = Organization.objects.filter(pk=org.pk)
    if metric == Metric.LATE_ITEMS:
        return late_items(one, start, end)
    if metric == Metric.OVERDUE_APPLICATIONS:
        return overdue_applications(one, start, end, as_at)
    if metric == Metric.LATE_MESSAGES:
        return Message.objects.filter(
            reply_org=org, replied_on_time=False, replied_at__gte=checks.day_start(start),
            replied_at__lt=checks.day_end(end),
        ).order_by("replied_at", "pk")  # fmt: skip
    if metric == Metric.LATE_INTERPRETATIONS:
        return Interpretation.objects.filter(
            org=org, is_late=True, item__published_at__gte=checks.day_start(start),
            item__published_at__lt=checks.day_end(end),
        ).order_by("pk")  # fmt: skip
    if metric == Metric.TASKS_NOT_DONE:
        return (
            Task.objects.filter(lead_org=org, plan__year=year, ongoing=False, due_on__lt=as_at)
            .filter(Q(state=TaskState.OPEN) | Q(completed_on__gt=F("due_on")))
            .order_by("due_on", "pk")
        )
    raise ValueError(f"unknown metric: {metric}")


def metric_ref(metric: str, record: Any) -> str:
    if metric == Metric.LATE_INTERPRETATIONS:  # the interpretation's own catalog item is what a reader opens
        return f"catalog.item:{record.item_id}"
    return f"{record._meta.label_lower}:{record.pk}"


@dataclass
class ResultRow:
    org: Organization
    score: Decimal
    bonus: Decimal
    veto: bool
    rank: int = 0

    @property
    def total(self) -> Decimal:
        return self.score + self.bonus


def results(scheme: Scheme) -> list[ResultRow]:
    """Scores per unit (deduction indicators; bonus counted only above `bonus_above`; a veto fails the unit),
    ranked. Two queries."""
    indicators = {i.pk: i for i in Indicator.objects.filter(scheme=scheme)}
    leaves = {pk for pk, i in indicators.items() if not any(c.parent_id == pk for c in indicators.values())}
    rows: dict[int, ResultRow] = {}
    for s in Score.objects.filter(indicator__scheme=scheme, indicator_id__in=leaves).select_related("org"):
        row = rows.setdefault(s.org_id, ResultRow(s.org, Decimal(0), Decimal(0), False))
        kind = indicators[s.indicator_id].kind
        if kind == IndicatorKind.SCORE:
            row.score += s.points
        elif kind == IndicatorKind.BONUS:
            row.bonus += s.points
        elif kind == IndicatorKind.VETO and s.count:
            row.veto = True
    for row in rows.values():
        if scheme.bonus_above is not None and row.score <= scheme.bonus_above:
            row.bonus = Decimal(0)
    ranked = sorted(rows.values(), key=lambda r: (r.veto, -r.total, r.org.path))
    for n, row in enumerate(ranked, 1):
        row.rank = n
    return ranked


# --- Periodic reports -----------------------------------------------------------------------------------------

FIGURES = {
    "items_published": "主动公开信息（条）",
    "normative_published": "其中规范性文件（件）",
    "applications_received": "新收政府信息公开申请（件）",
    "applications_closed": "办结申请（件）",
    "applications_carried": "结转下期继续办理（件）",
    "messages_received": "收到有效留言（件）",
    "messages_answered": "答复留言（件）",
}


def period_bounds(kind: str, year: int, period: int) -> tuple[date, date]:
    _, _, start, end = periods_of(year, kind)[period - 1]
    return start, end


def period_figures(org: Organization, kind: str, year: int, period: int) -> dict[str, int]:
    """A unit's figures for a month or quarter, counted by the annual report's own definitions (reports'
    per-period queries) and the interaction statistics."""
    start, end = period_bounds(kind, year, period)
    rs = scopes.resolve(org, "alone")
    received, closed = report_selectors.application_periods(rs, [(start, end)])
    carried = report_selectors.application_carried(rs, [end], kind="out")
    items = report_selectors.items_by_period(rs, [(start, end)])[0]
    figures = {
        "applications_received": sum(received[0].values()),
        "applications_closed": sum(closed[0].values()),
        "applications_carried": sum(carried[0].values()),
    }
    if kind == PeriodKind.MONTH:
        stats = interaction_selectors.statistics(org_id=org.pk, start=start, end=end)
        figures = {
            "items_published": items["total"],
            "normative_published": items["normative"],
            **figures,
            "messages_received": stats.received,
            "messages_answered": stats.answered,
        }
    return figures


@dataclass
class Compiled:
    kind: str
    year: int
    period: int
    totals: dict[str, int]
    accepted: list[PeriodicReport]
    missing: list[Organization]


def compiled(scope: Organization, kind: str, year: int, period: int) -> Compiled:
    """The region's report: the sum of the units' accepted reports, and the units not yet accepted."""
    orgs = list(scope_orgs(scope))
    reports = list(
        PeriodicReport.objects.filter(org__in=orgs, kind=kind, year=year, period=period).select_related("org")
    )
    accepted = [r for r in reports if r.state == SubmissionState.ACCEPTED]
    totals: dict[str, int] = {}
    for r in accepted:
        for key, value in r.figures.items():
            totals[key] = totals.get(key, 0) + int(value)
    have = {r.org_id for r in accepted}
    units = {r.org_id for r in reports}
    missing = [o for o in orgs if o.pk in units and o.pk not in have]
    return Compiled(kind, year, period, totals, accepted, missing)


def overdue_tasks(actor: Actor, today: date) -> QuerySet[Task]:
    return (
        tasks_for(actor)
        .filter(ongoing=False, state=TaskState.OPEN, due_on__lt=today)
        .order_by("due_on", "pk")
    )


def task_completion(plan: WorkPlan, as_at: date) -> dict[str, int]:
    """The year's task completion for the annual report's «其他需要报告的事项»."""
    tasks = list(plan.tasks.all())
    done = [t for t in tasks if t.state == TaskState.DONE]
    on_time = [t for t in done if t.ongoing or (t.due_on and t.completed_on and t.completed_on <= t.due_on)]
    overdue = [t for t in tasks if t.is_overdue_on(as_at) and t.state == TaskState.OPEN]
    return {
        "total": len(tasks),
        "done": len(done),
        "on_time": len(on_time),
        "ongoing": sum(1 for t in tasks if t.ongoing and t.state == TaskState.OPEN),
        "overdue": len(overdue),
    }


def get_problem_for_staff(*, user: Actor, pk: int) -> Problem:
    return _get(
        Problem.objects.filter(circular__in=circulars_for(user)).select_related("circular", "org"), pk, "问题"
    )


def findings_for(actor: Actor) -> QuerySet[Finding]:
    """Findings of inspections by an organisation in the actor's reach, or about a unit in it."""
    orgs = rules.visible_orgs(actor)
    return Finding.objects.filter(Q(inspection__org__in=orgs) | Q(org__in=orgs)).select_related(
        "inspection", "org"
    )


def get_finding_for_staff(*, user: Actor, pk: int) -> Finding:
    return _get(findings_for(user), pk, "问题")


def get_score_for_staff(*, user: Actor, pk: int) -> Score:
    qs = Score.objects.filter(indicator__scheme__in=schemes_for(user)).select_related(
        "indicator__scheme", "org"
    )
    score = _get(qs, pk, "得分")
    scheme = score.indicator.scheme
    if not rules.may_supervise(user, scheme.org) and not rules.may_see(user, score.org):
        raise Http404("没有这个得分，或您无权查看。")
    return score


def get_org_for_staff(*, user: Actor, pk: int) -> Organization:
    return _get(rules.visible_orgs(user), pk, "机构")


def meetings_for(actor: Actor) -> QuerySet[Meeting]:
    return Meeting.objects.filter(org__in=rules.visible_orgs(actor)).select_related("org")


def scores_of(scheme: Scheme) -> QuerySet[Score]:
    return Score.objects.filter(indicator__scheme=scheme)


# --- Public (portal) ------------------------------------------------------------------------------------------------


def published_circulars() -> QuerySet[Circular]:
    return Circular.objects.filter(state=CircularState.PUBLISHED).select_related("org", "scope")


def get_published_circular(public_id: str) -> Circular:
    circular = published_circulars().filter(public_id=public_id).first() if _is_uuid(public_id) else None
    if circular is None:
        raise Http404("没有这份通报。")
    return circular


def problem_counts(circular: Circular) -> list[tuple[str, str, int, int]]:
    """(unit, problem class, listed, rectified) per unit and class: what a published circular shows (no record
    numbers)."""
    rows: dict[tuple[str, str], list[int]] = {}
    labels = dict(ProblemKind.choices)
    for p in circular.problems.select_related("org").order_by("org__path", "kind"):
        row = rows.setdefault((p.org.name, str(labels.get(p.kind, p.kind))), [0, 0])
        row[0] += 1
        row[1] += p.rectified
    return [(unit, kind, n, done) for (unit, kind), (n, done) in rows.items()]


def published_schemes() -> QuerySet[Scheme]:
    return Scheme.objects.filter(is_published=True).select_related("org")


def get_published_scheme(public_id: str) -> Scheme:
    scheme = published_schemes().filter(public_id=public_id).first() if _is_uuid(public_id) else None
    if scheme is None:
        raise Http404("没有这项考核结果。")
    return scheme


def _is_uuid(value: str) -> bool:
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
