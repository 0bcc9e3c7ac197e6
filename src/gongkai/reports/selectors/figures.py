"""The figures of the annual report tables, counted in the database (GROUP BY, never Python loops over rows).

Each figure is defined once, as a Q over its source model (`q_*` below). The aggregate counts with that Q as a
filter; the drill-down behind a number (`drilldown.records_for`) returns the rows of the same Q. So a number and
its records always agree.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import connection
from django.db.models import Case, Count, IntegerField, Q, Sum, Value, When

from gongkai.catalog.models import Channel, FocusArea, Item, Publication, StatutoryClass, Topic
from gongkai.foi.models import Application, Evaluation, Fee, Outcome, Remedy
from gongkai.reports.models import OfficeFigures
from gongkai.reports.scopes import ReportScope, aware_range
from gongkai.reports.selectors.sql import (
    CLOSED_INDEX,
    NORMATIVE_INDEX,
    REPORT_INDEX,
    _fetch,
    _index_hint,
    _rows,
    _where,
)

APPLICANT_TYPES = ["natural", "commercial", "research", "social_welfare", "legal_services", "other"]
REMEDY_KINDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
REMEDY_RESULTS = ["upheld", "corrected", "other", "pending"]
NORMATIVE_KINDS = ["rule", "normative"]
VALID_OUTCOMES_CACHE: list[str] = []


def outcome_codes() -> list[str]:
    """The outcome codes of table 3 in table order (from the foi app's Outcome choices)."""
    if not VALID_OUTCOMES_CACHE:
        VALID_OUTCOMES_CACHE.extend(Outcome.values)
    return VALID_OUTCOMES_CACHE


# --- Definitions of the figures (one Q each) --------------------------------------------------------


def q_published_in(start: date, end: date) -> Q:
    lo, hi = aware_range(start, end)
    return Q(published_at__gte=lo, published_at__lt=hi)


def q_issued(start: date, end: date) -> Q:
    """本年制发: a rule or normative document written (成文) in the period."""
    return Q(written_on__gte=start, written_on__lte=end)


def q_repealed(start: date, end: date) -> Q:
    """本年废止: repealed or declared expired (已废止 / 已失效) in the period."""
    return Q(
        validity__in=["repealed", "expired"], validity_changed_on__gte=start, validity_changed_on__lte=end
    )


def q_in_force(end: date) -> Q:
    """现行有效 at the end of the period: written by then and not repealed or expired by then."""
    still = Q(validity__in=["in_force", "amended"]) | Q(validity_changed_on__gt=end)
    return Q(written_on__lte=end) & still


def q_received(start: date, end: date) -> Q:
    return Q(received_on__gte=start, received_on__lte=end)


def q_carried_in(start: date) -> Q:
    """Received before the period and not closed before it (上年/上期结转)."""
    return Q(received_on__lt=start) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start))


def q_carried_out(end: date) -> Q:
    """Received by the end of the period and still open after it (结转下年度/下期)."""
    return Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gt=end))


def q_closed(start: date, end: date) -> Q:
    return Q(closed_on__gte=start, closed_on__lte=end)


def q_remedy_filed(start: date, end: date) -> Q:
    """Table 4: cases counted in the year (`Remedy.report_year`): the year filed, or, for a case recorded after
    that year's report was published, the first year still open when it was recorded."""
    return Q(report_year__gte=start.year, report_year__lte=end.year)


def q_remedy_result(result: str, end: date) -> Q:
    """A case's result as at the end of the period: decided later (or not yet) counts as 尚未审结."""
    decided = Q(decided_on__isnull=False, decided_on__lte=end) & ~Q(result="pending")
    if result == "pending":
        return ~decided
    return decided & Q(result=result)


def q_fee_collected(start: date, end: date) -> Q:
    return Q(paid_on__gte=start, paid_on__lte=end, waived=False)


# --- Aggregates -----------------------------------------------------------------------------------


def items_by_org(rs: ReportScope, start: date, end: date) -> dict[int, dict[str, int]]:
    """Published items per organisation: total, normative, late (one GROUP BY query)."""
    qs = (
        Item.objects.published()
        .filter(q_published_in(start, end), org_id__in=rs.org_ids)
        .values("org_id")
        .annotate(
            total=Count("id"),
            normative=Count("id", filter=Q(is_normative=True)),
            late=Count("id", filter=Q(is_late=True)),
        )
        .order_by()
    )
    return {
        r["org_id"]: {"total": r["total"], "normative": r["normative"], "late": r["late"]}
        for r in _rows(qs, REPORT_INDEX)
    }


