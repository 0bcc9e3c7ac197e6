"""NPC suggestions and CPPCC proposals (建议提案办理): sessions, items, proposers, assignment, the policy table.

Deadlines are not rules here: `proposals.deadlines` derives `due_on` from the assignment date and the `Policy`
row of the item's body (data, editable in the admin, seeded with sourced defaults); services store the result.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, user_field
from gongkai.proposals import contacts


class Body(models.TextChoices):
    NPC = "npc", _("人大代表建议")
    CPPCC = "cppcc", _("政协提案")


class Kind(models.TextChoices):
    NPC_SUGGESTION = "npc_suggestion", _("人大代表建议")
    NPC_CRITICISM = "npc_criticism", _("人大代表批评和意见")
    CPPCC_MEMBER = "cppcc_member", _("政协委员提案")
    CPPCC_PARTY = "cppcc_party", _("民主党派提案")
    CPPCC_ORGANISATION = "cppcc_organisation", _("人民团体提案")
    CPPCC_SECTOR = "cppcc_sector", _("界别提案")
    CPPCC_COMMITTEE = "cppcc_committee", _("专门委员会提案")


KIND_BODY = {k: (Body.NPC if k.startswith("npc") else Body.CPPCC) for k in Kind}


class Status(models.TextChoices):
    REGISTERED = "registered", _("待交办")
    ASSIGNED = "assigned", _("办理中")
    REVIEW = "review", _("答复待审核")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")
    MERGED = "merged", _("已并案")


#: The only status changes services may make. A granted return of the lead unit sends the item back to
#: REGISTERED for a new assignment; 不满意 reopens an answered or closed item (ASSIGNED, with a new deadline).
ALLOWED_MOVES: dict[str, set[str]] = {
    Status.REGISTERED: {Status.ASSIGNED, Status.MERGED},
    Status.ASSIGNED: {Status.REGISTERED, Status.REVIEW, Status.MERGED},
    Status.REVIEW: {Status.ASSIGNED, Status.ANSWERED},
    Status.ANSWERED: {Status.CLOSED, Status.ASSIGNED},
    Status.CLOSED: {Status.ASSIGNED},
    Status.MERGED: set(),
}


class ClassScheme(models.TextChoices):
    ABCD = "abcd", _("A/B/C/D类")
    JIA_YI_BING = "jyb", _("甲/乙/丙类")


class Policy(BaseModel):
    """The periods of one body's items in this city: data, edited in the admin, seeded with sourced defaults."""

    body = models.CharField(_("类别"), max_length=10, choices=Body.choices, unique=True)
    answer_months = models.PositiveSmallIntegerField(_("答复期限（月）"), default=3)
    difficult_months = models.PositiveSmallIntegerField(_("复杂事项答复期限（月）"), default=6)
    answer_by = models.DateField(
        _("统一答复截止日期"),
        null=True,
        blank=True,
        help_text=_("设置后，到期日取“交办日加期限”与此日期中较早者。"),
    )
    return_window_workdays = models.PositiveSmallIntegerField(_("申请退回期限（工作日）"), default=5)
    co_opinion_workdays = models.PositiveSmallIntegerField(_("会办意见期限（工作日）"), default=30)
    remind_days = models.PositiveSmallIntegerField(_("到期前提醒（日）"), default=15)
    publish_workdays = models.PositiveSmallIntegerField(_("答复后公开期限（工作日）"), default=20)
    reopen_months = models.PositiveSmallIntegerField(_("不满意重新办理期限（月）"), default=2)
    feedback_workdays = models.PositiveSmallIntegerField(_("代表委员评价期限（工作日）"), default=20)
    class_scheme = models.CharField(
        _("答复分类方案"), max_length=10, choices=ClassScheme.choices, default=ClassScheme.ABCD
    )
    source = models.TextField(_("依据"), blank=True)

    class Meta:
        verbose_name = _("办理期限规则")
        verbose_name_plural = _("办理期限规则")

    def __str__(self) -> str:
        return str(self.get_body_display())


