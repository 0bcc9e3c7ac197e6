"""The government service catalog (政务服务事项目录) and the basic-level standard disclosure catalogs.

Service items follow GB/T 39046-2020 表4 (事项管理基础数据集): the basic catalog (`BasicItem`, 基本编码, set by the
nation or the province) → the implementation list of each organisation (`ServiceItem`, 实施编码 and the
业务办理项编码 of one 业务办理项: 新设 / 变更 / 延续 / 注销) → its guide in versions (`GuideVersion`, every element
of 表4) → materials, fees, special procedures and common questions. The code lists of 附录A are rows of `Code`,
the key elements of a complete guide rows of `CompletenessElement` (data with their source, seeded by a data
migration). Standard disclosure catalogs (国办发〔2019〕54号): `Domain` (data), `StandardCatalog` per
organisation and domain, `Entry`, and `EntryItem` tagging a catalog item with the entry it fulfils.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, user_field
from gongkai.foi.models import private_storage


class CodeList(models.TextChoices):
    ITEM_TYPE = "item_type", _("事项类型（A.1）")
    LEVEL = "level", _("行使层级（A.2）")
    SUBJECT_NATURE = "subject_nature", _("实施主体性质（A.3）")
    SERVICE_OBJECT = "service_object", _("服务对象（A.4）")
    HANDLING_FORM = "handling_form", _("办理形式（A.5）")
    HANDLING_TYPE = "handling_type", _("办件类型（A.6）")
    SPECIAL_PROCEDURE = "special_procedure", _("特别程序种类（A.7）")
    CHANNEL = "channel", _("公开渠道和载体")


#: Codes the rules name: 办件类型 1 即办件; 服务对象 1 自然人 (the others are 法人 and organisations).
IMMEDIATE_CASE = "1"
NATURAL_PERSON = "1"


class Code(BaseModel):
    """One value of a code list of GB/T 39046-2020 附录A (or of the standard catalogs' channel checklist)."""

    list = models.CharField(_("代码表"), max_length=20, choices=CodeList.choices)
    code = models.CharField(_("代码"), max_length=4)
    name = models.CharField(_("名称"), max_length=60)
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("有效"), default=True)
    source = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["list", "sort", "code"]
        verbose_name = _("代码")
        verbose_name_plural = _("代码表")
        constraints = [models.UniqueConstraint(fields=["list", "code"], name="svc_code_once")]

    def __str__(self) -> str:
        return self.name


class ElementKey(models.TextChoices):
    """The guide elements the completeness check knows how to test (`completeness.PRESENT`)."""

    NAME = "name", _("事项名称")
    BASIS = "basis", _("设定依据")
    CONDITIONS = "conditions", _("申请条件")
    MATERIALS = "materials", _("办理材料")
    PLACE = "place", _("办理地点")
    AGENCY = "agency", _("办理机构")
    FEES = "fees", _("收费标准")
    HOURS = "hours", _("办理时间")
    PHONE = "phone", _("联系电话")
    PROCESS = "process", _("办理流程")
    LEGAL_LIMIT = "legal_limit", _("法定办结时限")
    PROMISED_LIMIT = "promised_limit", _("承诺办结时限")
    SUPERVISION_PHONE = "supervision_phone", _("监督电话")
    RESULT = "result", _("审批结果")


class CompletenessElement(BaseModel):
    """A key element of the guide (办事指南重点要素): which ones the check asks for is data, with its source."""

    key = models.CharField(_("要素"), max_length=20, choices=ElementKey.choices, unique=True)
    name = models.CharField(_("名称"), max_length=30)
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("参与检查"), default=True)
    source = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["sort", "key"]
        verbose_name = _("办事指南重点要素")
        verbose_name_plural = _("办事指南重点要素")

    def __str__(self) -> str:
        return self.name


class SetBy(models.TextChoices):
    NATION = "nation", _("国家")
    PROVINCE = "province", _("省级")


class BasicItem(BaseModel):
    """An item of the basic catalog (基本目录): its 基本编码 and name are set by the nation or the province."""

    basic_code = models.CharField(_("基本编码"), max_length=12, unique=True)
    name = models.CharField(_("事项名称"), max_length=200)
    item_type = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("事项类型"),
        limit_choices_to={"list": CodeList.ITEM_TYPE},
    )  # fmt: skip
    set_by = models.CharField(_("目录编制层级"), max_length=10, choices=SetBy.choices, default=SetBy.PROVINCE)

    class Meta:
        ordering = ["basic_code"]
        verbose_name = _("基本目录事项")
        verbose_name_plural = _("基本目录")

    def __str__(self) -> str:
        return f"{self.basic_code} {self.name}"


