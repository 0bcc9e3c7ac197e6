"""Policy interpretations (政策解读) and the 三同步 rules (docs/interpretation.md).

An interpretation is published as a catalog item of genre 政策解读 (`item`), so it passes the catalog's review,
is searchable and counted; this table adds what the catalog does not hold: the documents interpreted, the kind,
the interpreting organ and person, the sections of the 2016 rules, links, and the 3-working-day deadline.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gongkai.catalog.models import StatutoryClass
from gongkai.core.models import BaseModel

#: The genre an interpretation's catalog item has (seeded by migration 0002 when missing).
GENRE_CODE = "policy-interpretation"


class Kind(models.TextChoices):
    TEXT = "text", _("文字解读")
    GRAPHIC = "graphic", _("图表图解")
    AUDIOVISUAL = "audiovisual", _("音视频")
    EXPERT = "expert", _("专家解读")
    MEDIA = "media", _("媒体解读")
    LEADER = "leader", _("负责人解读 / 访谈")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会解读")
    OTHER = "other", _("其他")


#: The optional sections (解读要点) of the 2016 rules, in their order: (field, heading).
SECTIONS: list[tuple[str, str]] = [
    ("background", "背景依据"),
    ("objectives", "目标任务"),
    ("main_content", "主要内容"),
    ("scope", "涉及范围"),
    ("implementation", "执行口径"),
    ("cautions", "注意事项"),
    ("key_terms", "关键词诠释"),
    ("benefits", "惠民利民举措"),
    ("changes", "新旧政策差异"),
]


class SyncRule(BaseModel):
    """三同步 for one statutory class: whether a normative document of the class needs an interpretation drafted
    before it is submitted for review, and within how many working days of the document's publication the
    interpretation is due. Data: editable in the Django admin, seeded with the sourced default."""

    statutory_class = models.CharField(
        _("法定公开类别"), max_length=30, choices=StatutoryClass.choices, unique=True
    )
    requires_interpretation = models.BooleanField(
        _("规范性文件须同步起草解读"),
        default=False,
        help_text=_("勾选后，未起草解读的规范性文件不能提交审核"),
    )
    due_workdays = models.PositiveSmallIntegerField(
        _("解读发布期限（工作日）"), default=3, help_text=_("自文件发布之日起的工作日数")
    )
    source = models.TextField(_("依据"), help_text=_("规定出处，如文件名称、文号和条款"))

    class Meta:
        ordering = ["statutory_class"]
        verbose_name = _("三同步规则")
        verbose_name_plural = _("三同步规则")

    def __str__(self) -> str:
        return f"{self.get_statutory_class_display()}：{self.due_workdays}个工作日"


class Interpretation(BaseModel):
    """One interpretation of one or more documents, published as the catalog item `item`."""

    item = models.OneToOneField(
        "catalog.Item", verbose_name=_("解读信息"), on_delete=models.PROTECT, related_name="interpretation"
    )
    documents = models.ManyToManyField(
        "catalog.Item", verbose_name=_("解读的文件"), related_name="interpretations"
    )
    kind = models.CharField(_("解读形式"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("解读机关"),
        on_delete=models.PROTECT,
        related_name="interpretations",
        help_text=_("谁起草谁解读：默认为文件的起草（发布）机关"),
    )
    interpreter = models.CharField(_("解读人"), max_length=100, blank=True)
    background = models.TextField(_("背景依据"), blank=True)
    objectives = models.TextField(_("目标任务"), blank=True)
    main_content = models.TextField(_("主要内容"), blank=True)
    scope = models.TextField(_("涉及范围"), blank=True)
    implementation = models.TextField(_("执行口径"), blank=True)
    cautions = models.TextField(_("注意事项"), blank=True)
    key_terms = models.TextField(_("关键词诠释"), blank=True)
    benefits = models.TextField(_("惠民利民举措"), blank=True)
    changes = models.TextField(_("新旧政策差异"), blank=True)
    links = models.TextField(_("链接"), blank=True, help_text=_("音视频、图解等的网址，每行一个"))
    due_on = models.DateField(_("解读期限"), null=True, blank=True, help_text=_("文件发布之日起3个工作日"))
    is_late = models.BooleanField(_("超期解读"), default=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("政策解读")
        verbose_name_plural = _("政策解读")
        indexes = [models.Index(fields=["org", "kind", "is_late"], name="interp_org_kind_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="interp_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.item.title

    def sections(self) -> list[tuple[str, str]]:
        """(heading, text) of the sections filled in, in the order of the rules."""
        return [(heading, getattr(self, f)) for f, heading in SECTIONS if getattr(self, f).strip()]

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


# --- Press conferences (新闻发布会) ---------------------------------------------------------------------


class ConferenceStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    NOTICE = "notice", _("已发布预告")
    PUBLISHED = "published", _("已发布")


#: Which status may follow which (conference_notice, conference_publish).
CONFERENCE_MOVES: dict[str, set[str]] = {
    ConferenceStatus.DRAFT: {ConferenceStatus.NOTICE, ConferenceStatus.PUBLISHED},
    ConferenceStatus.NOTICE: {ConferenceStatus.PUBLISHED},
    ConferenceStatus.PUBLISHED: set(),
}
CONFERENCE_PUBLIC = {ConferenceStatus.NOTICE, ConferenceStatus.PUBLISHED}


class PressConference(BaseModel):
    """One press conference: its record, and the policies interpreted there (each counts as an interpretation
    of kind 新闻发布会解读). Public once published; an advance notice shows date, title and venue before."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("主办机关"),
        on_delete=models.PROTECT,
        related_name="press_conferences",
    )
    title = models.CharField(_("名称"), max_length=200)
    held_on = models.DateField(_("举办日期"))
    venue = models.CharField(_("地点"), max_length=200, blank=True)
    speakers = models.TextField(_("发布人"), blank=True, help_text=_("每行一位：姓名，职务"))
    documents = models.ManyToManyField(
        "catalog.Item", verbose_name=_("解读的政策文件"), blank=True, related_name="press_conferences"
    )
    policies = models.TextField(
        _("解读的其他政策"), blank=True, help_text=_("平台以外的政策，每行一件；与所选文件一起计入解读数")
    )
    transcript = models.TextField(_("文字实录"), blank=True)
    video_url = models.URLField(_("视频链接"), blank=True)
    picture_urls = models.TextField(_("图片链接"), blank=True, help_text=_("每行一个"))
    status = models.CharField(
        _("状态"), max_length=10, choices=ConferenceStatus.choices, default=ConferenceStatus.DRAFT
    )
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("新闻发布会")
        verbose_name_plural = _("新闻发布会")
        indexes = [models.Index(fields=["org", "status", "held_on"], name="conf_org_status_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ConferenceStatus.values), name="conf_status_valid"),
        ]

    def __str__(self) -> str:
        return self.title

    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]

    def policy_list(self) -> list[str]:
        return [line.strip() for line in self.policies.splitlines() if line.strip()]

    def picture_list(self) -> list[str]:
        return [line.strip() for line in self.picture_urls.splitlines() if line.strip()]

    @property
    def is_public(self) -> bool:
        return self.status in CONFERENCE_PUBLIC


