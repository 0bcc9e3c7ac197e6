"""The proactive disclosure catalog: items with their statutory metadata, taxonomies, reviews, index numbers,
attachments, versions and channel publications (docs/legal.md, "Guide and catalog").

Only `gongkai.catalog.services` changes an item's status; the allowed moves are `TRANSITIONS` below.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, user_field

# --- Taxonomies (data, editable in the Django admin) ----------------------------------------------


def _lists_disclosure_rules() -> models.BooleanField:
    """Whether a topic (or genre) selects the documents of the “政府信息公开制度” column."""
    return models.BooleanField(
        _("列入“政府信息公开制度”栏目"),
        default=False,
        help_text=_(
            "“政府信息公开制度”栏目列出各机关属于所勾选主题分类（且勾选了体裁时属于所勾选体裁）的信息；"
            "默认勾选“综合政务\\政务公开”（0203）。"
        ),
    )


class Topic(BaseModel):
    """The two-level State Council topic tree (主题分类), e.g. 综合政务 \\ 政务公开."""

    code = models.CharField(_("代码"), max_length=8, unique=True, help_text=_("一级两位，二级四位，如 0203"))
    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级主题"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    lists_disclosure_rules = _lists_disclosure_rules()

    class Meta:
        ordering = ["code"]
        verbose_name = _("主题分类")
        verbose_name_plural = _("主题分类")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        parent = self.parent  # no query when there is none
        return self.name if parent is None else f"{parent.name}\\{self.name}"


class Genre(BaseModel):
    """体裁 / 文种: the 15 official document types plus the kinds government websites add."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=30, unique=True)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)
    lists_disclosure_rules = _lists_disclosure_rules()

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("体裁")
        verbose_name_plural = _("体裁")

    def __str__(self) -> str:
        return self.name