class HandlingKind(models.TextChoices):
    SINGLE = "single", _("不分办理项")
    NEW = "new", _("新设")
    CHANGE = "change", _("变更")
    RENEW = "renew", _("延续")
    CANCEL = "cancel", _("注销")


class ServiceItem(BaseModel):
    """One 业务办理项 of an organisation's implementation list (实施清单): the stable identity of an item whose
    guide changes in versions. The organisation claims the basic item at its level (认领)."""

    org = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="service_items",
        verbose_name=_("实施主体"),
    )
    basic = models.ForeignKey(
        BasicItem, on_delete=models.PROTECT, related_name="items", verbose_name=_("基本目录")
    )
    implementation_code = models.CharField(_("实施编码"), max_length=36)
    handling_code = models.CharField(_("业务办理项编码"), max_length=40, unique=True)
    handling_kind = models.CharField(
        _("业务办理项"), max_length=10, choices=HandlingKind.choices, default=HandlingKind.SINGLE
    )
    name = models.CharField(_("事项名称"), max_length=200)
    level = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("行使层级"),
        limit_choices_to={"list": CodeList.LEVEL},
    )  # fmt: skip

    class Meta:
        ordering = ["implementation_code", "handling_code"]
        verbose_name = _("政务服务事项")
        verbose_name_plural = _("政务服务事项")

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    PUBLISHED = "published", _("在用（已公开）")
    SUPERSEDED = "superseded", _("已被新版本替代")
    CANCELLED = "cancelled", _("已取消")


#: The workflow of a guide version (as a catalog item's: draft, review by another person, publication).
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.PUBLISHED, Status.RETURNED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.PUBLISHED: {Status.SUPERSEDED, Status.CANCELLED},
    Status.SUPERSEDED: set(),
    Status.CANCELLED: set(),
}
EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}


class Unit(models.TextChoices):
    WORKDAY = "workday", _("工作日")
    NATURAL = "natural", _("自然日")
    IMMEDIATE = "immediate", _("即办")


class VersionQuerySet(models.QuerySet):
    def published(self) -> VersionQuerySet:
        return self.filter(status=Status.PUBLISHED)


def _file_path(instance: models.Model, filename: str) -> str:
    return f"servicecatalog/{uuid.uuid4().hex}"