def conference_media_path(instance: ConferenceMedia, filename: str) -> str:
    # The stored name is random; the shown name is the caption. Served by a view that checks publication.
    return f"conferences/{timezone.now():%Y/%m}/{instance.storage_key}.{instance.kind}"


class ConferenceMedia(BaseModel):
    """A picture or video of a press conference, uploaded (not a link): public with the conference's record."""

    KINDS = ("jpg", "png", "gif", "mp4")

    conference = models.ForeignKey(
        PressConference, verbose_name=_("新闻发布会"), on_delete=models.CASCADE, related_name="media"
    )
    file = models.FileField(_("文件"), upload_to=conference_media_path, max_length=200)
    storage_key = models.CharField(_("存储标识"), max_length=32, unique=True)
    kind = models.CharField(_("类型"), max_length=5)
    caption = models.CharField(_("说明"), max_length=200, help_text=_("图片的替代文字或视频的标题，公开显示"))
    content_type = models.CharField(_("内容类型"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    sort_order = models.PositiveIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["conference", "sort_order", "id"]
        verbose_name = _("发布会图片和视频")
        verbose_name_plural = _("发布会图片和视频")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["jpg", "png", "gif", "mp4"]), name="conf_media_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.caption

    @property
    def is_video(self) -> bool:
        return self.kind == "mp4"


# --- Responses to public concern (回应关切) -------------------------------------------------------------


class ResponseKind(models.TextChoices):
    CLARIFICATION = "clarification", _("澄清不实信息")
    CONCERN = "concern", _("回应社会关切")


class ResponseChannel(models.TextChoices):
    WEBSITE = "website", _("政府网站")
    PRESS_CONFERENCE = "press_conference", _("新闻发布会")
    NEW_MEDIA = "new_media", _("政务新媒体")
    NEWS_MEDIA = "news_media", _("报刊广播电视")
    INTERVIEW = "interview", _("访谈")
    OTHER = "other", _("其他")


class ConcernResponse(BaseModel):
    """One clarification of misleading information or answer to a public concern, counted for the work
    report."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("回应机关"),
        on_delete=models.PROTECT,
        related_name="concern_responses",
    )
    responded_on = models.DateField(_("回应日期"))
    topic = models.CharField(_("关切事项"), max_length=200)
    kind = models.CharField(
        _("类型"), max_length=16, choices=ResponseKind.choices, default=ResponseKind.CONCERN
    )
    channel = models.CharField(_("回应渠道"), max_length=20, choices=ResponseChannel.choices)
    url = models.URLField(_("链接"), blank=True)
    summary = models.TextField(_("回应内容摘要"), blank=True)

    class Meta:
        ordering = ["-responded_on", "-id"]
        verbose_name = _("回应关切")
        verbose_name_plural = _("回应关切")
        indexes = [models.Index(fields=["org", "responded_on"], name="response_org_day_idx")]

    def __str__(self) -> str:
        return self.topic


# --- The gazette (政府公报) -----------------------------------------------------------------------------


def gazette_path(instance: GazetteIssue, filename: str) -> str:
    return f"gazette/{instance.year}/{instance.org_id}-{instance.number:03d}.pdf"


class GazetteIssue(BaseModel):
    """One issue of a government's gazette: year, number, date, the PDF and the catalog items it contains."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("编辑出版机关"),
        on_delete=models.PROTECT,
        related_name="gazette_issues",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    number = models.PositiveSmallIntegerField(_("期号"))
    published_on = models.DateField(_("出版日期"))
    pdf = models.FileField(_("PDF"), upload_to=gazette_path, max_length=200, blank=True)
    items = models.ManyToManyField(
        "catalog.Item", verbose_name=_("刊登的信息"), through="GazetteEntry", related_name="gazette_issues"
    )
    is_published = models.BooleanField(_("已发布"), default=False)

    class Meta:
        ordering = ["-year", "-number"]
        verbose_name = _("政府公报")
        verbose_name_plural = _("政府公报")
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "number"], name="gazette_issue_unique"),
            models.CheckConstraint(condition=Q(number__gte=1), name="gazette_number_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.year}年第{self.number}期"


class GazetteEntry(models.Model):
    """An item in an issue's table of contents, in order."""

    issue = models.ForeignKey(GazetteIssue, on_delete=models.CASCADE, related_name="entries")
    item = models.ForeignKey("catalog.Item", on_delete=models.PROTECT, related_name="gazette_entries")
    sort_order = models.PositiveIntegerField(_("排序"), default=0)
    section = models.CharField(_("栏目"), max_length=50, blank=True, help_text=_("如 市政府文件、部门文件"))

    class Meta:
        ordering = ["issue", "sort_order", "id"]
        verbose_name = _("公报目录条目")
        verbose_name_plural = _("公报目录条目")
        constraints = [models.UniqueConstraint(fields=["issue", "item"], name="gazette_entry_unique")]

    def __str__(self) -> str:
        return f"{self.issue} {self.item_id}"


# --- New media and other channels ---------------------------------------------------------------------


class Platform(models.TextChoices):
    WEIBO = "weibo", _("政务微博")
    WECHAT = "wechat", _("政务微信")
    APP = "app", _("移动客户端")
    VIDEO = "video", _("短视频")
    TV = "tv", _("电视栏目")
    BULLETIN_BOARD = "bulletin_board", _("公示栏（公开栏）")
    OTHER = "other", _("其他")


#: The catalog channel (reports' channel statistics) a platform's posts count under.
PLATFORM_CHANNEL = {
    Platform.WEIBO: "weibo",
    Platform.WECHAT: "wechat",
    Platform.APP: "other",
    Platform.VIDEO: "other",
    Platform.TV: "news_media",
    Platform.BULLETIN_BOARD: "bulletin_board",
    Platform.OTHER: "other",
}


class MediaAccount(BaseModel):
    """An organisation's account on a platform (a Weibo or WeChat account, an app, a TV programme, a bulletin
    board of a township or village)."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.PROTECT, related_name="media_accounts"
    )
    platform = models.CharField(_("平台"), max_length=20, choices=Platform.choices)
    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("网址"), blank=True)
    is_active = models.BooleanField(_("在用"), default=True)

    class Meta:
        ordering = ["org", "platform", "name"]
        verbose_name = _("新媒体账号")
        verbose_name_plural = _("新媒体账号")
        constraints = [
            models.UniqueConstraint(fields=["org", "platform", "name"], name="media_account_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}：{self.name}"


class MediaPost(BaseModel):
    """One post of an account (recorded by hand or imported from the platform's CSV export)."""

    account = models.ForeignKey(
        MediaAccount, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="posts"
    )
    posted_on = models.DateField(_("发布日期"))
    title = models.CharField(_("标题"), max_length=300)
    url = models.URLField(_("链接"), max_length=500, blank=True)
    external_id = models.CharField(_("平台编号"), max_length=100, blank=True)

    class Meta:
        ordering = ["-posted_on", "-id"]
        verbose_name = _("新媒体发布")
        verbose_name_plural = _("新媒体发布")
        indexes = [models.Index(fields=["account", "posted_on"], name="media_post_day_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["account", "external_id"],
                condition=~Q(external_id=""),
                name="media_post_external_unique",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MediaMonthlyCount(BaseModel):
    """The number of posts of an account in a month, where that is all an organ keeps."""

    account = models.ForeignKey(
        MediaAccount, verbose_name=_("账号"), on_delete=models.PROTECT, related_name="monthly_counts"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    month = models.PositiveSmallIntegerField(_("月份"))
    count = models.PositiveIntegerField(_("条数"))

    class Meta:
        ordering = ["-year", "-month"]
        verbose_name = _("新媒体月度发布数")
        verbose_name_plural = _("新媒体月度发布数")
        constraints = [
            models.UniqueConstraint(fields=["account", "year", "month"], name="media_month_unique"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12), name="media_month_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.account} {self.year}-{self.month:02d}: {self.count}"