class FocusArea(BaseModel):
    """A term of a configurable vocabulary of focus areas (重点领域), two levels deep."""

    vocabulary = models.CharField(_("词表"), max_length=50, default="重点领域")
    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveIntegerField(_("排序"), default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["vocabulary", "sort_order", "code"]
        verbose_name = _("重点领域")
        verbose_name_plural = _("重点领域")

    def __str__(self) -> str:
        parent = self.parent  # no query when there is none
        return self.name if parent is None else f"{parent.name}\\{self.name}"


# --- Vocabularies fixed by law (codes in the database, labels here) -------------------------------


class StatutoryClass(models.TextChoices):
    """法定主动公开内容: Art. 20 items 1-15 for every organ, Art. 21 additions by level."""

    A20_01 = "a20_01", _("（一）行政法规、规章和规范性文件")
    A20_02 = "a20_02", _("（二）机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名")
    A20_03 = "a20_03", _("（三）国民经济和社会发展规划、专项规划、区域规划及相关政策")
    A20_04 = "a20_04", _("（四）国民经济和社会发展统计信息")
    A20_05 = "a20_05", _("（五）办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果")
    A20_06 = "a20_06", _("（六）实施行政处罚、行政强制的依据、条件、程序以及具有一定社会影响的行政处罚决定")
    A20_07 = "a20_07", _("（七）财政预算、决算信息")
    A20_08 = "a20_08", _("（八）行政事业性收费项目及其依据、标准")
    A20_09 = "a20_09", _("（九）政府集中采购项目的目录、标准及实施情况")
    A20_10 = "a20_10", _("（十）重大建设项目的批准和实施情况")
    A20_11 = "a20_11", _("（十一）扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况")
    A20_12 = "a20_12", _("（十二）突发公共事件的应急预案、预警信息及应对情况")
    A20_13 = "a20_13", _("（十三）环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况")
    A20_14 = "a20_14", _("（十四）公务员招考的职位、名额、报考条件等事项以及录用结果")
    A20_15 = "a20_15", _("（十五）法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息")
    # Art. 21, city and county governments and their departments
    A21_URBAN_CONSTRUCTION = "a21_urban_construction", _("第二十一条：市政建设")
    A21_PUBLIC_SERVICE = "a21_public_service", _("第二十一条：公共服务")
    A21_PUBLIC_WELFARE = "a21_public_welfare", _("第二十一条：公益事业")
    A21_PUBLIC_SECURITY = "a21_public_security", _("第二十一条：治安管理")
    # Art. 21, both city/county and township
    A21_LAND_EXPROPRIATION = "a21_land_expropriation", _("第二十一条：土地征收")
    A21_HOUSE_EXPROPRIATION = "a21_house_expropriation", _("第二十一条：房屋征收")
    A21_SOCIAL_ASSISTANCE = "a21_social_assistance", _("第二十一条：社会救助")
    # Art. 21, township governments
    A21_RURAL_POLICY = "a21_rural_policy", _("第二十一条：农业农村政策")
    A21_IRRIGATION = "a21_irrigation", _("第二十一条：农田水利工程建设运营")
    A21_LAND_CONTRACT = "a21_land_contract", _("第二十一条：农村土地承包经营权流转")
    A21_HOMESTEAD = "a21_homestead", _("第二十一条：宅基地使用情况审核")
    A21_FUNDING_LABOUR = "a21_funding_labour", _("第二十一条：筹资筹劳")


ART21_CITY_COUNTY = {
    StatutoryClass.A21_URBAN_CONSTRUCTION,
    StatutoryClass.A21_PUBLIC_SERVICE,
    StatutoryClass.A21_PUBLIC_WELFARE,
    StatutoryClass.A21_PUBLIC_SECURITY,
    StatutoryClass.A21_LAND_EXPROPRIATION,
    StatutoryClass.A21_HOUSE_EXPROPRIATION,
    StatutoryClass.A21_SOCIAL_ASSISTANCE,
}
ART21_TOWNSHIP = {
    StatutoryClass.A21_RURAL_POLICY,
    StatutoryClass.A21_IRRIGATION,
    StatutoryClass.A21_LAND_CONTRACT,
    StatutoryClass.A21_HOMESTEAD,
    StatutoryClass.A21_LAND_EXPROPRIATION,
    StatutoryClass.A21_HOUSE_EXPROPRIATION,
    StatutoryClass.A21_FUNDING_LABOUR,
    StatutoryClass.A21_SOCIAL_ASSISTANCE,
}


class Stage(models.TextChoices):
    """五公开."""

    DECISION = "decision", _("决策公开")
    EXECUTION = "execution", _("执行公开")
    MANAGEMENT = "management", _("管理公开")
    SERVICE = "service", _("服务公开")
    RESULT = "result", _("结果公开")


class Disclosure(models.TextChoices):
    PROACTIVE = "proactive", _("主动公开")
    ON_APPLICATION = "on_application", _("依申请公开")
    WITHHELD = "withheld", _("不予公开")


class NormativeKind(models.TextChoices):
    RULE = "rule", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")


class Validity(models.TextChoices):
    IN_FORCE = "in_force", _("有效")
    AMENDED = "amended", _("已修改")
    EXPIRED = "expired", _("已失效")
    REPEALED = "repealed", _("已废止")


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审核")
    RETURNED = "returned", _("已退回")
    ESCALATED = "escalated", _("已报请上级/保密部门")
    APPROVED = "approved", _("已审核待发布")
    SCHEDULED = "scheduled", _("定时发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


#: The workflow: which status may follow which. Services check every move against this table.
TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.SUBMITTED},
    Status.SUBMITTED: {Status.APPROVED, Status.RETURNED, Status.ESCALATED},
    Status.RETURNED: {Status.SUBMITTED},
    Status.ESCALATED: {Status.APPROVED, Status.RETURNED},
    Status.APPROVED: {Status.PUBLISHED, Status.SCHEDULED},
    Status.SCHEDULED: {Status.PUBLISHED, Status.APPROVED},
    Status.PUBLISHED: {Status.WITHDRAWN},
    Status.WITHDRAWN: set(),
}
EDITABLE_STATUSES = {Status.DRAFT, Status.RETURNED}
PUBLIC_STATUSES = {Status.PUBLISHED, Status.WITHDRAWN}


