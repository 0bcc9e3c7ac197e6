"""Reads for reports: database aggregates (GROUP BY, never Python loops over rows), drill-down record sets,
and access-controlled report look-ups.

Each figure is defined once, as a Q over its source model (`_q_*` below). The aggregate counts with that Q as a
filter; the drill-down behind a number returns the rows of the same Q. So a number and its records always agree.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Sum, Value, When
from django.http import Http404

from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization
from gongkai.reports import conf, rules
from gongkai.reports.models import AnnualReport, OfficeFigures, ReportStatus, Scope
from gongkai.reports.scopes import ReportScope, aware_range

APPLICANT_TYPES = ["natural", "commercial", "research", "social_welfare", "legal_services", "other"]
REMEDY_KINDS = ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
REMEDY_RESULTS = ["upheld", "corrected", "other", "pending"]
NORMATIVE_KINDS = ["rule", "normative"]
VALID_OUTCOMES_CACHE: list[str] = []


def _models():
    from gongkai.catalog.models import Item, Publication
    from gongkai.foi.models import Application, Fee, Remedy

    return Item, Publication, Application, Fee, Remedy


def outcome_codes() -> list[str]:
    """The outcome codes of table 3 in table order (from the foi app's Outcome choices)."""
    if not VALID_OUTCOMES_CACHE:
        from gongkai.foi.models import Outcome

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
    Item, *_ = _models()
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
    Item, *_ = _models()
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


def _where(qs) -> tuple[str, list]:
    """The WHERE clause of an ORM queryset, compiled (parameters bound, never formatted in)."""
    from django.db import connection

    compiler = qs.query.get_compiler(connection=connection)
    sql, params = compiler.compile(qs.query.where)
    return sql, list(params)


REPORT_INDEX = "item_report_idx"  # catalog.Item: (status, disclosure, org, topic, class, published_at, …)
CLOSED_INDEX = "foi_app_closed_idx"  # foi.Application: (org, applicant_type, outcome, closed_on)
NORMATIVE_INDEX = "item_normative_idx"  # catalog.Item's (is_normative, validity) index


def _index_hint(name: str) -> str:
    """SQLite only: " INDEXED BY <name>" when that index exists (it does once migrated), else "".

    SQLite's planner reads a period's items through the (org, status, published_at) index and fetches every
    row by rowid, sorting for the GROUP BY: several times slower than reading the covering report index,
    which holds every column the count needs in GROUP BY order. PostgreSQL's planner weighs this itself.
    """
    from django.db import connection

    if connection.vendor != "sqlite":
        return ""
    found = _fetch("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = %s", [name])
    return f" INDEXED BY {connection.ops.quote_name(name)}" if found else ""


def _rows(qs, index: str) -> list[dict]:
    """Run an ORM aggregate, on SQLite reading through the named index (`_index_hint`)."""
    from django.db import connection

    sql, params = qs.query.sql_with_params()
    hint = _index_hint(index)
    if hint:
        table = connection.ops.quote_name(qs.model._meta.db_table)
        sql = sql.replace(f"FROM {table}", f"FROM {table}{hint}", 1)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _fetch(sql: str, params: list) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def item_groups(rs: ReportScope, start: date, end: date) -> list[dict]:
    """Published items of the period counted per organisation, per topic and per statutory class in ONE scan.

    On PostgreSQL one GROUP BY GROUPING SETS ((org), (topic), (class)) returns a hundred-odd rows; SQLite, which
    has no grouping sets, gets the same rows from its combinations. Each row is {org_id, topic_id,
    statutory_class, total, normative, late} with one of the three set, and the roll-ups below add them up.
    The WHERE clause is the ORM's (the same Q as the drill-down), compiled once.
    """
    from django.db import connection

    Item, *_ = _models()
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
    from gongkai.catalog.models import Topic

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
    from gongkai.catalog.models import StatutoryClass

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
    from django.db import connection

    from gongkai.catalog.models import FocusArea

    Item, *_ = _models()
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
    from django.db import connection

    from gongkai.catalog.models import Channel

    Item, Publication, *_ = _models()
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
    from django.db import connection

    Item, *_ = _models()
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
    from gongkai.foi.models import Evaluation

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
    _, _, Application, *_ = _models()
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
    for r in _rows(closed_rows, CLOSED_INDEX):
        closed[(r["outcome"] or "", r["applicant_type"] or "")] += r["n"]
        by_org[r["org_id"]]["closed"] += r["n"]
        if r["outcome"] in ("granted", "partial"):
            by_org[r["org_id"]]["granted_or_partial"] += r["n"]
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
    _, _, Application, *_ = _models()
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
    for r in _rows(
        scope.filter(q_closed(lo, hi))
        .annotate(period=_period_case("closed_on", periods))
        .values("period", "applicant_type", "outcome")
        .annotate(n=Count("id"))
        .order_by(),
        CLOSED_INDEX,
    ):
        if 0 <= r["period"] < len(periods):
            closed[r["period"]][(r["outcome"] or "", r["applicant_type"] or "")] += r["n"]
    return received, closed


def application_carried(rs: ReportScope, days: list[date], *, kind: str) -> list[dict[str, int]]:
    """Carried in at each day (kind="in": open at its start) or carried out (kind="out": open after it), per
    applicant type: one GROUP BY query with a conditional count per day."""
    _, _, Application, *_ = _models()
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
            out[i][r["applicant_type"] or ""] += r[f"d{i}"]
    return out


def remedy_counts(rs: ReportScope, start: date, end: date) -> dict[str, dict[str, int]]:
    """Table 4 (one GROUP BY query): per kind, cases filed in the period by their result at its end."""
    *_, Remedy = _models()
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
                **{x: r[x] for x in REMEDY_RESULTS},
                "total_all": r["total_all"],
                "filed_earlier": r["filed_earlier"],
            }
    return out


