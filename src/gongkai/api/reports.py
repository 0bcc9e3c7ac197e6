"""Reports API: published annual reports and public statistics (open); live reports, monthly and quarterly
figures and office figures (staff, session login). The report body is the report dict of
`gongkai.reports.builder` (schema "gongkai.annual-report/1", documented in docs/reports.md)."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.core.notfound import first_or_404
from gongkai.orgs import access
from gongkai.orgs import selectors as org_selectors
from gongkai.reports import builder, dashboard, rules, selectors, services
from gongkai.reports.rules import ReportRules
from gongkai.reports.scopes import validate_scope, validate_year

router = Router(tags=["统计报表"])


class ReportOut(Schema):
    org: str
    org_name: str
    year: int
    scope: str
    title: str
    published_at: datetime | None
    catalog_index_no: str
    url: str
    json_url: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/reports/{obj.org.credit_code}/{obj.year}/{obj.scope}/"

    @staticmethod
    def resolve_json_url(obj) -> str:
        return f"/reports/{obj.org.credit_code}/{obj.year}/{obj.scope}.json"


class ReportFilters(Schema):
    org: str | None = None
    year: int | None = None


class ScopeQuery(Schema):
    org: str
    year: int
    scope: str = "alone"


class PeriodQuery(ScopeQuery):
    kind: str = "month"


class OfficeFiguresIn(Schema):
    licensing_decisions: Any = 0
    penalty_decisions: Any = 0
    coercion_decisions: Any = 0
    fee_income_wan: Any = 0
    note: str = ""


class OfficeFiguresOut(Schema):
    org: str
    year: int
    licensing_decisions: int
    penalty_decisions: int
    coercion_decisions: int
    fee_income_wan: float
    note: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_fee_income_wan(obj) -> float:
        return float(obj.fee_income_wan)


@router.get("/", response=list[ReportOut], summary="已发布的年度报告")
@paginate(Page)
def list_reports(request, filters: Query[ReportFilters]):
    qs = selectors.published_reports().order_by("-year", "org__path", "scope")
    if filters.org:
        qs = qs.filter(org__credit_code=filters.org.upper())
    if filters.year:
        qs = qs.filter(year=filters.year)
    return qs


@router.get("/statistics", response=dict, summary="公开统计数据（主动公开与依申请公开汇总）")
def public_statistics(request, q: Query[ScopeQuery]):
    org = org_selectors.get_public_org(credit_code=q.org)
    year = validate_year(q.year)
    scope = validate_scope(org, q.scope)
    stats = dashboard.statistics(org, scope, year, today=timezone.localdate(), staff=False)
    return {
        "org": org.credit_code,
        "year": year,
        "scope": scope,
        "totals": stats["totals"],
        "items_by_month": [
            {"month": i + 1, "total": int(t), "normative": int(n)}
            for i, (t, n) in enumerate(zip(*[s[1] for s in stats["items_chart"].series], strict=True))
        ],
        "evaluations": [
            {
                "org": r.name,
                "satisfied": r.satisfied,
                "basically_satisfied": r.basically_satisfied,
                "unsatisfied": r.unsatisfied,
                "total": r.total,
            }
            for r in stats["evaluations"]
        ],
    }


def _staff_org(request, code: str):
    return first_or_404(
        rules.orgs_reached(request.user).filter(credit_code=code.upper()),
        "没有找到该机构，或您无权查看其报表。",
    )


@router.get("/build", response=dict, auth=django_auth, summary="按当前数据生成年度报告（工作人员）")
def build_report(request, q: Query[ScopeQuery]):
    org = _staff_org(request, q.org)
    year = validate_year(q.year)
    scope = validate_scope(org, q.scope)
    return builder.build_annual(org=org, year=year, scope=scope)


@router.get("/periods", response=dict, auth=django_auth, summary="月报、季报（工作人员）")
def periods(request, q: Query[PeriodQuery]):
    org = _staff_org(request, q.org)
    year = validate_year(q.year)
    scope = validate_scope(org, q.scope)
    return builder.build_periods(org=org, year=year, scope=scope, kind=q.kind)


@router.put(
    "/figures/{code}/{year}",
    response=OfficeFiguresOut,
    auth=django_auth,
    summary="填报许可、处罚、强制、收费数据",
)
def put_figures(request, code: str, year: int, payload: OfficeFiguresIn):
    org = first_or_404(access.orgs_for(request.user).filter(credit_code=code.upper()), "没有找到该机构。")
    if not ReportRules(request.user, org=org).may_enter_figures():
        raise PermissionDenied("您不是该机构的公开工作机构人员，不能填报其数据。")
    row = services.office_figures_save(actor=request.user, org=org, year=year, **payload.dict())
    return row


@router.get("/{code}/{year}/{scope}", response=dict, summary="已发布年度报告的全部数据（JSON）")
def get_report(request, code: str, year: int, scope: str):
    return selectors.get_published_report(credit_code=code, year=year, scope=scope).snapshot