class GuideVersion(BaseModel):
    """One version of an item's guide: every element of GB/T 39046-2020 表4 after the identity (#1-#3)."""

    item = models.ForeignKey(
        ServiceItem, on_delete=models.CASCADE, related_name="versions", verbose_name=_("事项")
    )
    number = models.PositiveSmallIntegerField(_("版本"), default=1)
    status = models.CharField(_("事项状态"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    effective_on = models.DateField(_("计划生效日期"), null=True, blank=True)
    cancel_on = models.DateField(_("计划取消日期"), null=True, blank=True)
    # 6-10
    basis = models.TextField(_("设定依据"), blank=True)
    basis_items = models.ManyToManyField(
        "catalog.Item", blank=True, related_name="service_guides", verbose_name=_("设定依据（目录中的文件）")
    )
    division = models.TextField(_("权限划分"), blank=True)
    content = models.TextField(_("行使内容"), blank=True)
    # 11-14
    subject_nature = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("实施主体性质"),
        limit_choices_to={"list": CodeList.SUBJECT_NATURE},
    )  # fmt: skip
    # 15-20
    legal_limit = models.PositiveSmallIntegerField(_("法定办结时限"), null=True, blank=True)
    legal_unit = models.CharField(_("法定办结时限单位"), max_length=10, choices=Unit.choices, blank=True)
    legal_note = models.CharField(_("法定办结时限说明"), max_length=500, blank=True)
    promised_limit = models.PositiveSmallIntegerField(_("承诺办结时限"), null=True, blank=True)
    promised_unit = models.CharField(_("承诺办结时限单位"), max_length=10, choices=Unit.choices, blank=True)
    promised_note = models.CharField(_("承诺办结时限说明"), max_length=500, blank=True)
    # 21-28
    conditions = models.TextField(_("受理条件"), blank=True)
    process = models.TextField(_("办理流程"), blank=True)
    co_departments = models.CharField(_("共同实施部门"), max_length=300, blank=True)
    agency = models.CharField(_("承办机构"), max_length=200, blank=True)
    intermediary = models.TextField(_("中介服务"), blank=True)
    quantity_limit = models.CharField(_("数量限制"), max_length=300, blank=True)
    # 29-33
    result_name = models.CharField(_("结果名称"), max_length=200, blank=True)
    charged = models.BooleanField(_("是否收费"), default=False)
    fee_basis = models.TextField(_("收费依据"), blank=True)
    # 34-43
    service_objects = models.ManyToManyField(
        Code, related_name="+", verbose_name=_("服务对象"), limit_choices_to={"list": CodeList.SERVICE_OBJECT}
    )
    theme_natural = models.CharField(_("自然人服务主题"), max_length=60, blank=True)
    theme_legal = models.CharField(_("法人服务主题"), max_length=60, blank=True)
    handling_forms = models.ManyToManyField(
        Code, related_name="+", verbose_name=_("办理形式"), limit_choices_to={"list": CodeList.HANDLING_FORM}
    )
    handling_type = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("办件类型"),
        limit_choices_to={"list": CodeList.HANDLING_TYPE},
    )  # fmt: skip
    jurisdiction = models.CharField(_("行政管辖"), max_length=200, blank=True)
    # 44-55
    appointment = models.BooleanField(_("是否支持预约办理"), default=False)
    online_payment = models.BooleanField(_("是否支持网上支付"), default=False)
    express = models.BooleanField(_("是否支持物流快递"), default=False)
    online = models.BooleanField(_("是否网办"), default=False)
    online_url = models.URLField(_("网办地址"), max_length=300, blank=True)
    visits = models.PositiveSmallIntegerField(_("到办事现场次数"), null=True, blank=True)
    place = models.TextField(_("办理地点"), blank=True)
    hours = models.TextField(_("办理时间"), blank=True)
    consult = models.TextField(_("咨询方式"), blank=True)
    phone = models.CharField(_("咨询电话"), max_length=100, blank=True)
    supervision_phone = models.CharField(_("监督电话"), max_length=100, blank=True)
    rights = models.TextField(_("申请人权利和义务"), blank=True)
    delivery = models.CharField(_("结果送达"), max_length=300, blank=True)
    created_by = user_field(_("起草人"))
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    # the last chapter of a national guide: 办理流程图 (an image shown in the guide, or a PDF)
    flowchart = models.FileField(
        _("办理流程图"), storage=private_storage, upload_to=_file_path, max_length=200, blank=True
    )
    flowchart_name = models.CharField(_("办理流程图文件名"), max_length=200, blank=True)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["item", "-number"]
        verbose_name = _("办事指南版本")
        verbose_name_plural = _("办事指南版本")
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="svc_version_number_once"),
            models.UniqueConstraint(
                fields=["item"], condition=Q(status="published"), name="svc_one_published_version"
            ),
            models.UniqueConstraint(
                fields=["item"],
                condition=Q(status__in=["draft", "submitted", "returned"]),
                name="svc_one_open_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.name}（第{self.number}版）"

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, set())

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


def limit_text(number: int | None, unit: str, note: str = "") -> str:
    """A time limit as a guide prints it: «20个工作日», «即办»."""
    if unit == Unit.IMMEDIATE:
        text = "即办"
    elif number is None or not unit:
        text = ""
    else:
        text = f"{number}个{Unit(unit).label}"
    return f"{text}（{note}）" if text and note else text