def _period_case(field: str, periods: list[tuple[date, date]], *, aware: bool = False) -> Case:
    """The index of the period a date (or, with `aware`, a local-time datetime) falls in: a CASE over the
    period boundaries, so one GROUP BY buckets every row once (no per-row date functions)."""
    whens = []
    for i, (_lo, hi) in enumerate(periods):
        bound = aware_range(hi, hi)[1] if aware else hi + timedelta(days=1)
        whens.append(When(**{f"{field}__lt": bound}, then=Value(i)))
    return Case(*whens, default=Value(-1), output_field=IntegerField())


def items_by_period(rs: ReportScope, periods: list[tuple[date, date]]) -> list[dict[str, int]]:
    """Published items per period: one GROUP BY over the period index."""
    out = [{"total": 0, "normative": 0, "late": 0} for _ in periods]
    if not periods:
        return out
    qs = (
        Item.objects.published()
        .filter(q_published_in(periods[0][0], periods[-1][1]), org_id__in=rs.org_ids)
        .annotate(period=_period_case("published_at", periods, aware=True))
        .values("period")
        .annotate(
            total=Count("id"),
            normative=Count("id", filter=Q(is_normative=True)),
            late=Count("id", filter=Q(is_late=True)),
        )
        .order_by()
    )
    for r in _rows(qs, REPORT_INDEX):
        if 0 <= r["period"] < len(periods):
            out[r["period"]] = {"total": r["total"], "normative": r["normative"], "late": r["late"]}
    return out


def item_groups(rs: ReportScope, start: date, end: date) -> list[dict]:
    """Published items of the period counted per organisation, per topic and per statutory class in ONE scan.

    On PostgreSQL one GROUP BY GROUPING SETS ((org), (topic), (class)) returns a hundred-odd rows; SQLite, which
    has no grouping sets, gets the same rows from its combinations. Each row is {org_id, topic_id,
    statutory_class, total, normative, late} with one of the three set, and the roll-ups below add them up.
    The WHERE clause is the ORM's (the same Q as the drill-down), compiled once.
    """
    qs = Item.objects.published().filter(q_published_in(start, end), org_id__in=rs.org_ids)
    where, params = _where(qs)
    table = connection.ops.quote_name(Item._meta.db_table)
    if connection.vendor == "postgresql":
        sql = (
            f"SELECT org_id, topic_id, statutory_class, COUNT(*), COUNT(*) FILTER (WHERE is_normative), "  # noqa: S608 - WHERE compiled by the ORM, parameters bound
            f"COUNT(*) FILTER (WHERE is_late) FROM {table} WHERE {where} "
            f"GROUP BY GROUPING SETS ((org_id), (topic_id), (statutory_class))"
        )
    else:
        # The same three groupings: the combinations are counted once (in the report index's order, no sort)
        # and added up per grouping in SQL, so a hundred-odd rows come back rather than tens of thousands.
        sql = (
            f"WITH g AS MATERIALIZED (SELECT org_id, topic_id, statutory_class, COUNT(*) AS n, "  # noqa: S608 - WHERE compiled by the ORM, parameters bound
            f"SUM(is_normative) AS nn, SUM(is_late) AS nl FROM {table}{_index_hint(REPORT_INDEX)} "
            f"WHERE {where} GROUP BY org_id, topic_id, statutory_class) "
            "SELECT org_id, NULL, NULL, SUM(n), SUM(nn), SUM(nl) FROM g GROUP BY org_id "
            "UNION ALL SELECT NULL, topic_id, NULL, SUM(n), SUM(nn), SUM(nl) FROM g GROUP BY topic_id "
            "UNION ALL SELECT NULL, NULL, statutory_class, SUM(n), SUM(nn), SUM(nl) FROM g GROUP BY statutory_class"
        )
    rows = _fetch(sql, params)
    keys = ("org_id", "topic_id", "statutory_class", "total", "normative", "late")
    return [dict(zip(keys, row, strict=True)) for row in rows]


def by_org_from_groups(groups: list[dict]) -> dict[int, dict[str, int]]:
    out: dict[int, dict[str, int]] = {}
    for g in groups:
        if g["org_id"] is None:
            continue
        o = out.setdefault(g["org_id"], {"total": 0, "normative": 0, "late": 0})
        for k in ("total", "normative", "late"):
            o[k] += g[k]
    return out


