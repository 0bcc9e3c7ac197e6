"""Information applications (依申请公开, Regulations Art. 27-45): the case, its events and its records.

The statutory clock is not stored as rules here: `due_on` is derived by `gongkai.foi.clock` from the dates on
the application (received, corrected, extended, longer period) and on its consultations and fee. Services
write those dates and store the result; models only hold values and derived read-only helpers.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, org_field, user_field


class ApplicantType(models.TextChoices):
    """The applicant's category at the time of application (annual-report table 3 columns)."""

    NATURAL = "natural", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    SOCIAL_WELFARE = "social_welfare", _("社会公益组织")
    LEGAL_SERVICES = "legal_services", _("法律服务机构")
    OTHER = "other", _("其他")


class IdType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO_PERMIT = "hk_macao_permit", _("港澳居民来往内地通行证")
    TAIWAN_PERMIT = "taiwan_permit", _("台湾居民来往大陆通行证")
    FOREIGN_PERMANENT = "foreign_permanent", _("外国人永久居留身份证")
    OTHER = "other", _("其他有效身份证件")


class Channel(models.TextChoices):
    """How the application reached the organisation; it decides the Art. 31 date received."""

    ONLINE = "online", _("网上申请")
    IN_PERSON = "in_person", _("当面提交")
    REGISTERED_MAIL = "registered_mail", _("邮寄（挂号信/EMS）")
    ORDINARY_MAIL = "ordinary_mail", _("邮寄（平常信函）")
    FAX = "fax", _("传真")
    EMAIL = "email", _("电子邮件")


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子文档")
    INSPECTION = "inspection", _("查阅")


class DeliveryMethod(models.TextChoices):
    ONLINE = "online", _("在本平台查询下载")
    EMAIL = "email", _("电子邮件")
    POST = "post", _("邮寄")
    PICKUP = "pickup", _("当面领取")
    FAX = "fax", _("传真")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("待确认收到")
    RECEIVED = "received", _("待分办")
    IN_PROGRESS = "in_progress", _("办理中")
    AWAITING_CORRECTION = "awaiting_correction", _("待申请人补正")
    CONSULTING = "consulting", _("征求意见中")
    AWAITING_PAYMENT = "awaiting_payment", _("待缴费")
    PENDING_APPROVAL = "pending_approval", _("答复待审批")
    CLOSED = "closed", _("已办结")


#: The only status changes services may make (from → allowed targets). A transfer returns the case to
#: SUBMITTED at the receiving organisation, whose own receipt starts the clock again.
ALLOWED_MOVES: dict[str, set[str]] = {
    Status.SUBMITTED: {Status.RECEIVED, Status.SUBMITTED, Status.CLOSED},
    Status.RECEIVED: {
        Status.IN_PROGRESS, Status.SUBMITTED, Status.AWAITING_CORRECTION, Status.CONSULTING,
        Status.AWAITING_PAYMENT, Status.PENDING_APPROVAL, Status.CLOSED,
    },
    Status.IN_PROGRESS: {
        Status.IN_PROGRESS, Status.SUBMITTED, Status.AWAITING_CORRECTION, Status.CONSULTING,
        Status.AWAITING_PAYMENT, Status.PENDING_APPROVAL, Status.CLOSED,
    },
    Status.AWAITING_CORRECTION: {Status.RECEIVED, Status.IN_PROGRESS, Status.CLOSED},
    Status.CONSULTING: {Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.CLOSED},
    Status.AWAITING_PAYMENT: {Status.RECEIVED, Status.IN_PROGRESS, Status.CLOSED},
    Status.PENDING_APPROVAL: {Status.IN_PROGRESS, Status.CLOSED},
    Status.CLOSED: set(),
}  # fmt: skip


