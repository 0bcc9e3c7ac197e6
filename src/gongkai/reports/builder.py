"""Builds the report dict: the one model of a report from which every view and export is produced.

`build_annual(org=…, year=…, scope=…)` runs a fixed number of aggregate queries (independent of the number of
records) and returns a plain, JSON-ready dict whose keys are the documented schema (docs/reports.md). A
published report stores this dict as its snapshot; HTML, DOCX, XLSX, PDF and JSON are rendered from it and
never compute a figure themselves.

Figure references (`ref`) name the records behind each number for the staff drill-down; see
`reports.selectors.records_for`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from gongkai.orgs.models import Level, Organization
from gongkai.reports import checks, selectors
from gongkai.reports.scopes import ReportScope, lower_label, resolve, year_bounds
from gongkai.reports.selectors import APPLICANT_TYPES, NORMATIVE_KINDS, REMEDY_KINDS, REMEDY_RESULTS

SCHEMA_ANNUAL = "gongkai.annual-report/1"
SCHEMA_PERIOD = "gongkai.period-report/1"
TABLE3_COLUMNS = [*APPLICANT_TYPES, "total"]
LEVEL_LABELS = dict(Level.choices)


def _num(value) -> int | float:
    """JSON numbers: ints stay ints; decimals become floats with at most 4 places."""
    if isinstance(value, Decimal):
        return float(value.quantize(Decimal("0.0001")))
    return value


def table3_rows(
    received: dict[str, int],
    carried_in: dict[str, int],
    carried_out: dict[str, int],
    closed: dict[tuple[str, str], int],
) -> dict[str, dict[str, int]]:
    """Table 3 rows keyed by row name then column (six applicant types + total).

    The total column counts every application of the row, whatever its stored applicant type, and the
    (七) 总计 row counts every closed application, whatever its outcome: an invalid type or a missing outcome
    therefore shows as a difference that `reports.checks` reports instead of disappearing.
    """

    def row(counts: dict[str, int]) -> dict[str, int]:
        out = {t: counts.get(t, 0) for t in APPLICANT_TYPES}
        out["total"] = sum(counts.values())
        return out

    rows: dict[str, dict[str, int]] = {"received": row(received), "carried_in": row(carried_in)}
    all_closed: dict[str, int] = defaultdict(int)
    for (_outcome, t), n in closed.items():
        all_closed[t] += n
    for code in selectors.outcome_codes():
        rows[code] = row({t: n for (o, t), n in closed.items() if o == code})
    rows["outcome_total"] = row(all_closed)
    rows["carried_out"] = row(carried_out)
    return rows


def build_annual(
    *, org: Organization, year: int, scope: str, narrative: dict | None = None, today: date | None = None
) -> dict:
    rs = resolve(org, scope)
    start, end = year_bounds(year)
    report = _annual_figures(rs, year, start, end)
    report["title"] = annual_title(org, year, scope)
    previous = selectors.previous_published(org, year, scope)
    report["checks"] = checks.run(report, previous.snapshot if previous and previous.snapshot else None)
    report["narrative"] = narrative or {}
    report["generated_at"] = timezone.localtime().isoformat(timespec="seconds")
    return report


def annual_title(org: Organization, year: int, scope: str) -> str:
    from gongkai.reports.models import Scope

    if scope == Scope.REGION:
        who = org.short_name or org.name.removesuffix("人民政府")
        return f"{who}{year}年政府信息公开工作年度报告"
    return f"{org.name}{year}年政府信息公开工作年度报告"


def _annual_figures(rs: ReportScope, year: int, start: date, end: date) -> dict:
    org = rs.org
    registry = selectors.normative_registry(rs, start, end)
    office = selectors.office_figures_total(rs, year)
    apps = selectors.application_counts(rs, start, end)
    remedies = selectors.remedy_counts(rs, start, end)
    fees = selectors.fees_collected(rs, start, end)
    proactive = proactive_figures(rs, start, end)
    t3 = table3_rows(apps.received, apps.carried_in, apps.carried_out, apps.closed)
    t4 = {}
    for kind in REMEDY_KINDS:
        counts = remedies[kind]
        t4[kind] = {r: counts[r] for r in REMEDY_RESULTS}
        t4[kind]["total"] = counts["total_all"]
    by_org_apps = []
    for org_id, o in sorted(rs.orgs.items(), key=lambda kv: kv[1].path):
        org_counts = apps.by_org.get(org_id)
        if org_counts:
            by_org_apps.append(
                {
                    "credit_code": o.credit_code,
                    "name": o.name,
                    "received": org_counts.get("received", 0),
                    "carried_in": org_counts.get("carried_in", 0),
                    "closed": org_counts.get("closed", 0),
                    "carried_out": org_counts.get("carried_out", 0),
                }
            )
    return {
        "schema": SCHEMA_ANNUAL,
        "format": "2021",
        "org": {"name": org.name, "credit_code": org.credit_code, "level": org.level, "kind": org.kind},
        "year": year,
        "scope": rs.scope,
        "scope_label": rs.scope_label,
        "subject": rs.subject,
        "period": {"start": start.isoformat(), "end": end.isoformat()},
        "organisations": len(rs.orgs),
        "table2": {
            "rule": registry["rule"],
            "normative": registry["normative"],
            "licensing": office["licensing"],
            "penalty": office["penalty"],
            "coercion": office["coercion"],
            "fees_wan": _num(office["fees_wan"]),
            "office_figures_entered": office["entered"],
        },
        "table3": {"columns": TABLE3_COLUMNS, "rows": t3},
        "table4": t4,
        "table4_notes": {
            "pending": sum(t4[k]["pending"] for k in REMEDY_KINDS),
            "filed_earlier": sum(remedies[k]["filed_earlier"] for k in REMEDY_KINDS),
        },
        "proactive": proactive,
        "applications_by_org": by_org_apps,
        "fees_collected": {
            "amount_yuan": _num(fees["amount_yuan"]),
            "count": fees["count"],
            "without_receipt": fees["without_receipt"],
        },
    }


def proactive_figures(rs: ReportScope, start: date, end: date) -> dict:
    """Part 二 statistics like the seed's: totals, per part of the scope and level, by topic, class, focus
    area and channel, late items."""
    groups = selectors.item_groups(rs, start, end)
    per_org = selectors.by_org_from_groups(groups)

    def zero():
        return {"total": 0, "normative": 0, "late": 0}

    def add(into, counts):
        for k in ("total", "normative", "late"):
            into[k] += counts[k]

    totals = zero()
    segments = []
    lower = zero()
    for seg in rs.segments:
        s = zero()
        for org_id in seg.org_ids:
            if org_id in per_org:
                add(s, per_org[org_id])
        add(totals, s)
        if seg.is_lower:
            add(lower, s)
        segments.append(
            {
                "key": seg.key,
                "label": seg.label,
                "is_lower": seg.is_lower,
                **s,
                "other": s["total"] - s["normative"],
            }
        )
    by_level: dict[str, dict] = {}
    for org_id, counts in per_org.items():
        level = rs.orgs[org_id].level
        add(by_level.setdefault(level, zero()), counts)
    by_org = [
        {
            "credit_code": o.credit_code,
            "name": o.name,
            "level": o.level,
            "segment": (s.key if (s := rs.segment_of(org_id)) else ""),
            **per_org[org_id],
        }
        for org_id, o in sorted(rs.orgs.items(), key=lambda kv: kv[1].path)
        if org_id in per_org
    ]
    has_lower = any(s["is_lower"] for s in segments)
    return {
        **totals,
        "other": totals["total"] - totals["normative"],
        "segments": segments,
        "lower": {**lower, "other": lower["total"] - lower["normative"], "label": lower_label(rs.org)}
        if has_lower
        else None,
        "by_level": [
            {
                "key": k,
                "label": str(LEVEL_LABELS[k]),
                "count": by_level[k]["total"],
                "normative": by_level[k]["normative"],
            }
            for k in Level.values
            if k in by_level
        ],
        "by_topic": selectors.by_topic_from_groups(groups),
        "by_statutory_class": selectors.by_class_from_groups(groups),
        "by_focus_area": selectors.items_by_focus_area(rs, start, end),
        "by_channel": selectors.publications_by_channel(rs, start, end),
        "by_org": by_org,
    }


# --- Monthly and quarterly figures ----------------------------------------------------------------


def periods_of(year: int, kind: str) -> list[tuple[str, str, date, date]]:
    """(key, label, start, end) of each month or quarter of `year`."""
    out = []
    if kind == "month":
        for m in range(1, 13):
            start = date(year, m, 1)
            end = (date(year + (m == 12), m % 12 + 1, 1)) - timedelta(days=1)
            out.append((f"{year}-{m:02d}", f"{m}月", start, end))
    elif kind == "quarter":
        names = ["第一季度", "第二季度", "第三季度", "第四季度"]
        for q in range(4):
            start = date(year, 3 * q + 1, 1)
            end = date(year + (q == 3), (3 * q + 3) % 12 + 1, 1) - timedelta(days=1)
            out.append((f"{year}-Q{q + 1}", names[q], start, end))
    else:
        from django.core.exceptions import ValidationError

        raise ValidationError({"kind": [f"报表周期“{kind}”无效，可选：month（月报）、quarter（季报）。"]})
    return out


def build_periods(*, org: Organization, year: int, scope: str, kind: str) -> dict:
    """Table 3's structure per month or quarter (本期新收 / 上期结转 / 结转下期) and the proactive figures per
    period. Each period is counted directly with the same definitions as the year, so they add up to it."""
    rs = resolve(org, scope)
    plist = periods_of(year, kind)
    spans = [(p[2], p[3]) for p in plist]
    received, closed = selectors.application_periods(rs, spans)
    carried_in = selectors.application_carried(rs, [s for s, _ in spans], kind="in")
    carried_out = selectors.application_carried(rs, [e for _, e in spans], kind="out")
    items = selectors.items_by_period(rs, spans)
    periods = []
    for i, (key, label, start, end) in enumerate(plist):
        rows = table3_rows(received[i], carried_in[i], carried_out[i], closed[i])
        periods.append(
            {
                "key": key,
                "label": label,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "table3": {"columns": TABLE3_COLUMNS, "rows": rows},
                "proactive": {**items[i], "other": items[i]["total"] - items[i]["normative"]},
            }
        )
    return {
        "schema": SCHEMA_PERIOD,
        "org": {"name": org.name, "credit_code": org.credit_code, "level": org.level, "kind": org.kind},
        "year": year,
        "scope": scope,
        "scope_label": rs.scope_label,
        "subject": rs.subject,
        "kind": kind,
        "title": f"{annual_title(org, year, scope).replace('年度报告', '')}{'月报' if kind == 'month' else '季报'}",
        "periods": periods,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
    }


__all__ = ["NORMATIVE_KINDS", "build_annual", "build_periods", "periods_of", "table3_rows"]