# --- Items ----------------------------------------------------------------------------------------


class ItemQuerySet(models.QuerySet):
    def published(self) -> ItemQuerySet:
        """Publicly listed: published and proactively disclosed (withdrawn items leave every list)."""
        return self.filter(status=Status.PUBLISHED, disclosure=Disclosure.PROACTIVE)

    def public(self) -> ItemQuerySet:
        """Reachable by URL: published or withdrawn (the latter shows its withdrawal notice)."""
        return self.filter(status__in=PUBLIC_STATUSES, disclosure=Disclosure.PROACTIVE)

    def normative(self) -> ItemQuerySet:
        return self.filter(is_normative=True)


class Item(BaseModel):
    """One piece of government information in the catalog (政府信息公开目录中的一条)."""

    # Who publishes it
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("发布机构"), on_delete=models.PROTECT, related_name="items"
    )
    co_orgs = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("联合发文机构"), blank=True, related_name="co_published_items"
    )
    # Identification
    index_no = models.CharField(_("索引号"), max_length=40, unique=True, null=True, blank=True)
    slug = models.SlugField(
        _("公开标识"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("由索引号生成（“/”换为“-”），发布时确定，用于公开网址"),
    )
    title = models.CharField(_("名称"), max_length=300)
    summary = models.TextField(_("内容概述"), blank=True)
    doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    doc_no_normalized = models.CharField(_("文号（规范化）"), max_length=100, blank=True, db_index=True)
    written_on = models.DateField(_("成文日期"))
    changed_on = models.DateField(
        _("变更日期"), null=True, blank=True, help_text=_("信息内容发生变更的日期，期限自此起算")
    )
    published_at = models.DateTimeField(_("发布日期"), null=True, blank=True)
    # Classification
    topic = models.ForeignKey(
        Topic, verbose_name=_("主题分类"), on_delete=models.PROTECT, related_name="items"
    )
    genre = models.ForeignKey(Genre, verbose_name=_("体裁"), on_delete=models.PROTECT, related_name="items")
    statutory_class = models.CharField(
        _("法定公开类别"), max_length=30, choices=StatutoryClass.choices, default=StatutoryClass.A20_15
    )
    stage = models.CharField(_("五公开"), max_length=12, choices=Stage.choices, blank=True)
    focus_areas = models.ManyToManyField(
        FocusArea, verbose_name=_("重点领域"), blank=True, related_name="items"
    )
    disclosure = models.CharField(
        _("公开属性"), max_length=16, choices=Disclosure.choices, default=Disclosure.PROACTIVE
    )
    disclosure_reason = models.TextField(
        _("不主动公开的理由"), blank=True, help_text=_("依申请公开或不予公开时必填，注明条例依据")
    )
    # Content
    body = models.TextField(_("正文"), blank=True)
    body_text = models.TextField(_("正文（纯文本）"), blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    source_name = models.CharField(
        _("信息来源"), max_length=100, blank=True, help_text=_("转载或导入信息的原始来源，如原发文机关")
    )
    # Normative documents
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    normative_kind = models.CharField(
        _("规范性文件类别"), max_length=10, choices=NormativeKind.choices, blank=True
    )
    registration_no = models.CharField(_("登记号"), max_length=60, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, blank=True)
    validity_changed_on = models.DateField(_("有效性变更日期"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name=_("替代文件"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
    )
    # Workflow
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    scheduled_at = models.DateTimeField(_("定时发布时间"), null=True, blank=True)
    due_on = models.DateField(_("公开期限"), null=True, blank=True, help_text=_("形成或变更之日起20个工作日"))
    due_missing_year = models.PositiveSmallIntegerField(
        _("公开期限缺少日历的年份"), null=True, blank=True, help_text=_("录入该年日历后自动计算公开期限")
    )
    is_late = models.BooleanField(_("超期公开"), default=False)
    withdrawn_at = models.DateTimeField(_("撤回时间"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("撤回理由"), blank=True)
    version = models.PositiveIntegerField(_("版本"), default=1)
    created_by = user_field(_("起草人"))
    import_key = models.CharField(
        _("导入标识"), max_length=64, unique=True, null=True, blank=True, help_text=_("批量导入去重用")
    )

    objects = ItemQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("政府信息")
        verbose_name_plural = _("政府信息")
        indexes = [
            models.Index(fields=["status", "-published_at", "-id"], name="item_status_pub_idx"),
            # The portal's 法定主动公开内容 lists (one statutory class across every organisation, newest first):
            # without it a rare class walks the whole publication-date index.
            models.Index(
                fields=["statutory_class", "status", "disclosure", "-published_at", "-id"],
                name="item_class_pub_idx",
            ),
            models.Index(fields=["org", "status", "-published_at"], name="item_org_status_idx"),
            models.Index(fields=["status", "due_on"], name="item_status_due_idx"),
            models.Index(fields=["is_normative", "validity"], name="item_normative_idx"),
            # Reports (reports.selectors): every column a yearly count reads, in GROUP BY order, so a count
            # per organisation, topic and class reads this index alone and needs no sort.
            models.Index(
                fields=[
                    "status",
                    "disclosure",
                    "org",
                    "topic",
                    "statutory_class",
                    "published_at",
                    "is_normative",
                    "is_late",
                ],
                name="item_report_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="item_status_valid"),
            models.CheckConstraint(
                condition=~Q(status__in=PUBLIC_STATUSES)
                | (Q(index_no__isnull=False) & Q(published_at__isnull=False) & Q(slug__isnull=False)),
                name="item_published_has_index",
            ),
            models.CheckConstraint(
                condition=Q(disclosure=Disclosure.PROACTIVE) | ~Q(disclosure_reason=""),
                name="item_not_proactive_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(is_normative=False) | ~Q(validity=""), name="item_normative_has_validity"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="item_withdrawn_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.SCHEDULED) | Q(scheduled_at__isnull=False),
                name="item_scheduled_has_time",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # Derived values (no I/O)
    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES and self.disclosure == Disclosure.PROACTIVE

    @property
    def formed_on(self) -> date:
        """The date the deadline runs from: the date changed, else the date written."""
        return self.changed_on or self.written_on

    @property
    def is_overdue(self) -> bool:
        """Not yet published and past its deadline."""
        return (
            self.status not in PUBLIC_STATUSES
            and self.due_on is not None
            and timezone.localdate() > self.due_on
        )

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, set())


class IndexCounter(models.Model):
    """The last serial used for an organisation's index numbers in a year. Locked with select_for_update
    while a number is taken, so concurrent publications never share or skip a serial."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    last_serial = models.PositiveIntegerField(_("已用序号"), default=0)

    class Meta:
        ordering = ["org", "-year"]
        verbose_name = _("索引号计数器")
        verbose_name_plural = _("索引号计数器")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="index_counter_unique"),
            models.CheckConstraint(condition=Q(last_serial__lte=99999), name="index_counter_5_digits"),
        ]

    def __str__(self) -> str:
        return f"{self.org_id}/{self.year}: {self.last_serial}"


class ReviewConclusion(models.TextChoices):
    APPROVE = "approve", _("同意公开")
    RETURN = "return", _("退回修改")
    ESCALATE = "escalate", _("报请上级或保密部门审查")
    IMPORTED = "imported", _("导入（原系统已审核）")


class EscalationTarget(models.TextChoices):
    COMPETENT_DEPARTMENT = "competent_department", _("政务公开主管部门")
    SECRECY_AUTHORITY = "secrecy_authority", _("保密行政管理部门")


class Review(BaseModel):
    """One pre-publication review (公开审查 including 保密审查, Art. 17): who, when, conclusion, basis."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="reviews")
    reviewer = user_field(_("审核人"))
    reviewer_label = models.CharField(_("审核人名称"), max_length=150, blank=True)
    reviewed_at = models.DateTimeField(_("审核时间"), default=timezone.now)
    conclusion = models.CharField(_("审核结论"), max_length=10, choices=ReviewConclusion.choices)
    basis = models.TextField(_("审核依据与意见"))
    confidentiality_checked = models.BooleanField(_("已进行保密审查"), default=True)
    escalated_to = models.CharField(
        _("报请对象"), max_length=24, choices=EscalationTarget.choices, blank=True
    )

    class Meta:
        ordering = ["item", "reviewed_at", "id"]
        verbose_name = _("发布前审查")
        verbose_name_plural = _("发布前审查")
        constraints = [
            models.CheckConstraint(
                condition=~Q(conclusion=ReviewConclusion.ESCALATE) | ~Q(escalated_to=""),
                name="review_escalation_has_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} {self.get_conclusion_display()} {self.reviewer_label}"


class ItemVersion(BaseModel):
    """A superseded state of a published item, kept when it is corrected (更正)."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField(_("版本"))
    data = models.JSONField(_("内容"))
    reason = models.TextField(_("更正原因"))
    replaced_at = models.DateTimeField(_("被替代时间"), default=timezone.now)
    replaced_by_user = user_field()

    class Meta:
        ordering = ["item", "-version"]
        verbose_name = _("历史版本")
        verbose_name_plural = _("历史版本")
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="item_version_unique")]

    def __str__(self) -> str:
        return f"{self.item_id} v{self.version}"


class AttachmentKind(models.TextChoices):
    PDF = "pdf", "PDF"
    OFD = "ofd", "OFD"
    DOC = "doc", "Word (DOC)"
    DOCX = "docx", "Word (DOCX)"
    XLS = "xls", "Excel (XLS)"
    XLSX = "xlsx", "Excel (XLSX)"
    WPS = "wps", _("WPS 文字")
    ET = "et", _("WPS 表格")
    JPEG = "jpg", "JPEG"
    PNG = "png", "PNG"
    GIF = "gif", "GIF"
    MP4 = "mp4", _("MP4 视频")
    ZIP = "zip", "ZIP"


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random; the original name is kept in the row and sent at download.
    return f"catalog/{timezone.now():%Y/%m}/{instance.storage_key}.{instance.kind}"


class Attachment(BaseModel):
    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("文件"), upload_to=attachment_path, max_length=200)
    storage_key = models.CharField(_("存储标识"), max_length=32, unique=True)
    original_name = models.CharField(_("文件名"), max_length=200)
    kind = models.CharField(_("类型"), max_length=5, choices=AttachmentKind.choices)
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    download_count = models.PositiveIntegerField(_("下载次数"), default=0)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["item", "sort_order", "id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.original_name


class Channel(models.TextChoices):
    """发布渠道 (Art. 23 and the grassroots channels)."""

    WEBSITE = "website", _("政府网站")
    GAZETTE = "gazette", _("政府公报")
    WEIBO = "weibo", _("政务微博")
    WECHAT = "wechat", _("政务微信")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    NEWS_MEDIA = "news_media", _("报刊广播电视")
    BULLETIN_BOARD = "bulletin_board", _("公示栏（公开栏）")
    OTHER = "other", _("其他")


class Publication(BaseModel):
    """One publication through one channel: an item on the website (recorded by item_publish), an item in the
    gazette, or `count` posts of an organisation on a channel without a catalog item (e.g. weibo posts)."""

    item = models.ForeignKey(
        Item, null=True, blank=True, on_delete=models.CASCADE, related_name="publications"
    )
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="publications"
    )
    channel = models.CharField(_("渠道"), max_length=20, choices=Channel.choices)
    published_on = models.DateField(_("发布日期"))
    count = models.PositiveIntegerField(_("条数"), default=1)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("渠道发布")
        verbose_name_plural = _("渠道发布")
        indexes = [
            models.Index(fields=["org", "channel", "published_on"], name="publication_org_idx"),
            # Reports: a period's publications per channel, read from the index alone in GROUP BY order.
            models.Index(fields=["channel", "published_on", "org", "count"], name="publication_channel_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="publication_count_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.published_on}"