class Outcome(models.TextChoices):
    """Exactly one per closed application: the rows of annual-report table 3 (docs/legal.md, "Disclosure on application"), in order."""

    GRANTED = "granted", _("（一）予以公开")
    PARTIAL = "partial", _("（二）部分公开")
    REFUSED_STATE_SECRET = "refused.state_secret", _("（三）1.属于国家秘密")
    REFUSED_LAW_FORBIDS = "refused.law_forbids", _("（三）2.其他法律行政法规禁止公开")
    REFUSED_SECURITY_STABILITY = "refused.security_stability", _("（三）3.危及“三安全一稳定”")
    REFUSED_THIRD_PARTY = "refused.third_party", _("（三）4.保护第三方合法权益")
    REFUSED_INTERNAL_AFFAIRS = "refused.internal_affairs", _("（三）5.属于三类内部事务信息")
    REFUSED_PROCESS_INFO = "refused.process_info", _("（三）6.属于四类过程性信息")
    REFUSED_ENFORCEMENT_FILE = "refused.enforcement_file", _("（三）7.属于行政执法案卷")
    REFUSED_QUERY_MATTER = "refused.query_matter", _("（三）8.属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "unavailable.not_held", _("（四）1.本机关不掌握相关政府信息")
    UNAVAILABLE_NEEDS_COMPILING = "unavailable.needs_compiling", _("（四）2.没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR_AFTER_CORRECTION = (
        "unavailable.unclear_after_correction",
        _("（四）3.补正后申请内容仍不明确"),
    )
    NOT_HANDLED_PETITION = "not_handled.petition", _("（五）1.信访举报投诉类申请")
    NOT_HANDLED_REPEATED = "not_handled.repeated", _("（五）2.重复申请")
    NOT_HANDLED_PUBLICATION = "not_handled.publication", _("（五）3.要求提供公开出版物")
    NOT_HANDLED_EXCESSIVE = "not_handled.excessive", _("（五）4.无正当理由大量反复申请")
    NOT_HANDLED_CONFIRMATION = (
        "not_handled.confirmation",
        _("（五）5.要求行政机关确认或重新出具已获取信息"),
    )
    OTHER_NO_CORRECTION = (
        "other.no_correction",
        _("（六）1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_NO_PAYMENT = (
        "other.no_payment",
        _("（六）2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER_OTHER = "other.other", _("（六）3.其他")


#: The group rows of table 3 (（一）…（六）) by the part of the outcome code before the dot.
OUTCOME_GROUPS: dict[str, str] = {
    "granted": "（一）予以公开",
    "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "refused": "（三）不予公开",
    "unavailable": "（四）无法提供",
    "not_handled": "（五）不予处理",
    "other": "（六）其他处理",
}


def outcome_group(code: str) -> str:
    return code.split(".", 1)[0]


class Application(BaseModel):
    """One information application, handled by one organisation (after any transfer, the receiving one)."""

    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("办理机关"), on_delete=models.PROTECT, related_name="applications"
    )
    tracking_no = models.CharField(_("申请编号"), max_length=24, unique=True)
    query_code_hash = models.CharField(_("查询码（散列）"), max_length=128)
    submission_token = models.UUIDField(_("提交标识"), null=True, blank=True, unique=True, editable=False)
    channel = models.CharField(_("申请方式"), max_length=20, choices=Channel.choices)

    # The applicant: category at the time of application, identity and contacts (personal data).
    applicant_type = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantType.choices)
    applicant_name = models.CharField(_("申请人名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=20, choices=IdType.choices, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=50, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), blank=True)
    address = models.CharField(_("通信地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    applicant_key = models.CharField(
        _("申请人标识"), max_length=64, db_index=True, editable=False,
        help_text=_("证件号码的带密钥散列：按申请人统计收费和重复申请，不泄露号码"),
    )  # fmt: skip

    # What is wanted (Art. 29).
    info_title = models.CharField(_("所需信息名称"), max_length=300)
    info_doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    info_description = models.TextField(_("所需信息的其他特征描述"), blank=True)
    purpose = models.TextField(_("用途"), blank=True)
    delivery_form = models.CharField(_("信息载体形式"), max_length=20, choices=DeliveryForm.choices)
    delivery_method = models.CharField(_("获取方式"), max_length=20, choices=DeliveryMethod.choices)

    # The clock (Art. 30-35). Dates in Asia/Shanghai; `due_on` is computed by gongkai.foi.clock.
    submitted_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    arrived_on = models.DateField(
        _("到达日期"), null=True, blank=True, help_text=_("平常信函等到达本机关的日期")
    )
    received_on = models.DateField(
        _("收到申请之日"), null=True, blank=True, db_index=True, help_text=_("条例第三十一条")
    )
    # The evidence of the Art. 31 date: when the mail system received the e-mail (or the fax arrived), and the
    # registered-mail number signed for; scans of the signed receipt are files of kind RECEIPT.
    evidence_received_at = models.DateTimeField(
        _("系统收到时间"), null=True, blank=True, help_text=_("电子邮件系统收到邮件、传真机收到传真的时间")
    )
    evidence_ref = models.CharField(
        _("收件凭证编号"),
        max_length=100,
        blank=True,
        help_text=_("挂号信/EMS邮件号、邮件标识、传真确认记录编号"),
    )
    correction_requested_on = models.DateField(_("告知补正日期"), null=True, blank=True)
    correction_due_on = models.DateField(_("补正期限"), null=True, blank=True)
    correction_due_workdays = models.PositiveSmallIntegerField(
        _("补正期限（工作日）"),
        null=True,
        blank=True,
        help_text=_("按工作日确定的补正期限，用于日历录入后计算日期"),
    )
    correction_due_missing_year = models.PositiveSmallIntegerField(
        _("补正期限缺少日历的年份"), null=True, blank=True
    )
    correction_items = models.TextField(_("需要补正的事项"), blank=True)
    correction_received_on = models.DateField(_("收到补正之日"), null=True, blank=True)
    reasons_requested_on = models.DateField(
        _("要求说明理由日期"),
        null=True,
        blank=True,
        help_text=_("条例第三十五条：申请数量、频次明显超过合理范围"),
    )
    reasons_asked = models.TextField(_("要求说明的事项"), blank=True)
    reasons_due_on = models.DateField(_("说明理由期限"), null=True, blank=True)
    reasons_received_on = models.DateField(_("收到申请人说明理由日期"), null=True, blank=True)
    reasons_text = models.TextField(_("申请人说明的理由"), blank=True)
    longer_period_days = models.PositiveSmallIntegerField(
        _("合理延长的答复期限（工作日）"), null=True, blank=True, help_text=_("条例第三十五条")
    )
    longer_period_reason = models.TextField(_("延长答复期限的理由"), blank=True)
    extension_requested_days = models.PositiveSmallIntegerField(_("提请延期工作日数"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延期工作日数"), null=True, blank=True)
    extension_reason = models.TextField(_("延期理由"), blank=True)
    extension_requested_by = user_field(_("延期申请人"))
    extension_approved_by = user_field(_("延期批准人"))
    extension_approved_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_notified_on = models.DateField(_("延期告知申请人日期"), null=True, blank=True)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    due_missing_year = models.PositiveSmallIntegerField(
        _("缺少日历的年份"), null=True, blank=True, help_text=_("答复期限落入尚未录入工作日历的年份")
    )

    # Handling.
    status = models.CharField(_("状态"), max_length=24, choices=Status.choices, default=Status.SUBMITTED)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="foi_applications",
    )  # fmt: skip
    transferred_from = org_field(_("转来机关"))
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, db_index=True)
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        indexes = [
            models.Index(fields=["org", "status"], name="foi_app_org_status_idx"),
            models.Index(fields=["applicant_key", "received_on"], name="foi_app_applicant_idx"),
            # Reports (table 3): the flow and the outcomes per organisation and applicant type, read from
            # these indexes alone.
            models.Index(
                fields=["org", "applicant_type", "received_on", "closed_on"], name="foi_app_flow_idx"
            ),
            models.Index(fields=["org", "applicant_type", "outcome", "closed_on"], name="foi_app_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="foi_app_status_valid"),
            models.CheckConstraint(
                condition=Q(applicant_type__in=ApplicantType.values), name="foi_app_applicant_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[*Outcome.values, ""]), name="foi_app_outcome_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=Status.CLOSED, closed_on__isnull=False) & ~Q(outcome="")
                    | ~Q(status=Status.CLOSED) & Q(closed_on__isnull=True, outcome="")
                ),
                name="foi_app_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(extension_days__isnull=True) | Q(extension_days__gte=1, extension_days__lte=20),
                name="foi_app_extension_max_20",
            ),
        ]

    def __str__(self) -> str:
        # Never personal data: this string lands in the audit log.
        return f"申请 {self.tracking_no}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def is_legal_person(self) -> bool:
        return self.applicant_type != ApplicantType.NATURAL

    @property
    def public_status_label(self) -> str:
        """The status as the applicant reads it (gongkai.foi.labels): never 待分办 or an internal step."""
        from gongkai.foi import labels

        return labels.public_status(self.status)

    @property
    def public_outcome_label(self) -> str:
        from gongkai.foi import labels

        return labels.public_outcome(self.outcome)

    @property
    def outcome_group(self) -> str:
        return outcome_group(self.outcome) if self.outcome else ""


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("提交申请")
    REGISTERED = "registered", _("登记申请")
    RECEIVED = "received", _("确认收到申请")
    ASSIGNED = "assigned", _("分办")
    TRANSFERRED = "transferred", _("转送其他机关")
    NOTE = "note", _("内部备注")
    CORRECTION_REQUESTED = "correction_requested", _("告知补正")
    CORRECTION_RECEIVED = "correction_received", _("收到补正")
    CONSULT_STARTED = "consult_started", _("征求意见")
    CONSULT_ENDED = "consult_ended", _("征求意见结束")
    THIRD_PARTY_NOTIFIED = "third_party_notified", _("书面告知第三方决定公开")
    EXTENSION_REQUESTED = "extension_requested", _("提请延期")
    EXTENSION_REFUSED = "extension_refused", _("延期未获批准")
    EXTENDED = "extended", _("延期答复")
    REASONS_REQUESTED = "reasons_requested", _("要求说明理由（第三十五条）")
    REASONS_RECEIVED = "reasons_received", _("收到申请人说明的理由")
    LONGER_PERIOD = "longer_period", _("合理延长答复期限（第三十五条）")
    FEE_NOTICE = "fee_notice", _("收费通知")
    FEE_PAID = "fee_paid", _("缴费")
    FEE_WAIVED = "fee_waived", _("减免费用")
    DRAFT_SAVED = "draft_saved", _("保存答复草稿")
    SUBMITTED_FOR_APPROVAL = "submitted_for_approval", _("提交审批")
    RETURNED = "returned", _("审批退回")
    ANSWERED = "answered", _("答复")
    CLOSED = "closed", _("办结")
    LETTER = "letter", _("生成文书")
    FILE = "file", _("上传文件")
    DUE_RECOMPUTED = "due_recomputed", _("重新计算期限")
    REMEDY = "remedy", _("行政复议/诉讼")
    ARCHIVED = "archived", _("归档")
    RECORD_CORRECTION_REQUESTED = "record_correction_requested", _("要求更正政府信息记录（第四十一条）")
    RECORD_CORRECTION_DECIDED = "record_correction_decided", _("更正政府信息记录的处理")
    EVALUATED = "evaluated", _("申请人评价")


class Event(BaseModel):
    """Something that happened to an application, on a legal date. Append-only; the case history."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=EventKind.choices)
    on = models.DateField(_("日期"))
    actor = user_field(_("操作人"))
    actor_label = models.CharField(_("操作人名称"), max_length=150, blank=True)
    org = org_field(_("机构"))
    summary = models.CharField(_("摘要"), max_length=300)
    note = models.TextField(_("说明"), blank=True)
    public = models.BooleanField(_("申请人可见"), default=False)
    data = models.JSONField(_("数据"), default=dict, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        indexes = [models.Index(fields=["application", "created_at"], name="foi_event_app_idx")]

    def __str__(self) -> str:
        return f"{self.on} {self.get_kind_display()}"

    @property
    def public_summary(self) -> str:
        """The summary as the applicant reads it (gongkai.foi.labels)."""
        from gongkai.foi import labels

        return labels.public_text(self.summary)


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("征求第三方意见（第三十二条）")
    INTER_AGENCY = "inter_agency", _("征求其他机关意见（第三十四条）")


class ConsultationOpinion(models.TextChoices):
    AGREE = "agree", _("同意公开")
    DISAGREE = "disagree", _("不同意公开")
    NO_REPLY = "no_reply", _("逾期未提出意见")
    DEEMED_AGREE = "deemed_agree", _("逾期未答复，视为同意（第三十四条）")
    OTHER = "other", _("其他意见")


class Consultation(BaseModel):
    """A written consultation of a third party or another organ; its time is not counted (Art. 32, 34)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(_("类型"), max_length=20, choices=ConsultationKind.choices)
    party = models.CharField(_("被征求意见方"), max_length=200)
    started_on = models.DateField(_("发出征求意见日期"))
    reply_due_on = models.DateField(_("答复期限"), null=True, blank=True)
    reply_due_missing_year = models.PositiveSmallIntegerField(
        _("答复期限缺少日历的年份"), null=True, blank=True, help_text=_("15个工作日落入尚未录入日历的年份")
    )
    ended_on = models.DateField(_("收到意见或结束日期"), null=True, blank=True)
    opinion = models.CharField(_("意见"), max_length=20, choices=ConsultationOpinion.choices, blank=True)
    note = models.TextField(_("说明"), blank=True)
    disclosure_notice_on = models.DateField(
        _("决定公开告知第三方日期"), null=True, blank=True,
        help_text=_("第三方不同意公开而本机关决定公开时，书面告知第三方的日期（条例第三十二条）"),
    )  # fmt: skip
    disclosure_notice_text = models.TextField(_("决定公开的内容和理由"), blank=True)

    class Meta:
        ordering = ["started_on", "id"]
        verbose_name = _("征求意见")
        verbose_name_plural = _("征求意见")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="foi_consult_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_on}"


class FeeMethod(models.TextChoices):
    PER_APPLICATION = "per_application", _("按件计收")
    PER_PAGE = "per_page", _("按量计收")


class Fee(BaseModel):
    """The information processing fee of one application (Art. 42; 国办函〔2020〕109号). Never both methods."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="fee")
    method = models.CharField(_("计收方式"), max_length=20, choices=FeeMethod.choices)
    monthly_ordinal = models.PositiveIntegerField(
        _("当月第几件"), null=True, blank=True, help_text=_("同一申请人当月向本机关提出的第几件申请")
    )
    pages = models.PositiveIntegerField(_("页数"), null=True, blank=True)
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2)
    notice_on = models.DateField(_("收费通知日期"), null=True, blank=True)
    pay_by = models.DateField(_("缴费期限"), null=True, blank=True)
    pay_by_missing_year = models.PositiveSmallIntegerField(_("缴费期限缺少日历的年份"), null=True, blank=True)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    receipt_no = models.CharField(
        _("财政票据号码"), max_length=40, blank=True, help_text=_("缴费后开具的财政票据（非税收入票据）号码")
    )
    waived = models.BooleanField(_("已减免"), default=False)
    waived_on = models.DateField(_("减免日期"), null=True, blank=True)
    waiver_reason = models.TextField(_("减免理由"), blank=True)

    class Meta:
        ordering = ["-notice_on", "id"]
        verbose_name = _("信息处理费")
        verbose_name_plural = _("信息处理费")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="foi_fee_amount_not_negative"),
            models.CheckConstraint(condition=Q(method__in=FeeMethod.values), name="foi_fee_method_valid"),
            models.CheckConstraint(
                condition=~Q(waived=True, paid_on__isnull=False), name="foi_fee_paid_or_waived"
            ),
        ]

    def __str__(self) -> str:
        return f"信息处理费 {self.amount}元"


class RemedyKind(models.TextChoices):
    RECONSIDERATION = "reconsideration", _("行政复议")
    LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
    LITIGATION_AFTER_RECONSIDERATION = "litigation_after_reconsideration", _("行政诉讼（复议后起诉）")


class RemedyResult(models.TextChoices):
    UPHELD = "upheld", _("维持")
    CORRECTED = "corrected", _("纠正")
    OTHER = "other", _("其他")
    PENDING = "pending", _("尚未审结")


class Remedy(BaseModel):
    """An administrative reconsideration or lawsuit about an application (annual-report table 4)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="remedies")
    kind = models.CharField(_("类型"), max_length=40, choices=RemedyKind.choices)
    result = models.CharField(
        _("结果"), max_length=20, choices=RemedyResult.choices, default=RemedyResult.PENDING
    )
    filed_on = models.DateField(_("申请复议/起诉日期"))
    report_year = models.PositiveSmallIntegerField(
        _("计入年度报告的年度"),
        help_text=_("申请复议或起诉的年度；登记时该年度报告已发布的，计入登记时尚未发布的年度"),
    )
    decided_on = models.DateField(_("决定/裁判日期"), null=True, blank=True)
    authority = models.CharField(_("复议机关/人民法院"), max_length=100, blank=True)
    case_no = models.CharField(_("案号"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)

    class Meta:
        ordering = ["filed_on", "id"]
        verbose_name = _("行政复议、行政诉讼")
        verbose_name_plural = _("行政复议、行政诉讼")
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=RemedyKind.values), name="foi_remedy_kind_valid"),
            models.CheckConstraint(
                condition=Q(result__in=RemedyResult.values), name="foi_remedy_result_valid"
            ),
            models.CheckConstraint(
                condition=(
                    Q(result=RemedyResult.PENDING, decided_on__isnull=True)
                    | ~Q(result=RemedyResult.PENDING) & Q(decided_on__isnull=False)
                ),
                name="foi_remedy_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class RecordCorrectionDecision(models.TextChoices):
    CORRECTED = "corrected", _("审核属实，予以更正")
    REFUSED = "refused", _("经审核，记录准确，不予更正")
    REFERRED = "referred", _("不属于本机关职能范围，告知向有权更正的机关提出")


class RecordCorrection(BaseModel):
    """Art. 41: the applicant, with evidence that a record about them that the organ provided is inaccurate,
    asks the organ to correct it. The organ corrects it and tells the applicant, or refuses with reasons, or (not
    within its powers) names the organ that may correct it."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="record_corrections")
    requested_on = models.DateField(_("提出更正要求日期"))
    record = models.TextField(_("需要更正的政府信息记录"))
    correction = models.TextField(_("要求更正的内容"))
    evidence = models.TextField(_("证明记录不准确的证据"))
    decision = models.CharField(
        _("处理结果"), max_length=20, choices=RecordCorrectionDecision.choices, blank=True
    )
    decided_on = models.DateField(_("处理日期"), null=True, blank=True)
    decision_note = models.TextField(_("处理说明"), blank=True)
    referred_org_name = models.CharField(_("有权更正的机关"), max_length=100, blank=True)

    class Meta:
        ordering = ["requested_on", "id"]
        verbose_name = _("更正政府信息记录")
        verbose_name_plural = _("更正政府信息记录")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="", decided_on__isnull=True)
                | ~Q(decision="") & Q(decided_on__isnull=False),
                name="foi_record_correction_decided_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"更正政府信息记录 {self.requested_on}"


class AnswerState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")


class Answer(BaseModel):
    """The answer to an application: a draft by the handler, approved by the office head, then issued."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="answer")
    outcome = models.CharField(_("办理结果"), max_length=40, choices=Outcome.choices)
    already_disclosed = models.BooleanField(
        _("已主动公开（告知获取方式）"), default=False, help_text=_("条例第三十六条第（一）项")
    )
    facts = models.TextField(_("答复正文（事实与理由）"))
    consultation = models.ForeignKey(
        "Consultation", verbose_name=_("依据的征求意见"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("保护第三方合法权益不予公开、或不顾第三方反对予以公开时，所依据的征求意见"),
    )  # fmt: skip
    referred_org_name = models.CharField(
        _("负责公开该信息的机关"),
        max_length=100,
        blank=True,
        help_text=_("不掌握时能够确定的，告知名称与联系方式"),
    )
    catalog_refs = models.TextField(
        _("已公开信息的获取方式"), blank=True, help_text=_("索引号、标题或网址，每行一条")
    )
    state = models.CharField(
        _("审批状态"), max_length=12, choices=AnswerState.choices, default=AnswerState.DRAFT
    )
    drafted_by = user_field(_("拟稿人"))
    approved_by = user_field(_("批准人"))
    approved_on = models.DateField(_("批准日期"), null=True, blank=True)
    return_note = models.TextField(_("退回意见"), blank=True)
    letter_no = models.CharField(_("告知书文号"), max_length=60, blank=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    partial_reason = models.TextField(
        _("区分处理说明"),
        blank=True,
        help_text=_(
            "部分公开而未提供遮盖处理文件时必填：说明不予公开的内容、理由及提供方式（条例第三十七条）"
        ),
    )

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("答复")
        verbose_name_plural = _("答复")

    def __str__(self) -> str:
        return f"答复 {self.get_outcome_display()}"


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("受理回执")
    CORRECTION = "correction", _("补正告知书")
    CONSULTATION = "consultation", _("征求意见函")
    EXTENSION = "extension", _("延期答复告知书")
    LONGER_PERIOD = "longer_period", _("延长答复期限告知书")
    FEE = "fee", _("收费通知书")
    ANSWER = "answer", _("政府信息公开申请答复告知书")
    THIRD_PARTY_NOTICE = "third_party_notice", _("决定公开告知第三方书")
    REASONS = "reasons", _("说明理由通知书")
    RECORD_CORRECTION = "record_correction", _("更正政府信息记录告知书")


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT, served only through views that check who may see them."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def base_location(self):
        root = getattr(settings, "GONGKAI_FOI_FILES_ROOT", None) or settings.DATA_DIR / "private"
        return str(root)

    @property
    def location(self):
        import os

        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def _file_path(instance, filename: str) -> str:
    # A random name: the applicant's file name may carry personal data and never reaches the disk path.
    return f"foi/{instance.application.tracking_no}/{uuid.uuid4().hex}"


class Letter(BaseModel):
    """A generated document (DOCX): notices and the answer letter. Visible to the applicant once issued."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("文书类型"), max_length=20, choices=LetterKind.choices)
    letter_no = models.CharField(_("文号"), max_length=60, blank=True)
    issued_on = models.DateField(_("日期"))
    file = models.FileField(_("文件"), storage=private_storage, upload_to=_file_path, max_length=200)
    public = models.BooleanField(_("申请人可下载"), default=True)

    class Meta:
        ordering = ["issued_on", "id"]
        verbose_name = _("文书")
        verbose_name_plural = _("文书")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.letter_no}".strip()

    @property
    def download_name(self) -> str:
        return f"{self.application.tracking_no}-{self.get_kind_display()}.docx"

    @property
    def pdf_name(self) -> str:
        return f"{self.application.tracking_no}-{self.get_kind_display()}.pdf"


class FileKind(models.TextChoices):
    IDENTITY_PROOF = "identity_proof", _("身份证明")
    CORRECTION = "correction", _("补正材料")
    RECEIPT = "receipt", _("收件凭证（签收回执、邮件、传真确认）")
    DELIVERED = "delivered", _("提供的政府信息")
    OTHER = "other", _("其他材料")


class ApplicationFile(BaseModel):
    """An uploaded file: identity proof (never shown to the public), or information delivered by the answer."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("类型"), max_length=20, choices=FileKind.choices)
    file = models.FileField(_("文件"), storage=private_storage, upload_to=_file_path, max_length=200)
    name = models.CharField(_("文件名"), max_length=120)
    content_type = models.CharField(_("类型（按内容识别）"), max_length=100)
    size = models.PositiveBigIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    public = models.BooleanField(_("申请人可下载"), default=False)
    uploaded_by = user_field()
    redacted_from = models.ForeignKey(
        "self", verbose_name=_("遮盖处理的原件"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="redacted_copies", help_text=_("区分处理（条例第三十七条）后生成的文件所依据的原件"),
    )  # fmt: skip

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=FileKind.IDENTITY_PROOF, public=True), name="foi_file_identity_never_public"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


# --- Redaction for partial disclosure (Art. 37) -----------------------------------------------------


class RedactionReason(models.TextChoices):
    """Why a part is withheld: the grounds of Art. 14-16 of the Regulations (docs/legal.md, "Disclosure on application")."""

    STATE_SECRET = "a14.state_secret", _("属于国家秘密（第十四条）")
    LAW_FORBIDS = "a14.law_forbids", _("法律、行政法规禁止公开（第十四条）")
    SECURITY_STABILITY = (
        "a14.security_stability",
        _("公开后可能危及国家安全、公共安全、经济安全、社会稳定（第十四条）"),
    )
    TRADE_SECRET = "a15.trade_secret", _("涉及商业秘密（第十五条）")
    PRIVACY = "a15.privacy", _("涉及个人隐私（第十五条）")
    INTERNAL_AFFAIRS = (
        "a16.internal_affairs",
        _("内部事务信息（人事管理、后勤管理、内部工作流程等，第十六条第一款）"),
    )
    PROCESS_INFO = (
        "a16.process_info",
        _("过程性信息（讨论记录、过程稿、磋商信函、请示报告等，第十六条第二款）"),
    )
    ENFORCEMENT_FILE = "a16.enforcement_file", _("行政执法案卷信息（第十六条第二款）")


class RedactionStatus(models.TextChoices):
    DRAFT = "draft", _("标注中")
    PRODUCING = "producing", _("正在生成")
    DONE = "done", _("已生成")
    FAILED = "failed", _("生成失败")


class Redaction(BaseModel):
    """The redaction of one delivered PDF: the marks staff place, then the redacted copy produced from them.
    The original stays in the office (never public once redacted); the copy is a new ApplicationFile."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="redactions")
    source = models.ForeignKey(
        ApplicationFile, verbose_name=_("原件"), on_delete=models.PROTECT, related_name="redactions"
    )
    status = models.CharField(
        _("状态"), max_length=10, choices=RedactionStatus.choices, default=RedactionStatus.DRAFT
    )
    output = models.OneToOneField(
        ApplicationFile, verbose_name=_("遮盖处理后的文件"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="redaction_output",
    )  # fmt: skip
    error = models.TextField(_("失败原因"), blank=True)
    report = models.JSONField(_("生成与检查结果"), default=dict, blank=True)
    created_by = user_field(_("发起人"))
    produced_by = user_field(_("生成人"))
    produced_at = models.DateTimeField(_("生成时间"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("遮盖处理")
        verbose_name_plural = _("遮盖处理")
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=RedactionStatus.DONE) | Q(output__isnull=False),
                name="foi_redaction_done_has_output",
            ),
        ]

    def __str__(self) -> str:
        return f"遮盖处理 {self.source.name}"

    def reasons(self) -> list[tuple[str, list[int]]]:
        """(reason label, pages) of the marks, in the order of the reasons."""
        pages: dict[str, set[int]] = {}
        for mark in self.marks.all():
            pages.setdefault(mark.reason, set()).add(mark.page)
        return [
            (str(RedactionReason(r).label), sorted(pages[r])) for r in RedactionReason.values if r in pages
        ]


class MarkSource(models.TextChoices):
    REGION = "region", _("框选区域")
    TERM = "term", _("检索词")
    PATTERN = "pattern", _("格式识别")


class RedactionMark(BaseModel):
    """One region to burn in, with its legal reason: the redaction log (who, when, page, region, reason)."""

    redaction = models.ForeignKey(Redaction, on_delete=models.CASCADE, related_name="marks")
    page = models.PositiveIntegerField(_("页码"))
    x0 = models.FloatField(_("左"))
    y0 = models.FloatField(_("上"))
    x1 = models.FloatField(_("右"))
    y1 = models.FloatField(_("下"))
    reason = models.CharField(_("理由"), max_length=30, choices=RedactionReason.choices)
    source = models.CharField(_("标注方式"), max_length=10, choices=MarkSource.choices)
    label = models.CharField(_("检索词或格式"), max_length=100, blank=True)
    text = models.TextField(_("遮盖的文字"), blank=True, help_text=_("仅供生成后的检查，不向申请人提供"))
    created_by = user_field(_("标注人"))

    class Meta:
        ordering = ["page", "y0", "x0", "id"]
        verbose_name = _("遮盖标注")
        verbose_name_plural = _("遮盖标注")
        constraints = [
            models.CheckConstraint(
                condition=Q(x1__gt=models.F("x0")) & Q(y1__gt=models.F("y0")), name="foi_mark_rect"
            ),
            models.CheckConstraint(
                condition=Q(reason__in=RedactionReason.values), name="foi_mark_reason_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"第{self.page}页 {self.get_reason_display()}"


class Rating(models.TextChoices):
    """The applicant's rating of the answer (满意度评价)."""

    SATISFIED = "satisfied", _("满意")
    BASICALLY_SATISFIED = "basically_satisfied", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Evaluation(BaseModel):
    """The applicant's one rating of the answer, given on the query-code page after the case closed."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="evaluation")
    rating = models.CharField(_("评价"), max_length=20, choices=Rating.choices)
    comment = models.TextField(_("意见建议"), blank=True, max_length=500)
    on = models.DateField(_("评价日期"))

    class Meta:
        ordering = ["-on", "-id"]
        verbose_name = _("申请人评价")
        verbose_name_plural = _("申请人评价")
        constraints = [
            models.CheckConstraint(condition=Q(rating__in=Rating.values), name="foi_evaluation_rating")
        ]

    def __str__(self) -> str:
        return f"{self.application_id} {self.get_rating_display()}"


def _seal_path(instance, filename: str) -> str:
    return f"seals/{uuid.uuid4().hex}"


class OrganizationSeal(BaseModel):
    """The organ's electronic seal image (PNG or JPEG), printed over the signature of the PDF letters applicants
    download. Kept in private storage: it is never served as a file of its own to the public."""

    org = models.OneToOneField(
        "orgs.Organization", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="letter_seal"
    )
    image = models.FileField(_("印章图片"), storage=private_storage, upload_to=_seal_path, max_length=200)
    content_type = models.CharField(_("类型"), max_length=20)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = user_field(_("上传人"))

    class Meta:
        verbose_name = _("电子印章")
        verbose_name_plural = _("电子印章")

    def __str__(self) -> str:
        return f"{self.org_id} seal"
