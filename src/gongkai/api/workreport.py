"""Work report API: the published work reports and their figures (open); a report's live figures (staff)."""

from datetime import datetime
from typing import Any

from ninja import Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.workreport import exports, selectors, services

router = Router(tags=["政务公开工作总结"])


class WorkReportOut(Schema):
    org: str
    org_name: str
    year: int
    title: str
    published_at: datetime | None
    url: str
    figures_url: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/work-reports/{obj.org.credit_code}/{obj.year}/"

    @staticmethod
    def resolve_figures_url(obj) -> str:
        return f"/api/v1/work-reports/{obj.org.credit_code}/{obj.year}"


@router.get("/", response=list[WorkReportOut], summary="已发布的政务公开工作总结")
@paginate(Page)
def list_work_reports(request):
    return selectors.published()


@router.get(
    "/staff/{pk}", response=dict, auth=django_auth, summary="工作总结的数字（工作人员，草稿按当前记录统计）"
)
def staff_figures(request, pk: int) -> dict[str, Any]:
    report = selectors.get_report_for_staff(user=request.user, pk=pk)
    return exports.figures_json(services.report_data(report))


@router.get("/{code}/{year}", response=dict, summary="已发布工作总结的数字（JSON）")
def published_figures(request, code: str, year: int) -> dict[str, Any]:
    report = selectors.get_published_by(credit_code=code, year=year)
    return exports.figures_json(report.snapshot or {})