class Material(BaseModel):
    """A material of a guide (材料, GB/T 39046-2020 表4 #56-64, plus the platform's blank form and sample)."""

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="materials")
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)
    name = models.CharField(_("材料名称"), max_length=200)
    issuer = models.CharField(_("出具机构"), max_length=200, blank=True)
    time_requirement = models.CharField(_("出具时间要求"), max_length=200, blank=True)
    note = models.TextField(_("材料办理说明"), blank=True)
    place = models.CharField(_("材料办理地点"), max_length=300, blank=True)
    usage = models.TextField(_("材料使用说明"), blank=True)
    originals = models.PositiveSmallIntegerField(_("原件份数"), default=0)
    copies = models.PositiveSmallIntegerField(_("复印件份数"), default=0)
    required = models.BooleanField(_("是否必备材料"), default=True)
    form = models.CharField(_("材料形式"), max_length=30, blank=True)
    blank_form = models.FileField(
        _("空白表格"), storage=private_storage, upload_to=_file_path, max_length=200, blank=True
    )
    blank_form_name = models.CharField(_("空白表格文件名"), max_length=200, blank=True)
    sample = models.FileField(
        _("示例样表"), storage=private_storage, upload_to=_file_path, max_length=200, blank=True
    )
    sample_name = models.CharField(_("示例样表文件名"), max_length=200, blank=True)

    class Meta:
        ordering = ["version", "sort", "id"]
        verbose_name = _("办理材料")
        verbose_name_plural = _("办理材料")
        constraints = [models.UniqueConstraint(fields=["version", "name"], name="svc_material_name_once")]

    def __str__(self) -> str:
        return self.name


class Fee(BaseModel):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="fees")
    name = models.CharField(_("收费项目名称"), max_length=200)
    standard = models.CharField(_("收费标准"), max_length=500)
    basis = models.TextField(_("收费依据"), blank=True)
    reducible = models.BooleanField(_("是否允许减免"), default=False)
    reduction_basis = models.TextField(_("允许减免依据"), blank=True)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("收费项目")
        verbose_name_plural = _("收费项目")

    def __str__(self) -> str:
        return self.name


class SpecialProcedure(BaseModel):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="special_procedures")
    kind = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="+", verbose_name=_("特别程序种类"),
        limit_choices_to={"list": CodeList.SPECIAL_PROCEDURE},
    )  # fmt: skip
    name = models.CharField(_("特别程序名称"), max_length=200)
    limit = models.PositiveSmallIntegerField(_("时限"), null=True, blank=True)
    unit = models.CharField(_("时限单位"), max_length=10, choices=Unit.choices, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)

    class Meta:
        ordering = ["version", "id"]
        verbose_name = _("特别程序")
        verbose_name_plural = _("特别程序")

    def __str__(self) -> str:
        return self.name


class Question(BaseModel):
    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="questions")
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)
    question = models.CharField(_("问题"), max_length=500)
    answer = models.TextField(_("解答"))

    class Meta:
        ordering = ["version", "sort", "id"]
        verbose_name = _("常见问题")
        verbose_name_plural = _("常见问题")

    def __str__(self) -> str:
        return self.question


class ReviewConclusion(models.TextChoices):
    APPROVE = "approve", _("审核通过并公开")
    RETURN = "return", _("退回修改")


class GuideReview(BaseModel):
    """A review of a guide version before it is published (as a catalog item's, by another person)."""

    version = models.ForeignKey(GuideVersion, on_delete=models.CASCADE, related_name="reviews")
    reviewer = user_field()
    reviewer_label = models.CharField(_("审核人"), max_length=150)
    conclusion = models.CharField(_("审核结论"), max_length=10, choices=ReviewConclusion.choices)
    basis = models.TextField(_("审核意见"))
    missing_acknowledged = models.CharField(_("确认缺少的要素"), max_length=300, blank=True)

    class Meta:
        ordering = ["version", "-created_at", "-id"]
        verbose_name = _("办事指南审核")
        verbose_name_plural = _("办事指南审核")

    def __str__(self) -> str:
        return f"{self.version}：{self.get_conclusion_display()}"


# --- Basic-level standard disclosure catalogs (基层政务公开标准目录) -------------------------------------------


class Domain(BaseModel):
    """A domain of the standard catalogs (the 26 pilot domains of 国办发〔2019〕54号, and local ones)."""

    name = models.CharField(_("领域"), max_length=60, unique=True)
    sort = models.PositiveSmallIntegerField(_("排序"), default=0)
    pilot = models.BooleanField(_("26个试点领域"), default=False)
    active = models.BooleanField(_("有效"), default=True)
    source = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["sort", "name"]
        verbose_name = _("标准目录领域")
        verbose_name_plural = _("标准目录领域")

    def __str__(self) -> str:
        return self.name


class CatalogStatus(models.TextChoices):
    DRAFT = "draft", _("编制中")
    PUBLISHED = "published", _("已公开")