def by_topic_from_groups(groups: list[dict]) -> list[dict]:
    """Per first-level topic (rolled up over the small topic table: one query)."""
    counts: dict[int, int] = defaultdict(int)
    for g in groups:
        if g["topic_id"] is not None:
            counts[g["topic_id"]] += g["total"]
    if not counts:
        return []
    topics = {t.pk: t for t in Topic.objects.select_related("parent").filter(pk__in=list(counts))}
    rolled: dict[str, list] = {}
    for topic_id, n in counts.items():
        topic = topics.get(topic_id)
        root = topic.parent if topic is not None and topic.parent_id else topic
        key = root.code if root else str(topic_id)
        entry = rolled.setdefault(key, [root.name if root else "—", 0])
        entry[1] += n
    return sorted(
        ({"key": k, "label": v[0], "count": v[1]} for k, v in rolled.items()),
        key=lambda d: (-d["count"], d["key"]),
    )


def by_class_from_groups(groups: list[dict]) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for g in groups:
        if g["statutory_class"] is not None:
            counts[g["statutory_class"]] += g["total"]
    labels = dict(StatutoryClass.choices)
    return [
        {"key": k, "label": str(labels[k]), "count": counts[k]} for k in StatutoryClass.values if k in counts
    ]


def items_by_focus_area(rs: ReportScope, start: date, end: date) -> list[dict]:
    """Published items of the period per focus area: the (small) link table drives, items are fetched by key."""
    qs = Item.objects.published().filter(q_published_in(start, end), org_id__in=rs.org_ids)
    where, params = _where(qs)
    through = Item.focus_areas.through
    link, table = (connection.ops.quote_name(m._meta.db_table) for m in (through, Item))
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"  # SQLite: keep the link table outer
    sql = (
        f"SELECT f.focusarea_id, COUNT(*) FROM {link} f {join} {table} ON {table}.id = f.item_id "  # noqa: S608 - WHERE compiled by the ORM, parameters bound
        f"WHERE {where} GROUP BY f.focusarea_id"
    )
    counts = dict(_fetch(sql, params))
    areas = FocusArea.objects.filter(pk__in=list(counts)).values_list("pk", "code", "name")
    rows = [{"key": code, "label": name, "count": counts[pk]} for pk, code, name in areas]
    return sorted(rows, key=lambda r: (-r["count"], r["key"]))


def publications_by_channel(rs: ReportScope, start: date, end: date) -> list[dict]:
    # Naming every channel lets the (channel, published_on, org, count) index serve the range per channel.
    # Publications of information since withdrawn are left out, as the information itself is left out of the
    # year's total (only what stays published counts): else the website alone showed more than the total.
    qs = Publication.objects.filter(
        channel__in=Channel.values, org_id__in=rs.org_ids, published_on__gte=start, published_on__lte=end
    ).exclude(item_id__in=Item.objects.filter(status="withdrawn", org_id__in=rs.org_ids).values("id"))
    where, params = _where(qs)
    table = connection.ops.quote_name(Publication._meta.db_table)
    sql = f"SELECT channel, SUM(count) FROM {table} WHERE {where} GROUP BY channel"  # noqa: S608 - WHERE compiled by the ORM, parameters bound
    counts = {channel: n or 0 for channel, n in _fetch(sql, params)}
    labels = dict(Channel.choices)
    return [{"key": k, "label": str(labels[k]), "count": counts[k]} for k in Channel.values if k in counts]


def normative_registry(rs: ReportScope, start: date, end: date) -> dict[str, dict[str, int]]:
    """Table 2 row 第二十条第（一）项: issued / repealed / in force per kind (one GROUP BY query).

    The registry is a small part of the items (all years). PostgreSQL's planner finds the (is_normative,
    validity) index by itself; SQLite's statistics see a boolean with two values and would rather walk the
    (org, status) index over every published item, so there the query names the index when it exists.
    """
    qs = (
        Item.objects.filter(
            is_normative=True, status="published", normative_kind__in=NORMATIVE_KINDS, org_id__in=rs.org_ids
        )
        .values("normative_kind")
        .annotate(
            issued=Count("id", filter=q_issued(start, end)),
            repealed=Count("id", filter=q_repealed(start, end)),
            in_force=Count("id", filter=q_in_force(end)),
        )
        .order_by()
    )
    out = {k: {"issued": 0, "repealed": 0, "in_force": 0} for k in NORMATIVE_KINDS}
    sql, params = qs.query.sql_with_params()
    table = connection.ops.quote_name(Item._meta.db_table)
    sql = sql.replace(f"FROM {table}", f"FROM {table}{_index_hint(NORMATIVE_INDEX)}", 1)
    for kind, issued, repealed, in_force in _fetch(sql, list(params)):
        out[kind] = {"issued": issued, "repealed": repealed, "in_force": in_force}
    return out


