"""Public interaction (政民互动): channels, their deadline policy, messages and their workflow.

The channels and the deadline policy are data (editable in the admin, seeded with sourced defaults by migration
0002). A message moves through `Status` along `TRANSITIONS` only (`Message.can_move_to`); the services move it,
the rules (`interaction.rules`) say who may.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, org_field
from gongkai.foi.models import private_storage
from gongkai.orgs.models import Organization


class ChannelKind(models.TextChoices):
    LEADER = "leader", _("领导信箱")
    DEPARTMENT = "department", _("部门信箱")
    OPINION = "opinion", _("政务公开意见箱")
    FORWARDED = "forwarded", _("外部平台转来")


class Source(models.TextChoices):
    PORTAL = "portal", _("本网站")
    HOTLINE = "12345", _("12345热线")
    MINXIN = "minxin", _("民心网")
    DUCHA = "ducha", _("互联网+督查")
    ZHAOCUO = "zhaocuo", _("我为政府网站找错")
    RENMIN = "renmin", _("人民网留言板")
    LETTER = "letter", _("来信")
    PHONE = "phone", _("来电")


class Publication(models.TextChoices):
    NONE = "none", _("不公开")
    SELECTED = "selected", _("选登")
    ALL = "all", _("全部公开（经审核、去除个人信息）")


class MessageKind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    COMPLAINT = "complaint", _("投诉")
    SUGGESTION = "suggestion", _("建议")
    HELP = "help", _("求助")
    REPORT = "report", _("举报")
    PRAISE = "praise", _("表扬")
    OTHER = "other", _("其他")


class Channel(BaseModel):
    """A mailbox or an outside platform whose tickets the government handles (modules-research §1.2)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    kind = models.CharField(_("类别"), max_length=20, choices=ChannelKind.choices)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices, default=Source.PORTAL)
    owner = models.ForeignKey(
        Organization,
        verbose_name=_("受理机构（审查分办）"),
        on_delete=models.PROTECT,
        related_name="channels",
    )
    leader_title = models.CharField(
        _("领导职务"), max_length=50, blank=True, help_text=_("领导信箱：市长、书记等")
    )
    kinds = models.JSONField(_("接收的留言类型"), default=list, help_text=_("MessageKind 的值列表"))
    title_min = models.PositiveSmallIntegerField(_("标题最少字数"), default=4)
    title_max = models.PositiveSmallIntegerField(_("标题最多字数"), default=50)
    body_max = models.PositiveIntegerField(_("正文最多字数"), default=2000)
    attachments_max = models.PositiveSmallIntegerField(_("附件最多个数"), default=3)
    attachment_max_kb = models.PositiveIntegerField(_("每个附件最大（KB）"), default=1024)
    publication = models.CharField(
        _("公开规则"), max_length=10, choices=Publication.choices, default=Publication.SELECTED
    )
    reply_to_writer = models.BooleanField(_("答复留言人"), default=True, help_text=_("否：只向上级平台报告"))
    public_form = models.BooleanField(_("网站提供留言表单"), default=True)
    is_active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    description = models.TextField(_("说明"), blank=True)
    source_text = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("互动渠道")
        verbose_name_plural = _("互动渠道")

    def __str__(self) -> str:
        return self.name

    @property
    def forwarded(self) -> bool:
        return self.kind == ChannelKind.FORWARDED

    def kind_choices(self) -> list[tuple[str, str]]:
        return [(k, str(label)) for k, label in MessageKind.choices if k in (self.kinds or [])]


class TimeUnit(models.TextChoices):
    WORKDAYS = "wd", _("工作日")
    DAYS = "days", _("自然日")
    HOURS = "hours", _("小时")


