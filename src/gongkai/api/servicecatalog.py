"""Service catalog API: the public catalog and guides, the published standard catalogs, and for staff (session
login) the incomplete guides in reach and the import of the provincial element and materials tables."""

from datetime import datetime
from typing import Any

from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.core.notfound import first_or_404
from gongkai.servicecatalog import rules, selectors, services
from gongkai.servicecatalog.models import limit_text

router = Router(tags=["政务服务事项目录"])
MAX_IMPORT_BYTES = 10 * 1024 * 1024


class ServiceOut(Schema):
    handling_code: str
    implementation_code: str
    basic_code: str
    name: str
    item_type: str
    level: str
    org: str
    version: int
    legal_limit: str
    promised_limit: str
    published_at: datetime | None

    @staticmethod
    def resolve_handling_code(obj: Any) -> str:
        return obj.item.handling_code

    @staticmethod
    def resolve_implementation_code(obj: Any) -> str:
        return obj.item.implementation_code

    @staticmethod
    def resolve_basic_code(obj: Any) -> str:
        return obj.item.basic.basic_code

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return obj.item.name

    @staticmethod
    def resolve_item_type(obj: Any) -> str:
        return obj.item.basic.item_type.name

    @staticmethod
    def resolve_level(obj: Any) -> str:
        return obj.item.level.name

    @staticmethod
    def resolve_org(obj: Any) -> str:
        return obj.item.org.name

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return obj.number

    @staticmethod
    def resolve_legal_limit(obj: Any) -> str:
        return limit_text(obj.legal_limit, obj.legal_unit, obj.legal_note)

    @staticmethod
    def resolve_promised_limit(obj: Any) -> str:
        return limit_text(obj.promised_limit, obj.promised_unit, obj.promised_note)


class MaterialOut(Schema):
    name: str
    issuer: str
    originals: int
    copies: int
    required: bool
    has_blank_form: bool
    has_sample: bool

    @staticmethod
    def resolve_has_blank_form(obj: Any) -> bool:
        return bool(obj.blank_form)

    @staticmethod
    def resolve_has_sample(obj: Any) -> bool:
        return bool(obj.sample)


class GuideOut(ServiceOut):
    basis: str
    conditions: str
    process: str
    agency: str
    place: str
    hours: str
    phone: str
    supervision_phone: str
    charged: bool
    fee_basis: str
    handling_type: str
    service_objects: list[str]
    handling_forms: list[str]
    materials: list[MaterialOut]

    @staticmethod
    def resolve_handling_type(obj: Any) -> str:
        return obj.handling_type.name

    @staticmethod
    def resolve_service_objects(obj: Any) -> list[str]:
        return [c.name for c in obj.service_objects.all()]

    @staticmethod
    def resolve_handling_forms(obj: Any) -> list[str]:
        return [c.name for c in obj.handling_forms.all()]

    @staticmethod
    def resolve_materials(obj: Any) -> list[Any]:
        return list(obj.materials.all())


class ServiceFilters(Schema):
    q: str = ""
    theme: str = ""
    level: str = ""
    item_type: str = ""


@router.get("/items", response=list[ServiceOut], summary="已公开的政务服务事项")
@paginate(Page)
def item_list(request: Any, filters: Query[ServiceFilters]) -> Any:
    f = filters
    return selectors.search_guides(q=f.q[:50], theme=f.theme, level=f.level[:2], item_type=f.item_type[:2])


@router.get("/items/{code}", response=GuideOut, summary="一个事项的办事指南（当前公开版本）")
def item_guide(request: Any, code: str) -> Any:
    return selectors.get_public_guide(code[:40])


class EntryOut(Schema):
    code: str
    level1: str
    level2: str
    content: str
    basis: str
    limit_text: str
    subject: str


class CatalogOut(Schema):
    id: int
    org: str
    domain: str
    year: int
    entries: list[EntryOut]

    @staticmethod
    def resolve_org(obj: Any) -> str:
        return obj.org.name

    @staticmethod
    def resolve_domain(obj: Any) -> str:
        return obj.domain.name

    @staticmethod
    def resolve_entries(obj: Any) -> list[Any]:
        return list(obj.entries.all())


@router.get("/standard-catalogs", response=list[CatalogOut], summary="已公开的基层政务公开标准目录")
@paginate(Page)
def standard_catalogs(request: Any) -> Any:
    return (
        selectors.published_catalogs()
        .prefetch_related("entries")
        .order_by("org__path", "domain__sort", "-year")
    )


class IncompleteOut(Schema):
    handling_code: str
    name: str
    org: str
    missing: list[str]


@router.get(
    "/incomplete", response=list[IncompleteOut], auth=django_auth, summary="我可见机构中要素不全的已公开指南"
)
def incomplete(request: Any) -> Any:
    return [
        {"handling_code": row.version.item.handling_code, "name": row.version.item.name,
         "org": row.version.item.org.name, "missing": row.missing}
        for row in selectors.incomplete_guides(rules.reached_orgs(request.user))
    ]  # fmt: skip


class RowErrorOut(Schema):
    sheet: str
    line: int
    element: str
    message: str


class ImportOut(Schema):
    created: int
    updated: int
    unchanged: int
    errors: list[RowErrorOut]


@router.post("/import", response=ImportOut, auth=django_auth, summary="导入事项要素表和材料表（XLSX）")
def guides_import(
    request: Any, org: Form[str], elements: File[UploadedFile], materials: File[UploadedFile] | None = None
) -> Any:
    target = first_or_404(
        rules.drafting_orgs(request.user).filter(credit_code=org.strip()[:18]),
        "没有找到您可导入的机构（请填写统一社会信用代码）。",
    )
    for upload in (elements, materials):
        if upload is not None and (upload.size or 0) > MAX_IMPORT_BYTES:
            from ninja.errors import HttpError

            raise HttpError(413, "文件不能超过10MB。")
    return services.guides_import(
        actor=request.user,
        org=target,
        elements=elements.read(),
        materials=materials.read() if materials else None,
    )