def fees_collected(rs: ReportScope, start: date, end: date) -> dict:
    *_, Fee, _ = _models()
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
    from datetime import timedelta

    _, _, Application, *_ = _models()
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


# --- Drill-down: the records behind a figure ------------------------------------------------------


class UnknownFigure(Exception):
    pass


def records_for(rs: ReportScope, ref: str, start: date, end: date) -> tuple[str, QuerySet]:
    """The records behind the figure named `ref` (see `reports.builder` for the names), as (kind, queryset).

    kind is "item", "application", "remedy", "fee", "publication" or "office".
    """
    Item, Publication, Application, Fee, Remedy = _models()
    parts = ref.split(".")
    ids = rs.org_ids
    head = parts[0]
    if head == "items" and len(parts) >= 2:
        qs = Item.objects.published().filter(q_published_in(start, end), org_id__in=ids)
        body, _, variant = ".".join(parts[1:]).partition(":")
        what, _, arg = body.partition(".")
        if what in {"normative", "other", "late"} and not arg:
            what, variant = "total", what
        if what == "total":
            pass
        elif what == "segment":
            segment = next((s for s in rs.segments if s.key == arg), None)
            if segment is None:
                raise UnknownFigure(ref)
            qs = qs.filter(org_id__in=segment.org_ids)
        elif what == "lower":
            qs = qs.filter(org_id__in=[i for s in rs.segments if s.is_lower for i in s.org_ids])
        elif what == "org":
            qs = qs.filter(org__credit_code=arg)
        elif what == "topic":
            qs = qs.filter(Q(topic__code=arg) | Q(topic__parent__code=arg))
        elif what == "class":
            qs = qs.filter(statutory_class=arg)
        elif what == "focus":
            qs = qs.filter(focus_areas__code=arg)
        else:
            raise UnknownFigure(ref)
        if variant == "normative":
            qs = qs.filter(is_normative=True)
        elif variant == "other":
            qs = qs.filter(is_normative=False)
        elif variant == "late":
            qs = qs.filter(is_late=True)
        elif variant:
            raise UnknownFigure(ref)
        return "item", qs.select_related("org").order_by("-published_at", "-id").distinct()
    if head == "apps" and len(parts) == 3:
        # Per organisation (league table): apps.<credit code>.<received|closed|carried_out|open|overdue>
        qs = Application.objects.filter(org_id__in=ids, org__credit_code=parts[1])
        what = parts[2]
        if what in {"received", "carried_out"}:
            return "application", _applications_for(qs, what, "total", start, end)
        if what == "closed":
            return "application", _applications_for(qs, "outcome_total", "total", start, end)
        from django.utils import timezone

        qs = qs.filter(closed_on__isnull=True, received_on__isnull=False)
        if what == "overdue":
            qs = qs.filter(due_on__lt=timezone.localdate())
        elif what != "open":
            raise UnknownFigure(ref)
        return "application", qs.select_related("org").order_by("due_on", "id")
    if head == "channel" and len(parts) == 2:
        qs = Publication.objects.filter(
            org_id__in=ids, published_on__gte=start, published_on__lte=end, channel=parts[1]
        )
        return "publication", qs.select_related("org", "item").order_by("-published_on", "-id")
    if head == "t2" and len(parts) == 3 and parts[1] in NORMATIVE_KINDS:
        qs = Item.objects.filter(status="published", normative_kind=parts[1], org_id__in=ids)
        q = {
            "issued": q_issued(start, end),
            "repealed": q_repealed(start, end),
            "in_force": q_in_force(end),
        }.get(parts[2])
        if q is None:
            raise UnknownFigure(ref)
        return "item", qs.filter(q).select_related("org").order_by("-written_on", "-id")
    if head == "t2" and len(parts) == 2 and parts[1] in {"licensing", "penalty", "coercion", "fees"}:
        return "office", OfficeFigures.objects.filter(org_id__in=ids, year=start.year).select_related("org")
    if head == "t3" and len(parts) >= 3:  # outcome codes contain a dot: t3.refused.state_secret.natural
        row, column = ".".join(parts[1:-1]), parts[-1]
        return "application", _applications_for(
            Application.objects.filter(org_id__in=ids), row, column, start, end
        )
    if head == "t4" and len(parts) == 3 and parts[1] in REMEDY_KINDS:
        qs = Remedy.objects.filter(q_remedy_filed(start, end), application__org_id__in=ids, kind=parts[1])
        if parts[2] in REMEDY_RESULTS:
            qs = qs.filter(q_remedy_result(parts[2], end))
        elif parts[2] != "total":
            raise UnknownFigure(ref)
        return "remedy", qs.select_related("application", "application__org").order_by("filed_on", "id")
    if head == "fees":
        qs = Fee.objects.filter(q_fee_collected(start, end), application__org_id__in=ids)
        return "fee", qs.select_related("application", "application__org").order_by("paid_on", "id")
    if head == "check" and len(parts) == 2 and parts[1] == "fee_without_receipt":
        qs = Fee.objects.filter(q_fee_collected(start, end), application__org_id__in=ids, receipt_no="")
        return "fee", qs.select_related("application", "application__org").order_by("paid_on", "id")
    if head == "check" and len(parts) == 2:
        return "application", _check_records(Application.objects.filter(org_id__in=ids), parts[1], start, end)
    raise UnknownFigure(ref)


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise UnknownFigure(value) from None


