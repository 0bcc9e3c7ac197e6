"""Interpretation API: published interpretations, press conferences and gazette issues (open), and the
statistics of interpretation and release of an organisation or region (staff, session login)."""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from ninja import Query, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.core.notfound import first_or_404
from gongkai.interpretation import selectors

router = Router(tags=["政策解读与发布"])


class InterpretationOut(Schema):
    title: str
    kind: str
    kind_label: str
    org: str
    org_name: str
    published_at: datetime | None
    due_on: date | None
    is_late: bool
    url: str
    documents: list[str]

    @staticmethod
    def resolve_title(obj) -> str:
        return obj.item.title

    @staticmethod
    def resolve_kind_label(obj) -> str:
        return obj.get_kind_display()

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_org_name(obj) -> str:
        return obj.org.name

    @staticmethod
    def resolve_published_at(obj) -> datetime | None:
        return obj.item.published_at

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/catalog/{obj.item.slug}/"

    @staticmethod
    def resolve_documents(obj) -> list[str]:
        return [f"/catalog/{d.slug}/" for d in obj.documents.all() if d.slug and d.status == "published"]


class IssueOut(Schema):
    org: str
    year: int
    number: int
    published_on: date
    items: int
    url: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_items(obj) -> int:
        return obj.entries.count()

    @staticmethod
    def resolve_url(obj) -> str:
        return f"/gazette/{obj.pk}/"


class StatisticsQuery(Schema):
    org: str
    start: date
    end: date


@router.get("/interpretations", response=list[InterpretationOut], summary="已发布的政策解读")
@paginate(Page)
def list_interpretations(request):
    return selectors.published().prefetch_related("documents")


@router.get("/gazette", response=list[IssueOut], summary="已发布的政府公报各期")
@paginate(Page)
def list_issues(request):
    return selectors.public_issues()


@router.get("/statistics", response=dict, auth=django_auth, summary="政策解读与发布统计（工作人员）")
def statistics(request, q: Query[StatisticsQuery]) -> dict[str, Any]:
    org = first_or_404(
        selectors.statistics_orgs(request.user).filter(credit_code=q.org.upper()),
        "没有找到该机构，或您无权查看其统计。",
    )
    if q.start > q.end:
        raise ValidationError({"start": "起始日期不能晚于截止日期。"})
    return {
        "org": org.credit_code,
        "org_name": org.name,
        "start": q.start,
        "end": q.end,
        **selectors.statistics(org=org, start=q.start, end=q.end),
    }
