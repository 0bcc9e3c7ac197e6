from datetime import datetime

from ninja import Query, Router, Schema
from ninja.pagination import paginate

from gongkai.api.pagination import Page
from gongkai.orgs import selectors
from gongkai.orgs.models import Kind, Level, Organization

router = Router(tags=["机构与指南"])


class OrganizationOut(Schema):
    name: str
    short_name: str
    credit_code: str
    index_prefix: str
    level: Level
    kind: Kind
    is_competent_department: bool
    parent: str | None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return getattr(obj, "parent_code", None)


class OrgFilters(Schema):
    parent: str | None = None
    level: Level | None = None
    kind: Kind | None = None


class GuideOut(Schema):
    org: str
    version: int
    published_at: datetime
    classification: str
    how_to_obtain: str
    application_procedure: str
    office_name: str
    address: str
    office_hours: str
    postcode: str
    phone: str
    fax: str
    email: str
    website: str
    remedies: str

    @staticmethod
    def resolve_org(obj) -> str:
        return obj.org.credit_code

    @staticmethod
    def resolve_published_at(obj) -> datetime:
        return obj.created_at


def _with_parent_codes(orgs):
    orgs = list(orgs)
    step = Organization.steplen
    parent_paths = {o.path[:-step] for o in orgs if o.depth > 1}
    codes = dict(selectors.public_orgs().filter(path__in=parent_paths).values_list("path", "credit_code"))
    for o in orgs:
        o.parent_code = codes.get(o.path[:-step])
    return orgs


@router.get("/", response=list[OrganizationOut], summary="机构列表")
@paginate(Page)
def list_orgs(request, filters: Query[OrgFilters]):
    qs = selectors.public_orgs().order_by("path")
    if filters.parent:
        parent = selectors.get_public_org(credit_code=filters.parent)
        qs = qs.filter(path__startswith=parent.path, depth=parent.depth + 1)
    if filters.level:
        qs = qs.filter(level=filters.level)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return _PagedWithParents(qs)


class _PagedWithParents:
    """Wraps a queryset so the page slice gets parent codes in one extra query."""

    def __init__(self, qs):
        self.qs = qs

    def count(self) -> int:
        return self.qs.count()

    def __getitem__(self, item):
        return _with_parent_codes(self.qs[item])


@router.get("/{code}", response=OrganizationOut, summary="机构详情")
def get_org(request, code: str):
    return _with_parent_codes([selectors.get_public_org(credit_code=code)])[0]


@router.get("/{code}/guide", response=GuideOut, summary="现行政府信息公开指南")
def get_guide(request, code: str):
    from django.http import Http404

    org = selectors.get_public_org(credit_code=code)
    guide = selectors.current_guide(org)
    if guide is None:
        raise Http404("该机构尚未发布政府信息公开指南。")
    return guide


@router.get("/{code}/guide/versions", response=list[GuideOut], summary="指南的全部版本")
@paginate(Page)
def list_guide_versions(request, code: str):
    org = selectors.get_public_org(credit_code=code)
    return selectors.guide_versions(org).select_related("org")