def _applications_for(qs, row: str, column: str, start: date, end: date) -> QuerySet:
    codes = outcome_codes()
    if row == "received":
        qs = qs.filter(q_received(start, end))
    elif row == "carried_in":
        qs = qs.filter(q_carried_in(start))
    elif row == "carried_out":
        qs = qs.filter(q_carried_out(end))
    elif row == "outcome_total":
        qs = qs.filter(q_closed(start, end))
    elif row in codes:
        qs = qs.filter(q_closed(start, end), outcome=row)
    else:
        raise UnknownFigure(row)
    if column in APPLICANT_TYPES:
        qs = qs.filter(applicant_type=column)
    elif column != "total":
        raise UnknownFigure(column)
    return qs.select_related("org").order_by("received_on", "id")


def _check_records(qs, name: str, start: date, end: date) -> QuerySet:
    """Records that make a check fail (see reports.checks)."""
    if name == "outcome_missing":
        qs = qs.filter(q_closed(start, end)).exclude(outcome__in=outcome_codes())
    elif name == "bad_applicant_type":
        period = q_received(start, end) | q_carried_in(start) | q_closed(start, end) | q_carried_out(end)
        qs = qs.filter(period).exclude(applicant_type__in=APPLICANT_TYPES)
    elif name == "closed_before_received":
        qs = qs.filter(q_closed(start, end)).filter(
            Q(received_on__isnull=True) | Q(received_on__gt=F("closed_on"))
        )
    elif name == "carried_in":
        qs = qs.filter(q_carried_in(start))
    else:
        raise UnknownFigure(name)
    return qs.select_related("org").order_by("received_on", "id")


