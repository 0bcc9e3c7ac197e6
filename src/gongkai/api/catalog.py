"""Catalog API: the public catalog (list with filters, detail, attachments, vocabularies) and staff endpoints
for the editor's and reviewer's work (session login, CSRF). Every change goes through catalog.services."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from ninja import Field, File, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import paginate
from ninja.responses import Status as Respond
from ninja.security import django_auth

from gongkai.api.pagination import Page
from gongkai.catalog import selectors, services
from gongkai.catalog.models import (
    Channel,
    Disclosure,
    EscalationTarget,
    Item,
    NormativeKind,
    ReviewConclusion,
    Stage,
    Status,
    StatutoryClass,
    Validity,
)
from gongkai.catalog.richtext import text_to_html
from gongkai.orgs import selectors as org_selectors

router = Router(tags=["主动公开目录"])


# --- Schemas ---------------------------------------------------------------------------------------


class OrgRef(Schema):
    credit_code: str
    name: str


class TopicOut(Schema):
    code: str
    name: str
    full_name: str
    parent: str | None = Field(None, description="上级主题代码")

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class GenreOut(Schema):
    code: str
    name: str


class FocusAreaOut(Schema):
    code: str
    name: str
    vocabulary: str
    parent: str | None = None

    @staticmethod
    def resolve_parent(obj) -> str | None:
        return obj.parent.code if obj.parent_id else None


class ChoiceOut(Schema):
    code: str
    label: str


class ItemOut(Schema):
    """A catalog entry as listed (metadata without the body)."""

    id: str = Field(..., description="公开标识（由索引号生成，用于网址）")
    index_no: str
    title: str
    summary: str
    doc_no: str
    written_on: date
    published_at: datetime
    org: OrgRef
    topic: TopicOut
    genre: GenreOut
    statutory_class: StatutoryClass
    stage: Stage | None
    is_normative: bool
    normative_kind: NormativeKind | None
    validity: Validity | None
    validity_changed_on: date | None
    keywords: list[str]
    url: str
    cursor: str = Field(..., description="把此值作为 after 参数可取得其后的信息（深度翻页不变慢）")

    @staticmethod
    def resolve_id(obj) -> str:
        return obj.slug

    @staticmethod
    def resolve_stage(obj):
        return obj.stage or None

    @staticmethod
    def resolve_normative_kind(obj):
        return obj.normative_kind or None

    @staticmethod
    def resolve_validity(obj):
        return obj.validity or None

    @staticmethod
    def resolve_keywords(obj) -> list[str]:
        return [k for k in obj.keywords.split("，") if k]

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("portal:catalog_item", args=[obj.slug])

    @staticmethod
    def resolve_cursor(obj) -> str:
        return selectors.encode_cursor(obj)


class StaffAttachmentOut(Schema):
    id: int
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.original_name


class AttachmentOut(StaffAttachmentOut):
    """An attachment as the public sees it: with its download count and address."""

    download_count: int
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return reverse("portal:catalog_attachment", args=[obj.item.slug, obj.pk])


class VersionOut(Schema):
    version: int
    replaced_at: datetime
    reason: str


class ItemDetailOut(ItemOut):
    co_orgs: list[OrgRef]
    focus_areas: list[FocusAreaOut]
    disclosure: Disclosure
    registration_no: str
    replaced_by: str | None = Field(None, description="替代文件的公开标识")
    source_name: str
    body: str = Field(..., description="正文（经过安全过滤的 HTML）")
    body_text: str
    version: int
    attachments: list[AttachmentOut]
    corrections: list[VersionOut]

    @staticmethod
    def resolve_co_orgs(obj):
        return list(obj.co_orgs.all())

    @staticmethod
    def resolve_focus_areas(obj):
        return list(obj.focus_areas.all())

    @staticmethod
    def resolve_replaced_by(obj):
        return obj.replaced_by.slug if obj.replaced_by_id and obj.replaced_by.slug else None

    @staticmethod
    def resolve_attachments(obj):
        return list(obj.attachments.all())

    @staticmethod
    def resolve_corrections(obj):
        return list(obj.versions.all())


class WithdrawnOut(Schema):
    detail: str
    id: str
    index_no: str
    title: str
    withdrawn_at: datetime
    withdrawal_reason: str


class ItemFilters(Schema):
    org: str | None = Field(None, description="发布机构统一社会信用代码")
    subtree: bool = Field(False, description="含下级机构")
    topic: str | None = Field(None, description="主题分类代码（一级代码含其下二级）")
    statutory_class: StatutoryClass | None = None
    genre: str | None = Field(None, description="体裁代码")
    published_from: date | None = None
    published_to: date | None = None
    written_from: date | None = None
    written_to: date | None = None
    validity: Validity | None = None
    normative: bool = Field(False, description="只看规范性文件")
    normative_kind: NormativeKind | None = None
    q: str | None = Field(None, max_length=100, description="名称或文号（各种括号写法均可）")
    after: str | None = Field(None, max_length=200, description="游标：返回该条之后的信息")


def _filters(f: ItemFilters) -> selectors.CatalogFilters:
    if f.published_from and f.published_to and f.published_from > f.published_to:
        raise ValidationError({"published_from": "起始日期不能晚于结束日期。"})
    if f.written_from and f.written_to and f.written_from > f.written_to:
        raise ValidationError({"written_from": "起始日期不能晚于结束日期。"})
    return selectors.CatalogFilters(
        org=org_selectors.get_public_org(credit_code=f.org) if f.org else None,
        subtree=f.subtree,
        topic=selectors.get_topic(code=f.topic) if f.topic else None,
        statutory_class=f.statutory_class or "",
        genre=selectors.get_genre(code=f.genre) if f.genre else None,
        published_from=f.published_from,
        published_to=f.published_to,
        written_from=f.written_from,
        written_to=f.written_to,
        validity=f.validity or "",
        normative=f.normative,
        normative_kind=f.normative_kind or "",
        q=f.q or "",
    )


def _after(qs, cursor: str | None):
    if not cursor:
        return qs
    try:
        moment, pk = selectors.decode_cursor(cursor)
    except selectors.BadCursor as exc:
        raise ValidationError({"after": str(exc)}) from None
    from django.db.models import Q

    return qs.filter(Q(published_at__lt=moment) | Q(published_at=moment, pk__lt=pk))


# --- Public endpoints ------------------------------------------------------------------------------


@router.get("/items", response=list[ItemOut], summary="公开目录（可筛选）")
@paginate(Page)
def list_items(request, filters: Query[ItemFilters]):
    qs = selectors.filter_items(selectors.published_items(), _filters(filters))
    return _after(qs, filters.after)


@router.get(
    "/items/{item_id}",
    response={200: ItemDetailOut, 410: WithdrawnOut},
    summary="信息详情（已撤回的返回 410 及撤回说明）",
)
def get_item(request, item_id: str):
    item = selectors.get_public_item(slug=item_id)
    if item.status == Status.WITHDRAWN:
        return Respond(
            410,
            {
                "detail": f"该信息已于{item.withdrawn_at:%Y年%m月%d日}撤回：{item.withdrawal_reason}",
                "id": item.slug,
                "index_no": item.index_no,
                "title": item.title,
                "withdrawn_at": item.withdrawn_at,
                "withdrawal_reason": item.withdrawal_reason,
            },
        )
    return item


@router.get("/items/{item_id}/attachments", response=list[AttachmentOut], summary="信息的附件")
def list_attachments(request, item_id: str):
    item = selectors.get_public_item(slug=item_id)
    if item.status != Status.PUBLISHED:
        raise Http404("该信息已撤回，附件不再提供。")
    attachments = list(item.attachments.all())
    for a in attachments:
        a.item = item
    return attachments


@router.get("/topics", response=list[TopicOut], summary="主题分类")
def list_topics(request):
    return list(selectors.active_topics())


@router.get("/genres", response=list[GenreOut], summary="体裁")
def list_genres(request):
    return list(selectors.active_genres())


@router.get("/focus-areas", response=list[FocusAreaOut], summary="重点领域")
def list_focus_areas(request):
    return list(selectors.active_focus_areas())


@router.get(
    "/statutory-classes", response=list[ChoiceOut], summary="法定主动公开类别（条例第二十、二十一条）"
)
def list_statutory_classes(request):
    return [{"code": c, "label": str(label)} for c, label in StatutoryClass.choices]


@router.get("/channels", response=list[ChoiceOut], summary="发布渠道")
def list_channels(request):
    return [{"code": c, "label": str(label)} for c, label in Channel.choices]


# --- Staff endpoints (session login, CSRF token) ---------------------------------------------------


class StaffItemOut(Schema):
    pk: int
    title: str
    org: OrgRef
    status: Status
    index_no: str | None
    written_on: date
    due_on: date | None
    is_late: bool
    published_at: datetime | None
    url: str | None

    @staticmethod
    def resolve_url(obj) -> str | None:
        return reverse("portal:catalog_item", args=[obj.slug]) if obj.slug else None


class StaffFilters(Schema):
    status: Status | None = None


class ItemIn(Schema):
    org: str = Field(..., description="发布机构统一社会信用代码")
    title: str = Field(..., max_length=300)
    written_on: date
    topic: str = Field(..., description="主题分类代码")
    genre: str = Field(..., description="体裁代码")
    statutory_class: StatutoryClass = StatutoryClass.A20_15
    summary: str = Field("", max_length=2000)
    doc_no: str = Field("", max_length=100)
    changed_on: date | None = None
    stage: Stage | None = None
    disclosure: Disclosure = Disclosure.PROACTIVE
    disclosure_reason: str = Field("", max_length=2000)
    body: str = Field("", description="HTML（将被安全过滤）")
    body_is_text: bool = Field(False, description="正文为纯文本（空行分段）")
    keywords: list[str] = Field(default_factory=list, max_length=10)
    is_normative: bool = False
    normative_kind: NormativeKind | None = None
    registration_no: str = Field("", max_length=60)
    validity: Validity | None = None
    co_orgs: list[str] = Field(default_factory=list, max_length=20, description="联合发文机构信用代码")
    focus_areas: list[str] = Field(default_factory=list, max_length=20, description="重点领域代码")


class ReviewIn(Schema):
    conclusion: ReviewConclusion
    basis: str = Field(..., max_length=2000)
    escalated_to: EscalationTarget | None = None
    confidentiality_checked: bool = Field(
        False, description="审核人已完成保密审查（审核通过时必须为 true；不会默认视为已审查）"
    )
    publish_at: datetime | None = None


class WithdrawIn(Schema):
    reason: str = Field(..., max_length=500)


def _staff_item(request, pk: int) -> Item:
    return selectors.get_item_for_staff(user=request.user, pk_or_public_id=pk)


@router.get("/staff/items", response=list[StaffItemOut], auth=django_auth, summary="工作人员：可见的信息")
@paginate(Page)
def staff_list_items(request, filters: Query[StaffFilters]):
    qs = selectors.items_visible_to(request.user).order_by("-updated_at", "-pk")
    if filters.status:
        qs = qs.filter(status=filters.status)
    return qs


@router.post("/staff/items", response={201: StaffItemOut}, auth=django_auth, summary="工作人员：起草信息")
def staff_create_item(request, payload: ItemIn):
    from gongkai.catalog.models import FocusArea, Genre, Topic
    from gongkai.orgs.models import Organization

    errors: dict[str, str] = {}
    org = org_selectors.public_orgs().filter(credit_code=payload.org.upper()).first()
    if org is None:
        errors["org"] = "没有找到该机构。"
    topic = Topic.objects.filter(code=payload.topic, is_active=True).first()
    if topic is None:
        errors["topic"] = "主题分类代码无效。"
    genre = Genre.objects.filter(code=payload.genre, is_active=True).first()
    if genre is None:
        errors["genre"] = "体裁代码无效。"
    co_orgs = list(Organization.objects.filter(credit_code__in=[c.upper() for c in payload.co_orgs]))
    if len(co_orgs) != len(set(payload.co_orgs)):
        errors["co_orgs"] = "联合发文机构中有无效的信用代码。"
    focus = list(FocusArea.objects.filter(code__in=payload.focus_areas))
    if len(focus) != len(set(payload.focus_areas)):
        errors["focus_areas"] = "重点领域中有无效的代码。"
    if errors or org is None or topic is None or genre is None:
        raise ValidationError(errors)
    given = payload.dict(exclude={"org", "topic", "genre", "co_orgs", "focus_areas", "body_is_text"})
    if payload.body_is_text:
        given["body"] = text_to_html(payload.body)
    for name in ("stage", "normative_kind", "validity"):  # left out: blank
        given[name] = given[name] or ""
    item = services.item_create(
        actor=request.user, org=org, topic=topic, genre=genre, co_orgs=co_orgs, focus_areas=focus, **given
    )
    return Respond(201, item)


@router.post(
    "/staff/items/{pk}/submit", response=StaffItemOut, auth=django_auth, summary="工作人员：提交审核"
)
def staff_submit_item(request, pk: int):
    return services.item_submit(actor=request.user, item=_staff_item(request, pk))


@router.post("/staff/items/{pk}/review", response=StaffItemOut, auth=django_auth, summary="工作人员：审核")
def staff_review_item(request, pk: int, payload: ReviewIn):
    if payload.conclusion == ReviewConclusion.IMPORTED:
        raise ValidationError({"conclusion": "“导入”结论只能由系统导入时记录。"})
    return services.item_review(
        actor=request.user,
        item=_staff_item(request, pk),
        conclusion=payload.conclusion,
        basis=payload.basis,
        escalated_to=payload.escalated_to or "",
        confidentiality_checked=payload.confidentiality_checked,
        publish_at=payload.publish_at,
    )


@router.post("/staff/items/{pk}/publish", response=StaffItemOut, auth=django_auth, summary="工作人员：发布")
def staff_publish_item(request, pk: int):
    return services.item_publish(actor=request.user, item=_staff_item(request, pk))


@router.post("/staff/items/{pk}/withdraw", response=StaffItemOut, auth=django_auth, summary="工作人员：撤回")
def staff_withdraw_item(request, pk: int, payload: WithdrawIn):
    return services.item_withdraw(actor=request.user, item=_staff_item(request, pk), reason=payload.reason)


@router.post(
    "/staff/items/{pk}/attachments",
    response={201: StaffAttachmentOut},
    auth=django_auth,
    summary="工作人员：上传附件（按内容检查类型、大小与文件名）",
)
def staff_add_attachment(request, pk: int, file: File[UploadedFile]):
    attachment = services.attachment_add(actor=request.user, item=_staff_item(request, pk), upload=file)
    return Respond(201, attachment)