class Session(BaseModel):
    """A session (届、次) of the people's congress or the CPPCC, or the recess between two (`meeting` empty)."""

    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="proposal_sessions",
        verbose_name=_("交办机构"), help_text=_("负责交办和督办的政府办公室"),
    )  # fmt: skip
    body = models.CharField(_("类别"), max_length=10, choices=Body.choices)
    name = models.CharField(_("名称"), max_length=120)
    term = models.PositiveSmallIntegerField(_("届"))
    meeting = models.PositiveSmallIntegerField(_("次"), null=True, blank=True, help_text=_("闭会期间留空"))
    year = models.PositiveSmallIntegerField(_("年度"))
    opens_on = models.DateField(_("开幕日期"))
    closes_on = models.DateField(_("闭幕日期"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "body", "term", "meeting"]
        constraints = [
            models.UniqueConstraint(
                fields=["org", "body", "term", "meeting", "year"], name="proposal_session_once"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Proposal(BaseModel):
    session = models.ForeignKey(
        Session, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("会次")
    )
    number = models.CharField(_("编号"), max_length=30)
    kind = models.CharField(_("类别"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("标题"), max_length=300)
    reasons = models.TextField(_("案由"), blank=True)
    suggestions = models.TextField(_("具体建议"), blank=True)
    key_supervision = models.BooleanField(_("重点督办"), default=False)
    supervising_leader = models.CharField(_("督办领导"), max_length=60, blank=True)
    confidential = models.BooleanField(_("涉密"), default=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.REGISTERED)
    source = models.CharField(_("来源"), max_length=10, default="hand")  # hand / import / api
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    difficult = models.BooleanField(_("复杂事项（经批准延长）"), default=False)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, db_index=True)
    answered_on = models.DateField(_("答复日期"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(_("办理轮次"), default=1, help_text=_("不满意重新办理后加一"))
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged", verbose_name=_("并入")
    )
    registered_by = user_field()

    class Meta:
        ordering = ["session", "number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="proposal_number_once")]

    def __str__(self) -> str:
        return f"第{self.number}号 {self.title}"

    @property
    def body(self) -> str:
        return KIND_BODY[Kind(self.kind)]

    def can_move_to(self, status: str) -> bool:
        return status in ALLOWED_MOVES[Status(self.status)]


class ProposerRole(models.TextChoices):
    LEAD = "lead", _("领衔")
    COSIGNER = "cosigner", _("附议")
    GROUP = "group", _("代表团/界别/党派/团体")


@dataclass(frozen=True)
class ProposerData:
    """A proposer as a form, the 交办清单 or the API gives it (contacts in plain text until sealed)."""

    name: str
    role: str = ProposerRole.LEAD
    affiliation: str = ""
    contacts: str = ""


class Proposer(BaseModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="proposers")
    role = models.CharField(_("身份"), max_length=10, choices=ProposerRole.choices)
    name = models.CharField(_("姓名或名称"), max_length=100)
    affiliation = models.CharField(_("代表团/界别/单位"), max_length=100, blank=True)
    contacts_sealed = models.BinaryField(_("联系方式（加密）"), blank=True, default=b"", editable=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["proposal", "position"]

    def __str__(self) -> str:
        return self.name

    @property
    def contacts(self) -> str:
        """The plain contacts, for the handling staff only: never in a public page, export or audit event."""
        return contacts.open_sealed(self.contacts_sealed)


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("主办")
    CO = "co", _("会办")
    SPLIT = "split", _("分办")


class Assignment(BaseModel):
    """A unit's part in an item: the lead (主办) answers, co-handlers (会办) send their opinion to the lead, each
    split unit (分办) answers its own part."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="assignments")
    org = models.ForeignKey(
        "orgs.Organization", on_delete=models.PROTECT, related_name="proposal_assignments"
    )
    role = models.CharField(_("办理方式"), max_length=10, choices=AssignmentRole.choices)
    assigned_on = models.DateField(_("交办日期"))
    active = models.BooleanField(_("有效"), default=True)
    opinion_due_on = models.DateField(_("会办意见期限"), null=True, blank=True)
    opinion = models.TextField(_("会办意见"), blank=True)
    opinion_sent_on = models.DateField(_("意见送达日期"), null=True, blank=True)

    class Meta:
        ordering = ["proposal", "role", "pk"]

    def __str__(self) -> str:
        return f"{self.proposal.number} {self.get_role_display()} {self.org.name}"


class ReturnState(models.TextChoices):
    PENDING = "pending", _("待决定")
    GRANTED = "granted", _("同意退回")
    REFUSED = "refused", _("不同意退回")


class ReturnRequest(BaseModel):
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="return_requests")
    reasons = models.TextField(_("退回理由"))
    requested_on = models.DateField(_("申请日期"))
    state = models.CharField(
        _("状态"), max_length=10, choices=ReturnState.choices, default=ReturnState.PENDING
    )
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_note = models.TextField(_("决定说明"), blank=True)

    def __str__(self) -> str:
        return f"退回申请 {self.assignment}"


class ResultClass(BaseModel):
    """One class of a grading scheme (A/B/C/D, 甲/乙/丙…): data, edited in the admin; the policy picks the scheme."""

    scheme = models.CharField(_("方案"), max_length=10, choices=ClassScheme.choices)
    code = models.CharField(_("类别"), max_length=4)
    meaning = models.CharField(_("含义"), max_length=100)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["scheme", "position"]
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="proposal_class_once")]
        verbose_name = _("答复分类")
        verbose_name_plural = _("答复分类")

    def __str__(self) -> str:
        return f"{self.code}类：{self.meaning}"


class ContactStage(models.TextChoices):
    BEFORE = "before", _("办前面商")
    DURING = "during", _("办中沟通")
    AFTER = "after", _("办后回访")


class ContactMethod(models.TextChoices):
    MEETING = "meeting", _("当面座谈")
    VISIT = "visit", _("上门走访")
    PHONE = "phone", _("电话沟通")
    WRITTEN = "written", _("书面或网络沟通")


#: Contacts that count as 见面 (face to face).
FACE_TO_FACE = (ContactMethod.MEETING, ContactMethod.VISIT)


class Contact(BaseModel):
    """A unit's contact with the proposers: the record behind 见面率 and 走访率."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="contacts")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(_("阶段"), max_length=10, choices=ContactStage.choices)
    method = models.CharField(_("方式"), max_length=10, choices=ContactMethod.choices)
    happened_on = models.DateField(_("日期"))
    delegates = models.CharField(_("参加的代表委员"), max_length=200)
    note = models.TextField(_("情况记录"), blank=True)
    signed = models.BooleanField(_("代表委员签字确认"), default=False)

    class Meta:
        ordering = ["proposal", "happened_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.happened_on}"


class ReplyState(models.TextChoices):
    DRAFT = "draft", _("起草中")
    REVIEW = "review", _("待单位负责人审签")
    SENT = "sent", _("已答复")


class ReplyDisclosure(models.TextChoices):
    """The reply's disclosure attribute, decided with the reply (国办发〔2014〕46号: 全文公开, 摘要公开, or not)."""

    FULL = "full", _("全文公开")
    SUMMARY = "summary", _("摘要公开")
    NONE = "none", _("不公开")


class Reply(BaseModel):
    """The answer of a lead (or split) unit: the letter's facts, its point-by-point text, its class."""

    assignment = models.OneToOneField(Assignment, on_delete=models.PROTECT, related_name="reply")
    letter_no = models.CharField(_("文号"), max_length=60)
    signer = models.CharField(_("签发人"), max_length=30)
    text = models.TextField(_("答复正文（逐条答复）"))
    contact_person = models.CharField(_("联系人"), max_length=30)
    contact_phone = models.CharField(_("联系电话"), max_length=30)
    result_class = models.CharField(_("答复分类"), max_length=4)
    state = models.CharField(_("状态"), max_length=10, choices=ReplyState.choices, default=ReplyState.DRAFT)
    sent_on = models.DateField(_("答复日期"), null=True, blank=True)
    return_note = models.TextField(_("退回修改意见"), blank=True)
    disclosure = models.CharField(
        _("公开属性"), max_length=10, choices=ReplyDisclosure.choices, default=ReplyDisclosure.FULL
    )
    disclosure_reason = models.CharField(_("不公开理由"), max_length=300, blank=True)
    summary = models.TextField(_("公开摘要"), blank=True)
    publish_due_on = models.DateField(_("公开期限"), null=True, blank=True)
    published_on = models.DateField(_("公开日期"), null=True, blank=True)
    publish_late = models.BooleanField(_("逾期公开"), default=False)
    catalog_item = models.ForeignKey(
        "catalog.Item",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("目录信息"),
    )
    history = models.JSONField(_("此前各轮答复"), default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.letter_no} {self.assignment.proposal.title}"


class CoSign(BaseModel):
    """A co-handler's online co-signature of the lead's reply (会签); a changed draft needs them again."""

    reply = models.ForeignKey(Reply, on_delete=models.PROTECT, related_name="cosigns")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="cosigns")
    signed_on = models.DateField(_("会签日期"))
    note = models.CharField(_("会签意见"), max_length=500, blank=True)
    valid = models.BooleanField(default=True)

    class Meta:
        ordering = ["reply", "pk"]


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASICALLY = "basically", _("基本满意")
    UNSATISFIED = "unsatisfied", _("不满意")


class Evaluation(BaseModel):
    """One proposer's evaluation of one round's answer: attitude and result (征询意见表)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="evaluations")
    proposer = models.ForeignKey(Proposer, on_delete=models.PROTECT, related_name="evaluations")
    round = models.PositiveSmallIntegerField(_("办理轮次"))
    attitude = models.CharField(_("办理态度"), max_length=12, choices=Rating.choices)
    result = models.CharField(_("办理结果"), max_length=12, choices=Rating.choices)
    comment = models.TextField(_("意见"), blank=True)
    channel = models.CharField(_("方式"), max_length=10)  # online (one-time code) / paper (entered by staff)
    evaluated_on = models.DateField(_("评价日期"))

    class Meta:
        ordering = ["proposal", "round", "pk"]
        constraints = [models.UniqueConstraint(fields=["proposer", "round"], name="proposal_evaluation_once")]


class FeedbackCode(BaseModel):
    """A one-time code for one proposer's online evaluation of one round (only its hash is kept)."""

    proposer = models.ForeignKey(Proposer, on_delete=models.PROTECT, related_name="feedback_codes")
    round = models.PositiveSmallIntegerField()
    code_hash = models.CharField(max_length=64, unique=True)
    expires_on = models.DateField()
    used_on = models.DateField(null=True, blank=True)


class CommitmentState(models.TextChoices):
    OPEN = "open", _("落实中")
    FULFILLED = "fulfilled", _("已落实")
    DROPPED = "dropped", _("未能落实（已说明）")


class Commitment(BaseModel):
    """An action the reply promised, tracked until fulfilled: into the next year and through a change of term."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="commitments")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    text = models.CharField(_("承诺事项"), max_length=500)
    due_on = models.DateField(_("承诺完成日期"))
    state = models.CharField(
        _("状态"), max_length=10, choices=CommitmentState.choices, default=CommitmentState.OPEN
    )
    done_on = models.DateField(_("落实日期"), null=True, blank=True)
    note = models.TextField(_("落实情况"), blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text