class StandardCatalog(BaseModel):
    """One organisation's standard disclosure catalog of one domain, for one year (catalogs are revised)."""

    org = models.ForeignKey(
        "orgs.Organization",
        on_delete=models.PROTECT,
        related_name="standard_catalogs",
        verbose_name=_("编制机构"),
    )
    domain = models.ForeignKey(
        Domain, on_delete=models.PROTECT, related_name="catalogs", verbose_name=_("领域")
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=10, choices=CatalogStatus.choices, default=CatalogStatus.DRAFT
    )
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)

    class Meta:
        ordering = ["org", "domain__sort", "-year"]
        verbose_name = _("基层政务公开标准目录")
        verbose_name_plural = _("基层政务公开标准目录")
        constraints = [models.UniqueConstraint(fields=["org", "domain", "year"], name="svc_std_catalog_once")]

    def __str__(self) -> str:
        return f"{self.org.display_name}{self.domain.name}领域基层政务公开标准目录（{self.year}年）"


class Trigger(models.TextChoices):
    """From when the 公开时限 runs, as catalogs write it."""

    FORMED = "formed", _("信息形成（变更）之日起")
    DECIDED = "decided", _("作出决定之日起")
    REALTIME = "realtime", _("实时公开")
    TIMELY = "timely", _("及时公开")


class Audience(models.TextChoices):
    PUBLIC = "public", _("全社会")
    GROUP = "group", _("特定群体")


class Manner(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_REQUEST = "request", _("依申请公开")


class Entry(BaseModel):
    """One row of a standard catalog (公开事项)."""

    catalog = models.ForeignKey(StandardCatalog, on_delete=models.CASCADE, related_name="entries")
    code = models.CharField(_("序号"), max_length=12)
    level1 = models.CharField(_("一级事项"), max_length=100)
    level2 = models.CharField(_("二级事项"), max_length=100, blank=True)
    content = models.TextField(_("公开内容（要素）"))
    basis = models.TextField(_("公开依据"))
    trigger = models.CharField(
        _("公开时限起算"), max_length=10, choices=Trigger.choices, default=Trigger.FORMED
    )
    limit = models.PositiveSmallIntegerField(_("公开时限"), null=True, blank=True)
    limit_unit = models.CharField(_("公开时限单位"), max_length=10, choices=Unit.choices, blank=True)
    limit_text = models.CharField(_("公开时限（原文）"), max_length=200)
    subject = models.CharField(_("公开主体"), max_length=200)
    channels = models.ManyToManyField(
        Code, related_name="+", verbose_name=_("公开渠道和载体"), limit_choices_to={"list": CodeList.CHANNEL}
    )
    channels_other = models.CharField(_("其他渠道"), max_length=200, blank=True)
    audience = models.CharField(
        _("公开对象"), max_length=10, choices=Audience.choices, default=Audience.PUBLIC
    )
    manner = models.CharField(_("公开方式"), max_length=10, choices=Manner.choices, default=Manner.PROACTIVE)
    level_county = models.BooleanField(_("县级"), default=False)
    level_township = models.BooleanField(_("乡级"), default=False)
    level_village = models.BooleanField(_("村级"), default=False)
    items = models.ManyToManyField("catalog.Item", through="EntryItem", related_name="standard_entries")

    class Meta:
        ordering = ["catalog", "code", "id"]
        verbose_name = _("标准目录事项")
        verbose_name_plural = _("标准目录事项")
        constraints = [models.UniqueConstraint(fields=["catalog", "code"], name="svc_entry_code_once")]

    def __str__(self) -> str:
        return f"{self.level1}／{self.level2}" if self.level2 else self.level1

    @property
    def levels_text(self) -> str:
        return "、".join(
            label for flag, label in ((self.level_county, "县级"), (self.level_township, "乡级"),
                                      (self.level_village, "村级")) if flag
        )  # fmt: skip


class EntryItem(BaseModel):
    """A catalog item tagged with the standard-catalog entry it fulfils."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="links")
    item = models.ForeignKey("catalog.Item", on_delete=models.CASCADE, related_name="entry_links")
    tagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip

    class Meta:
        ordering = ["entry", "id"]
        verbose_name = _("事项对应信息")
        verbose_name_plural = _("事项对应信息")
        constraints = [models.UniqueConstraint(fields=["entry", "item"], name="svc_entry_item_once")]

    def __str__(self) -> str:
        return f"{self.entry} ← {self.item}"