def office_figures_total(rs: ReportScope, year: int) -> dict:
    agg = OfficeFigures.objects.filter(org_id__in=rs.org_ids, year=year).aggregate(
        licensing=Sum("licensing_decisions"),
        penalty=Sum("penalty_decisions"),
        coercion=Sum("coercion_decisions"),
        fees=Sum("fee_income_wan"),
        entered=Count("id"),
    )
    return {
        "licensing": agg["licensing"] or 0,
        "penalty": agg["penalty"] or 0,
        "coercion": agg["coercion"] or 0,
        "fees_wan": (agg["fees"] or Decimal("0")).quantize(Decimal("0.0001")),
        "entered": agg["entered"],
    }


@dataclass
class AppCounts:
    """Table 3 raw counts. Keys are applicant types as stored (an invalid type shows up as its own key)."""

    received: dict[str, int]
    carried_in: dict[str, int]
    carried_out: dict[str, int]
    closed: dict[tuple[str, str], int]  # (outcome as stored, applicant type) -> n
    by_org: dict[int, dict[str, int]]


def evaluations_by_org(rs: ReportScope, start: date, end: date) -> dict[int, dict[str, int]]:
    """The applicants' ratings of answers given in [start, end], per handling organisation, in one GROUP BY:
    {org_id: {"satisfied": n, "basically_satisfied": n, "unsatisfied": n}}."""
    rows = (
        Evaluation.objects.filter(application__org_id__in=rs.org_ids, on__range=(start, end))
        .values("application__org_id", "rating")
        .annotate(n=Count("id"))
        .order_by()
    )
    out: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in rows:
        out[r["application__org_id"]][r["rating"]] += r["n"]
    return out


def application_counts(rs: ReportScope, start: date, end: date) -> AppCounts:
    """Table 3 in two GROUP BY queries: the flow (received / carried in / carried out) and the outcomes."""
    scope = Application.objects.filter(org_id__in=rs.org_ids)
    flow = (
        scope.filter(Q(received_on__lte=end) & (Q(closed_on__isnull=True) | Q(closed_on__gte=start)))
        .values("org_id", "applicant_type")
        .annotate(
            received=Count("id", filter=q_received(start, end)),
            carried_in=Count("id", filter=q_carried_in(start)),
            carried_out=Count("id", filter=q_carried_out(end)),
        )
        .order_by()
    )
    received: dict[str, int] = defaultdict(int)
    carried_in: dict[str, int] = defaultdict(int)
    carried_out: dict[str, int] = defaultdict(int)
    by_org: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for r in flow:
        t = r["applicant_type"] or ""
        received[t] += r["received"]
        carried_in[t] += r["carried_in"]
        carried_out[t] += r["carried_out"]
        o = by_org[r["org_id"]]
        o["received"] += r["received"]
        o["carried_in"] += r["carried_in"]
        o["carried_out"] += r["carried_out"]
    closed_rows = (
        scope.filter(q_closed(start, end))
        .values("org_id", "applicant_type", "outcome")
        .annotate(n=Count("id"))
        .order_by()
    )
    closed: dict[tuple[str, str], int] = defaultdict(int)
    for c in _rows(closed_rows, CLOSED_INDEX):
        closed[(c["outcome"] or "", c["applicant_type"] or "")] += c["n"]
        by_org[c["org_id"]]["closed"] += c["n"]
        if c["outcome"] in ("granted", "partial"):
            by_org[c["org_id"]]["granted_or_partial"] += c["n"]
    return AppCounts(
        dict(received),
        dict(carried_in),
        dict(carried_out),
        dict(closed),
        {k: dict(v) for k, v in by_org.items()},
    )


