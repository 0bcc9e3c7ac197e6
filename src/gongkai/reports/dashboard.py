"""Figures and charts for the back-office statistics dashboard and the public statistics page.

Every number comes from the aggregate selectors (a fixed number of GROUP BY queries for a whole region).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.orgs.models import Organization
from gongkai.reports import builder, charts, selectors
from gongkai.reports.scopes import ReportScope, resolve, year_bounds
from gongkai.reports.tables import OUTCOME_LAYOUT


@dataclass
class LeagueRow:
    org: Organization
    items: int
    normative: int
    late: int
    received: int
    closed: int
    open: int
    overdue: int

    @property
    def late_rate(self) -> float:
        return round(100 * self.late / self.items, 1) if self.items else 0.0


@dataclass
class EvaluationRow:
    """One organisation's (or the total's) applicant ratings of answers (满意 / 基本满意 / 不满意)."""

    name: str
    satisfied: int
    basically_satisfied: int
    unsatisfied: int

    @property
    def total(self) -> int:
        return self.satisfied + self.basically_satisfied + self.unsatisfied

    @property
    def satisfied_rate(self) -> float:
        """满意度: satisfied and basically satisfied among all ratings, in per cent."""
        return round(100 * (self.satisfied + self.basically_satisfied) / self.total, 1) if self.total else 0.0


def evaluation_rows(rs: ReportScope, counts: dict[int, dict[str, int]]) -> list[EvaluationRow]:
    """Per organisation of the scope with at least one rating, in tree order, then the total (last row)."""
    rows = [
        EvaluationRow(
            o.display_name, c.get("satisfied", 0), c.get("basically_satisfied", 0), c.get("unsatisfied", 0)
        )
        for org_id, o in sorted(rs.orgs.items(), key=lambda kv: kv[1].path)
        if (c := counts.get(org_id))
    ]
    if rows:
        rows.append(
            EvaluationRow(
                "合计", sum(r.satisfied for r in rows), sum(r.basically_satisfied for r in rows),
                sum(r.unsatisfied for r in rows),
            )
        )  # fmt: skip
    return rows


def statistics(org: Organization, scope: str, year: int, *, today: date, staff: bool) -> dict:
    rs: ReportScope = resolve(org, scope)
    start, end = year_bounds(year)
    months = builder.periods_of(year, "month")
    spans = [(p[2], p[3]) for p in months]
    labels = [p[1] for p in months]
    items = selectors.items_by_period(rs, spans)
    received, closed = selectors.application_periods(rs, spans)
    apps = selectors.application_counts(rs, start, end)
    per_org_items = selectors.items_by_org(rs, start, end)
    out: dict = {"scope": rs, "year": year}
    out["items_chart"] = charts.column_chart(
        f"{year}年每月主动公开政府信息数量",
        labels,
        [("主动公开", [p["total"] for p in items]), ("其中规范性文件", [p["normative"] for p in items])],
        unit="条",
    )
    out["applications_chart"] = charts.column_chart(
        f"{year}年每月收到和办结的政府信息公开申请",
        labels,
        [("新收", [sum(r.values()) for r in received]), ("办结", [sum(c.values()) for c in closed])],
        unit="件",
    )
    groups = []
    for group, codes in OUTCOME_LAYOUT[:-1]:
        wanted = {c for c, _ in codes}
        groups.append((group, sum(n for (o, _t), n in apps.closed.items() if o in wanted)))
    out["outcomes_chart"] = charts.bar_chart(
        f"{year}年政府信息公开申请办理结果", groups, unit="件", name="办结"
    )
    out["totals"] = {
        "items": sum(v["total"] for v in per_org_items.values()),
        "normative": sum(v["normative"] for v in per_org_items.values()),
        "late": sum(v["late"] for v in per_org_items.values()),
        "received": sum(apps.received.values()),
        "closed": sum(apps.closed.values()),
        "carried_out": sum(apps.carried_out.values()),
    }
    out["evaluations"] = evaluation_rows(rs, selectors.evaluations_by_org(rs, start, end))
    if staff:
        due = selectors.applications_due(rs, today)
        league = []
        for org_id, o in sorted(rs.orgs.items(), key=lambda kv: kv[1].path):
            it = per_org_items.get(org_id, {"total": 0, "normative": 0, "late": 0})
            ap = apps.by_org.get(org_id, {})
            du = due.get(org_id, {"open": 0, "overdue": 0, "due_soon": 0})
            if it["total"] or ap or du["open"]:
                league.append(
                    LeagueRow(o, it["total"], it["normative"], it["late"], ap.get("received", 0), ap.get("closed", 0),
                              du["open"], du["overdue"])
                )  # fmt: skip
        league.sort(key=lambda r: (-r.items, r.late, r.org.path))
        out["league"] = league
        open_total = sum(d["open"] for d in due.values())
        overdue = sum(d["overdue"] for d in due.values())
        soon = sum(d["due_soon"] for d in due.values())
        out["due_chart"] = charts.bar_chart(
            "未办结的政府信息公开申请",
            [("期限内", open_total - overdue - soon), ("5日内到期", soon), ("已超期", overdue)],
            unit="件",
        )
        out["due"] = {"open": open_total, "overdue": overdue, "due_soon": soon}
        out["league_chart"] = charts.bar_chart(
            f"{year}年各机构主动公开信息数量（前15名）",
            [(r.org.display_name, r.items) for r in league[:15]],
            unit="条",
        )
    return out