# --- Reports under access control -----------------------------------------------------------------


def reports_for_staff(user) -> QuerySet:
    return access.filter_by_org(AnnualReport.objects.select_related("org"), user, *rules.VIEW_ROLES)


def get_report_for_staff(*, user, pk: int) -> AnnualReport:
    report = reports_for_staff(user).filter(pk=pk).first()
    if report is None:
        raise Http404("没有找到该年度报告。")
    return report


def published_reports():
    return AnnualReport.objects.filter(status=ReportStatus.PUBLISHED).select_related("org")


def get_published_report(*, credit_code: str, year: int, scope: str) -> AnnualReport:
    report = (
        published_reports()
        .filter(org__credit_code=credit_code.upper(), year=year, scope=scope, org__is_active=True)
        .first()
    )
    if report is None:
        raise Http404("没有找到该年度报告。")
    return report


def reported_years(org_id: int) -> set[int]:
    """The years whose annual report covering the organisation is published (its figures never move)."""
    from gongkai.reports.models import ReportedYear

    return set(ReportedYear.objects.filter(org_id=org_id).values_list("year", flat=True))


def previous_published(report_org: Organization, year: int, scope: str) -> AnnualReport | None:
    return (
        AnnualReport.objects.filter(org=report_org, year=year - 1, scope=scope, status=ReportStatus.PUBLISHED)
        .only("snapshot", "year")
        .first()
    )


def report_duty_orgs(user=None):
    """Organisations that publish an annual report (Art. 49): governments and their departments."""
    qs = Organization.objects.active().filter(kind__in=[Kind.GOVERNMENT, Kind.DEPARTMENT])
    if user is not None:
        qs = access.filter_by_org(qs, user, *rules.VIEW_ROLES, field="")
    return qs.order_by("path")


def deadline_for(org: Organization, year: int) -> date:
    """The day the annual report of `year` is due: governments by 31 March, departments by 31 January of the
    next year (settings GONGKAI_REPORT_DEADLINE_GOVERNMENT / _DEPARTMENT, "MM-DD")."""
    month, day = conf.deadline_government() if org.kind == Kind.GOVERNMENT else conf.deadline_department()
    if (month, day) == (2, 29) and not calendar.isleap(year + 1):
        day = 28
    return date(year + 1, month, day)


def reports_due(*, today: date, user=None) -> list[dict]:
    """Last year's annual reports still to publish, with their deadline and days left (two queries)."""
    year = today.year - 1
    orgs = list(report_duty_orgs(user))
    published = set(
        AnnualReport.objects.filter(
            year=year, status=ReportStatus.PUBLISHED, org__in=[o.pk for o in orgs]
        ).values_list("org_id", flat=True)
    )
    out = []
    for org in orgs:
        if org.pk in published:
            continue
        deadline = deadline_for(org, year)
        days = (deadline - today).days
        out.append(
            {"org": org, "year": year, "deadline": deadline, "days_left": days, "overdue_days": max(0, -days)}
        )
    out.sort(key=lambda e: (e["days_left"], e["org"].path))
    return out


def statistics_governments():
    """Governments offered on the public statistics page (active, in tree order)."""
    return Organization.objects.active().filter(kind=Kind.GOVERNMENT).order_by("path")


__all__ = ["Scope"]