def application_periods(rs: ReportScope, periods: list[tuple[date, date]]) -> tuple[list[dict], list[dict]]:
    """Received per (period, type) and closed per (period, outcome, type): two GROUP BY queries over the
    period index (a CASE on the date: each application is bucketed once)."""
    scope = Application.objects.filter(org_id__in=rs.org_ids)
    lo, hi = periods[0][0], periods[-1][1]
    received: list[dict[str, int]] = [defaultdict(int) for _ in periods]
    for r in (
        scope.filter(q_received(lo, hi))
        .annotate(period=_period_case("received_on", periods))
        .values("period", "applicant_type")
        .annotate(n=Count("id"))
        .order_by()
    ):
        if 0 <= r["period"] < len(periods):
            received[r["period"]][r["applicant_type"] or ""] += r["n"]
    closed: list[dict[tuple[str, str], int]] = [defaultdict(int) for _ in periods]
    for c in _rows(
        scope.filter(q_closed(lo, hi))
        .annotate(period=_period_case("closed_on", periods))
        .values("period", "applicant_type", "outcome")
        .annotate(n=Count("id"))
        .order_by(),
        CLOSED_INDEX,
    ):
        if 0 <= c["period"] < len(periods):
            closed[c["period"]][(c["outcome"] or "", c["applicant_type"] or "")] += c["n"]
    return received, closed


def application_carried(rs: ReportScope, days: list[date], *, kind: str) -> list[dict[str, int]]:
    """Carried in at each day (kind="in": open at its start) or carried out (kind="out": open after it), per
    applicant type: one GROUP BY query with a conditional count per day."""
    q_for = q_carried_in if kind == "in" else q_carried_out
    scope = Application.objects.filter(org_id__in=rs.org_ids, received_on__lte=max(days))
    out: list[dict[str, int]] = [defaultdict(int) for _ in days]
    for r in (
        scope.filter(Q(closed_on__isnull=True) | Q(closed_on__gte=min(days)))
        .values("applicant_type")
        .annotate(**{f"d{i}": Count("id", filter=q_for(d)) for i, d in enumerate(days)})
        .order_by()
    ):
        for i in range(len(days)):
            # django-stubs types the row without the keys annotate(**{…}) adds at run time
            out[i][r["applicant_type"] or ""] += r[f"d{i}"]  # type: ignore[literal-required]
    return out


def remedy_counts(rs: ReportScope, start: date, end: date) -> dict[str, dict[str, int]]:
    """Table 4 (one GROUP BY query): per kind, cases filed in the period by their result at its end."""
    rows = (
        Remedy.objects.filter(q_remedy_filed(start, end), application__org_id__in=rs.org_ids)
        .values("kind")
        .annotate(
            total_all=Count("id"),
            filed_earlier=Count("id", filter=Q(filed_on__lt=start)),
            **{r: Count("id", filter=q_remedy_result(r, end)) for r in REMEDY_RESULTS},
        )
        .order_by()
    )
    out = {k: {**dict.fromkeys(REMEDY_RESULTS, 0), "total_all": 0, "filed_earlier": 0} for k in REMEDY_KINDS}
    for r in rows:
        if r["kind"] in out:
            out[r["kind"]] = {
                **{x: r[x] for x in REMEDY_RESULTS},  # type: ignore[literal-required]  # keys of annotate(**{…})
                "total_all": r["total_all"],
                "filed_earlier": r["filed_earlier"],
            }
    return out


def fees_collected(rs: ReportScope, start: date, end: date) -> dict:
    agg = Fee.objects.filter(q_fee_collected(start, end), application__org_id__in=rs.org_ids).aggregate(
        amount=Sum("amount"), n=Count("id"), without_receipt=Count("id", filter=Q(receipt_no=""))
    )
    # Part 六 is the sum of the fiscal bills (财政票据) issued in the year: every payment counted has one.
    return {
        "amount_yuan": (agg["amount"] or Decimal("0")).quantize(Decimal("0.01")),
        "count": agg["n"],
        "without_receipt": agg["without_receipt"],
    }


def applications_due(rs: ReportScope, today: date) -> dict[int, dict[str, int]]:
    """Open applications per organisation: open, due within 5 days, overdue (one query)."""
    rows = (
        Application.objects.filter(org_id__in=rs.org_ids, closed_on__isnull=True, received_on__isnull=False)
        .values("org_id")
        .annotate(
            open=Count("id"),
            due_soon=Count("id", filter=Q(due_on__gte=today, due_on__lte=today + timedelta(days=5))),
            overdue=Count("id", filter=Q(due_on__lt=today)),
        )
        .order_by()
    )
    return {
        r["org_id"]: {"open": r["open"], "due_soon": r["due_soon"], "overdue": r["overdue"]} for r in rows
    }