class DeadlinePolicy(BaseModel):
    """How long a unit has to answer: channel (or source) × kind × complexity. The most specific row wins: a
    channel's row, then its source's (找错, 12345…), then the default; a kind's row before the row for every kind."""

    channel = models.ForeignKey(
        Channel,
        verbose_name=_("渠道"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="policies",
    )
    source = models.CharField(
        _("来源"),
        max_length=20,
        choices=Source.choices,
        blank=True,
        help_text=_("空：各来源（渠道为空时适用）"),
    )
    kind = models.CharField(_("留言类型"), max_length=20, choices=MessageKind.choices, blank=True)
    complex = models.BooleanField(_("复杂事项"), default=False)
    amount = models.PositiveSmallIntegerField(_("期限"))
    unit = models.CharField(_("单位"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.WORKDAYS)
    next_day = models.BooleanField(
        _("次日起算"), default=True, help_text=_("是：受理次日为第1日；否：受理当日为第1日")
    )
    include_last = models.BooleanField(_("含第N日"), default=True, help_text=_("是：第N日当天办完即按期"))
    max_extensions = models.PositiveSmallIntegerField(_("最多延期次数"), default=2)
    extension_amount = models.PositiveSmallIntegerField(_("每次延期最多（同单位）"), default=5)
    return_window_hours = models.PositiveSmallIntegerField(_("申请退回时限（小时）"), default=24)
    remind_hours = models.PositiveSmallIntegerField(_("到期前提醒（小时）"), default=24)
    supervise_after_workdays = models.PositiveSmallIntegerField(
        _("超期后督办（工作日）"), default=5, help_text=_("到期催办；超期满该工作日数仍未答复的督办")
    )
    source_text = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["channel__order", "kind", "complex"]
        verbose_name = _("答复期限")
        verbose_name_plural = _("答复期限表")

    def __str__(self) -> str:
        where = self.channel.name if self.channel else (self.get_source_display() if self.source else "默认")
        what = self.get_kind_display() if self.kind else "各类"
        return f"{where}·{what}{'（复杂）' if self.complex else ''}：{self.amount}{self.get_unit_display()}"


class Status(models.TextChoices):
    SCREENING = "screening", _("待审查")
    ACCEPTED = "accepted", _("已受理")
    REFUSED = "refused", _("不予受理")
    MOVED = "moved", _("已转依申请公开")
    ASSIGNED = "assigned", _("已转办待签收")
    HANDLING = "handling", _("办理中")
    UNIT_REVIEW = "unit_review", _("答复待单位审核")
    PLATFORM_REVIEW = "platform_review", _("答复待平台审核")
    REPLIED = "replied", _("已答复")
    CLOSED = "closed", _("已办结")
    ARCHIVED = "archived", _("已归档")


#: The workflow as a table: the statuses a message may move to from each (modules-research §1.3).
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.SCREENING: frozenset({Status.ACCEPTED, Status.REFUSED, Status.MOVED}),
    Status.ACCEPTED: frozenset({Status.ASSIGNED, Status.REPLIED}),
    Status.ASSIGNED: frozenset({Status.HANDLING, Status.ACCEPTED}),  # 签收, or a granted return
    Status.HANDLING: frozenset({Status.UNIT_REVIEW, Status.ACCEPTED}),
    Status.UNIT_REVIEW: frozenset({Status.PLATFORM_REVIEW, Status.HANDLING}),
    Status.PLATFORM_REVIEW: frozenset({Status.REPLIED, Status.HANDLING}),  # 通过 / 退回修改
    Status.REPLIED: frozenset({Status.HANDLING, Status.CLOSED}),  # 不满意 → 重办, or 办结
    Status.CLOSED: frozenset({Status.ARCHIVED}),
    Status.REFUSED: frozenset({Status.ARCHIVED}),
    Status.MOVED: frozenset(),
    Status.ARCHIVED: frozenset(),
}
#: Valid messages (留言数): accepted, whatever happened after.
VALID = [s for s in Status.values if s not in (Status.SCREENING, Status.REFUSED, Status.MOVED)]
#: Answered (答复数 counts those whose reply is also published, see `selectors.statistics`).
ANSWERED = [Status.REPLIED, Status.CLOSED, Status.ARCHIVED]
#: Waiting for an answer (the 19号 three-month watch).
UNANSWERED = [s for s in VALID if s not in ANSWERED]


class RefusalReason(models.TextChoices):
    """Classes of non-acceptance shared by the rules (北京条例 §11, 潍坊 §19)."""

    OTHER_PROCEDURE = "procedure", _("应通过诉讼、仲裁、复议等法定途径解决")
    PETITION = "petition", _("属于信访事项")
    DISCIPLINE = "discipline", _("属于纪检监察事项")
    UNCLEAR = "unclear", _("诉求不清或无联系方式")
    DUPLICATE = "duplicate", _("重复留言（原留言尚在办理）")
    CONCLUDED = "concluded", _("已办结事项，无新情况")
    OUTSIDE = "outside", _("不属于政府职权（人大、政协、法院、军队等）")
    ADVERT = "advert", _("广告或市场服务")
    UNLAWFUL = "unlawful", _("违法或侮辱性内容")
    SPAM = "spam", _("无意义或恶意提交")


class PublicState(models.TextChoices):
    NONE = "none", _("未审核")
    PUBLISHED = "published", _("已公开")
    WITHHELD = "withheld", _("不公开")


class Message(BaseModel):
    number = models.CharField(_("编号"), max_length=20, unique=True)
    query_code_hash = models.CharField(_("查询码（摘要）"), max_length=100, blank=True)
    channel = models.ForeignKey(
        Channel, verbose_name=_("渠道"), on_delete=models.PROTECT, related_name="messages"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=MessageKind.choices)
    complex = models.BooleanField(_("复杂事项"), default=False)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"))
    # the writer
    writer_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    anonymous = models.BooleanField(_("不公开身份"), default=False)
    consent_publish = models.BooleanField(_("同意公开留言"), default=False)
    consent_personal = models.BooleanField(_("同意公开个人信息"), default=False)
    reported_org = models.ForeignKey(
        Organization,
        verbose_name=_("被举报单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_person = models.CharField(_("被举报人"), max_length=100, blank=True)
    # forwarded tickets
    external_no = models.CharField(_("外部编号"), max_length=60, blank=True, db_index=True)
    upstream_received_at = models.DateTimeField(_("上级平台受理时间"), null=True, blank=True)
    upstream_due_at = models.DateTimeField(_("上级平台办理时限"), null=True, blank=True)
    # clock
    submitted_at = models.DateTimeField(_("提交时间"), db_index=True)
    received_on = models.DateField(_("收到日期"))
    accepted_at = models.DateTimeField(_("受理时间"), null=True, blank=True)
    due_at = models.DateTimeField(_("答复时限"), null=True, blank=True)
    due_explained = models.CharField(_("时限说明"), max_length=200, blank=True)
    extensions_granted = models.PositiveSmallIntegerField(_("已延期次数"), default=0)
    rehandled = models.PositiveSmallIntegerField(_("重办次数"), default=0)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    replied_on_time = models.BooleanField(_("按期答复"), null=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    # workflow
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.SCREENING)
    refusal_reason = models.CharField(
        _("不予受理理由"), max_length=20, choices=RefusalReason.choices, blank=True
    )
    refusal_note = models.TextField(_("不予受理说明"), blank=True)
    proper_channel = models.CharField(_("应通过的渠道"), max_length=200, blank=True)
    suspect = models.CharField(_("可疑提交"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("疑似重复"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    foi_application_id = models.PositiveIntegerField(_("转入的依申请公开申请"), null=True, blank=True)
    instruction = models.TextField(_("领导批示"), blank=True)
    # the reply
    reply = models.TextField(_("答复内容"), blank=True)
    reply_org = models.ForeignKey(
        Organization,
        verbose_name=_("答复单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # publication
    public_state = models.CharField(
        _("公开状态"), max_length=10, choices=PublicState.choices, default=PublicState.NONE
    )
    public_title = models.CharField(_("公开标题"), max_length=200, blank=True)
    public_body = models.TextField(_("公开内容（已去除个人信息）"), blank=True)
    public_reply = models.TextField(_("公开答复"), blank=True)
    published_at = models.DateTimeField(_("公开时间"), null=True, blank=True)
    redaction_log = models.JSONField(_("删改记录"), default=list, blank=True)
    # anti-abuse
    client_key = models.CharField(_("客户端摘要"), max_length=64, blank=True, db_index=True)
    phone_key = models.CharField(_("电话摘要"), max_length=64, blank=True, db_index=True)
    content_key = models.CharField(_("内容摘要"), max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        indexes = [
            models.Index(fields=["channel", "status"]),
            models.Index(fields=["public_state", "published_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    def can_move_to(self, status: str) -> bool:
        return status in TRANSITIONS.get(self.status, frozenset())

    @property
    def is_report(self) -> bool:
        return self.kind == MessageKind.REPORT

    @property
    def valid(self) -> bool:
        return self.status in VALID

    def lead(self) -> Assignment | None:
        return next((a for a in self.assignments.all() if a.lead and a.active), None)


def _file_path(instance: MessageFile, filename: str) -> str:
    # A random name: the writer's file name may carry personal data and never reaches the disk path.
    return f"interaction/{instance.message.number}/{uuid.uuid4().hex}"


class MessageFile(BaseModel):
    """A file the writer attached to a message: private storage only (never under MEDIA, never published), shown
    in the back office to those who may see the writer (`rules.can_see_files`), named to the writer when following."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("文件"), storage=private_storage, upload_to=_file_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(_("类型（按内容识别）"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("留言附件")
        verbose_name_plural = _("留言附件")

    def __str__(self) -> str:
        return self.name


class Assignment(BaseModel):
    """A unit a message was forwarded to (转办): the lead unit (主办) or a co-unit (协办)."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="assignments")
    org = org_field(_("承办单位"), required=True)
    lead = models.BooleanField(_("主办"), default=True)
    assigned_at = models.DateTimeField(_("转办时间"))
    signed_at = models.DateTimeField(_("签收时间"), null=True, blank=True)
    active = models.BooleanField(_("有效"), default=True)
    return_reason = models.TextField(_("申请退回理由"), blank=True)
    return_requested_at = models.DateTimeField(_("申请退回时间"), null=True, blank=True)
    return_decision = models.CharField(_("退回审核"), max_length=10, blank=True)

    class Meta:
        ordering = ["-lead", "assigned_at"]
        verbose_name = _("转办")
        verbose_name_plural = _("转办")


class ExtensionRequest(BaseModel):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="extensions")
    org = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    amount = models.PositiveSmallIntegerField(_("延长"))
    reason = models.TextField(_("理由"))
    requested_at = models.DateTimeField(_("申请时间"))
    decision = models.CharField(_("审核"), max_length=10, blank=True)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.CharField(_("审核人"), max_length=150, blank=True)

    class Meta:
        ordering = ["requested_at"]


class Level(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Evaluation(BaseModel):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="evaluations")
    level = models.CharField(_("评价"), max_length=12, choices=Level.choices)
    comment = models.TextField(_("意见"), blank=True)
    at = models.DateTimeField(_("评价时间"))

    class Meta:
        ordering = ["at"]


class Event(models.Model):
    """The ticket's history (工作流转单): every step, who, when; `public` steps are shown to the writer."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("时间"))
    action = models.CharField(_("环节"), max_length=40)
    actor_label = models.CharField(_("办理人"), max_length=150)
    org = models.ForeignKey(Organization, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    summary = models.CharField(_("摘要"), max_length=300)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(_("留言人可见"), default=False)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.summary}"


# ---------------------------------------------------------------------------------------------------- consultations


class ConsultationBasis(BaseModel):
    """The legal basis of a consultation on a draft and the minimum period it sets (data, in the admin)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    min_amount = models.PositiveSmallIntegerField(_("最短征求期限"))
    unit = models.CharField(_("单位"), max_length=10, choices=TimeUnit.choices, default=TimeUnit.DAYS)
    source_text = models.TextField(_("依据"), blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("意见征集依据")
        verbose_name_plural = _("意见征集依据（最短期限）")

    def __str__(self) -> str:
        return f"{self.name}（不少于{self.min_amount}{self.get_unit_display()}）"


class ConsultationStatus(models.TextChoices):
    OPEN = "open", _("征集中")
    CLOSED = "closed", _("已截止，意见处理中")
    FEEDBACK = "feedback", _("采纳情况已反馈")


class Consultation(BaseModel):
    """意见征集: a draft put to the public, with its 起草说明, the drafting unit and the period."""

    title = models.CharField(_("草案名称"), max_length=200)
    org = org_field(_("起草单位"), required=True)
    basis = models.ForeignKey(ConsultationBasis, verbose_name=_("依据"), on_delete=models.PROTECT)
    draft = models.TextField(_("草案全文"))
    explanation = models.TextField(_("起草说明"))
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    short_reason = models.TextField(_("期限短于法定最短期限的理由"), blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=ConsultationStatus.choices, default="open")
    feedback = models.TextField(_("采纳情况反馈"), blank=True)
    feedback_at = models.DateTimeField(_("反馈发布时间"), null=True, blank=True)
    catalog_item_id = models.PositiveIntegerField(_("正式文件（公开目录信息）"), null=True, blank=True)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("意见征集")
        verbose_name_plural = _("意见征集")

    def __str__(self) -> str:
        return self.title


class Disposition(models.TextChoices):
    ADOPTED = "adopted", _("采纳")
    PARTLY = "partly", _("部分采纳")
    NOT_ADOPTED = "not_adopted", _("未采纳")
    OUT_OF_SCOPE = "out_of_scope", _("不属于征求范围")


class Comment(BaseModel):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("意见"))
    writer_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    consent_publish = models.BooleanField(_("同意公开意见"), default=False)
    approved = models.BooleanField(_("审核通过"), null=True)
    suspect = models.CharField(_("可疑提交"), max_length=200, blank=True)
    topic = models.CharField(_("归类"), max_length=60, blank=True)
    disposition = models.CharField(_("处理"), max_length=20, choices=Disposition.choices, blank=True)
    reason = models.TextField(_("理由"), blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("征集意见")
        verbose_name_plural = _("征集意见")

    def __str__(self) -> str:
        return self.text[:30]


# ---------------------------------------------------------------------------------------------------- interviews


class Interview(BaseModel):
    """在线访谈: announced in advance, a live page with the public's questions, answers live or within a few working
    days after, the transcript (实录) published."""

    title = models.CharField(_("访谈主题"), max_length=200)
    org = org_field(_("访谈单位"), required=True)
    guests = models.CharField(_("嘉宾"), max_length=300)
    summary = models.TextField(_("访谈简介"), blank=True)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    announced_at = models.DateTimeField(_("预告发布时间"))
    announce_days = models.PositiveSmallIntegerField(_("至少提前预告（日）"), default=3)
    answer_workdays = models.PositiveSmallIntegerField(_("会后答复时限（工作日）"), default=5)
    transcript = models.TextField(_("访谈实录"), blank=True)
    transcript_published_at = models.DateTimeField(_("实录发布时间"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("在线访谈")
        verbose_name_plural = _("在线访谈")

    def __str__(self) -> str:
        return self.title

    def state(self, now: datetime) -> str:
        if self.transcript_published_at:
            return "实录已发布"
        if now < self.starts_at:
            return "预告"
        if now <= self.ends_at:
            return "直播中"
        return "已结束"


class InterviewQuestion(BaseModel):
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("问题"))
    asker = models.CharField(_("网友昵称"), max_length=30, blank=True)
    submitted_at = models.DateTimeField(_("提问时间"))
    approved = models.BooleanField(_("审核通过"), null=True)
    suspect = models.CharField(_("可疑提交"), max_length=200, blank=True)
    answer = models.TextField(_("答复"), blank=True)
    answered_at = models.DateTimeField(_("答复时间"), null=True, blank=True)
    answered_live = models.BooleanField(_("现场答复"), default=False)
    due_on = models.DateField(_("会后答复期限"), null=True, blank=True)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("访谈提问")
        verbose_name_plural = _("访谈提问")

    def __str__(self) -> str:
        return self.text[:30]


# ---------------------------------------------------------------------------------------------------- questionnaires


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("单选")
    MULTIPLE = "multiple", _("多选")
    TEXT = "text", _("填空")


class Survey(BaseModel):
    """调查: a questionnaire with simple question types, one answer per person (per phone number)."""

    title = models.CharField(_("调查主题"), max_length=200)
    org = org_field(_("发起单位"), required=True)
    intro = models.TextField(_("说明"), blank=True)
    opens_on = models.DateField(_("开始日期"))
    closes_on = models.DateField(_("截止日期"))
    results_public = models.BooleanField(_("公开调查结果"), default=True)
    questions = models.JSONField(_("问题"), default=list, help_text=_("[{kind, text, choices}]"))

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("调查")
        verbose_name_plural = _("调查")

    def __str__(self) -> str:
        return self.title


class SurveyResponse(BaseModel):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    answers = models.JSONField(_("回答"), default=dict)
    phone_key = models.CharField(_("电话摘要"), max_length=64)
    client_key = models.CharField(_("客户端摘要"), max_length=64, blank=True)
    suspect = models.CharField(_("可疑提交"), max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "phone_key"], name="interaction_one_answer_per_phone")
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.pk}"
