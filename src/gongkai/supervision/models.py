"""Supervision (监督保障) by the competent department over its region (docs/supervision.md): the daily
self-checks with their thresholds as data, work plans and tasks, meetings and inspections, circulars and the
problems they track, assessment schemes and scores, and periodic reports upward.

Only `gongkai.supervision.services` changes these rows; statuses move along the tables next to them.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, org_field, user_field
from gongkai.foi.models import private_storage

# --- Self-checks: the rules as data ---------------------------------------------------------------------------


class UpdateRule(BaseModel):
    """How often a class of column must be updated (栏目更新要求): a column whose newest item is older than the
    period is stale (栏目不更新)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=60)
    months = models.PositiveSmallIntegerField(_("期限（月）"), default=0)
    days = models.PositiveSmallIntegerField(_("期限（日）"), default=0, help_text=_("与“期限（月）”相加"))
    is_key = models.BooleanField(
        _("重点栏目"),
        default=False,
        help_text=_("动态要闻、通知公告、政策文件：单独计数（19号文单项否决第1项）"),
    )
    source = models.TextField(_("依据"))

    class Meta:
        ordering = ["months", "days"]
        verbose_name = _("栏目更新要求")
        verbose_name_plural = _("栏目更新要求")

    def __str__(self) -> str:
        return self.name

    def limit_of(self, day: date) -> date:
        """The oldest publication date that still counts as updated on `day`."""
        month_index = day.year * 12 + day.month - 1 - self.months
        year, month = divmod(month_index, 12)
        month += 1
        last = calendar.monthrange(year, month)[1]
        return date(year, month, min(day.day, last)) - timedelta(days=self.days)


class CheckCode(models.TextChoices):
    HOME_STALE = "home_stale", _("首页（本机关信息）未更新天数")
    STALE_COLUMNS = "stale_columns", _("应更新未更新栏目数")
    STALE_KEY_COLUMNS = "stale_key_columns", _("动态、通知公告、政策文件栏目未更新数")
    BLANK_COLUMNS = "blank_columns", _("空白栏目数")
    OLDEST_UNANSWERED = "oldest_unanswered", _("最久未答复有效留言（天）")
    INCOMPLETE_GUIDES = "incomplete_guides", _("要素不全的办事指南数")
    UNINTERPRETED = "uninterpreted", _("未同步解读的规范性文件数")
    LATE_ITEMS = "late_items", _("超期公开信息数（本年）")
    EARLY_ITEMS = "early_items", _("发布日期早于成文日期的信息数")
    BROKEN_LINKS = "broken_links", _("失效的站内链接和附件数")
    REPORT_LATE = "report_late", _("年度报告逾期未发布")
    REPORT_COPIED = "report_copied", _("年度报告与上年雷同（相似度%）")


class Threshold(BaseModel):
    """When a self-check warns and when it fails the site (单项否决): data, with its source. A value reaching
    `warning_at` shows the early warning; reaching `veto_at` (when set) is the veto level."""

    code = models.CharField(_("检查项"), max_length=30, choices=CheckCode.choices, unique=True)
    warning_at = models.PositiveIntegerField(_("预警值"), help_text=_("达到即预警"))
    veto_at = models.PositiveIntegerField(
        _("否决值"), null=True, blank=True, help_text=_("达到即为单项否决；空：扣分项，不否决")
    )
    source = models.TextField(_("依据"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("自查阈值")
        verbose_name_plural = _("自查阈值")
        constraints = [
            models.CheckConstraint(
                condition=Q(veto_at__isnull=True) | Q(veto_at__gte=models.F("warning_at")),
                name="threshold_warning_before_veto",
            )
        ]

    def __str__(self) -> str:
        return self.get_code_display()

    def level_of(self, value: int) -> str:
        if self.veto_at is not None and value >= self.veto_at:
            return Level.VETO
        if value >= self.warning_at:
            return Level.WARNING
        return Level.OK


class Level(models.TextChoices):
    OK = "ok", _("正常")
    WARNING = "warning", _("预警")
    VETO = "veto", _("达到否决线")


class SupervisedColumn(BaseModel):
    """A column of a site, as a named filter over the catalog (the organisation's published items of a genre
    and/or a topic) with its update class."""

    org = models.ForeignKey(
        "orgs.Organization",
        verbose_name=_("机构"),
        on_delete=models.PROTECT,
        related_name="supervised_columns",
    )
    name = models.CharField(_("栏目名称"), max_length=60)
    genre = models.ForeignKey(
        "catalog.Genre",
        verbose_name=_("体裁"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    topic = models.ForeignKey(
        "catalog.Topic",
        verbose_name=_("主题分类"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("一级主题包括其下的二级主题"),
    )
    rule = models.ForeignKey(
        UpdateRule, verbose_name=_("更新要求"), on_delete=models.PROTECT, related_name="+"
    )
    is_active = models.BooleanField(_("纳入检查"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    class Meta:
        ordering = ["org__path", "sort_order", "pk"]
        verbose_name = _("监测栏目")
        verbose_name_plural = _("监测栏目")
        constraints = [
            models.UniqueConstraint(fields=["org", "name"], name="supervised_column_unique"),
            models.CheckConstraint(
                condition=Q(genre__isnull=False) | Q(topic__isnull=False), name="supervised_column_has_filter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.org} · {self.name}"


class SelfCheck(BaseModel):
    """One check of one organisation on one day: its value, level and the records behind it (`evidence`:
    [{"ref": "catalog.item:12", "label": "…"}])."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="self_checks")
    on = models.DateField(_("检查日期"))
    code = models.CharField(_("检查项"), max_length=30, choices=CheckCode.choices)
    value = models.PositiveIntegerField(_("结果"), default=0)
    level = models.CharField(_("等级"), max_length=10, choices=Level.choices, default=Level.OK)
    skipped = models.BooleanField(_("未检查"), default=False, help_text=_("数据来源模块未启用"))
    evidence = models.JSONField(_("问题记录"), default=list, blank=True)

    class Meta:
        ordering = ["-on", "org__path", "code"]
        verbose_name = _("自查结果")
        verbose_name_plural = _("自查结果")
        constraints = [models.UniqueConstraint(fields=["org", "on", "code"], name="self_check_unique")]
        indexes = [models.Index(fields=["on", "level"], name="self_check_day_idx")]

    def __str__(self) -> str:
        return f"{self.org} {self.on} {self.get_code_display()}"


# --- Work plans and tasks (工作要点与任务分解) ------------------------------------------------------------------


class WorkPlan(BaseModel):
    year = models.PositiveSmallIntegerField(_("年度"))
    org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("印发机关"), on_delete=models.PROTECT, related_name="work_plans"
    )
    title = models.CharField(_("名称"), max_length=200)
    source_item = models.ForeignKey(
        "catalog.Item", verbose_name=_("来源文件"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", help_text=_("政府信息公开目录中的要点文件"),
    )  # fmt: skip
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级要点"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    remind_days = models.PositiveSmallIntegerField(
        _("到期前提醒（日）"), default=7, help_text=_("任务时限前多少日提醒牵头单位")
    )
    list_item = models.ForeignKey(
        "catalog.Item", verbose_name=_("公开的任务清单"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["-year", "org__path", "pk"]
        verbose_name = _("工作要点")
        verbose_name_plural = _("工作要点")

    def __str__(self) -> str:
        return self.title


class TaskState(models.TextChoices):
    OPEN = "open", _("推进中")
    DONE = "done", _("已完成")


class ReviewResult(models.TextChoices):
    DONE = "done", _("已完成")
    MOSTLY = "mostly", _("基本完成")
    NOT_DONE = "not_done", _("未完成")


class Task(BaseModel):
    """A line of the task list (任务清单): 工作任务 | 具体要求 | 牵头单位 | 责任单位 | 时限要求."""

    plan = models.ForeignKey(
        WorkPlan, verbose_name=_("工作要点"), on_delete=models.CASCADE, related_name="tasks"
    )
    number = models.CharField(_("序号"), max_length=20)
    text = models.TextField(_("工作任务"))
    requirement = models.TextField(_("具体要求"), blank=True)
    lead_org = models.ForeignKey(
        "orgs.Organization", verbose_name=_("牵头单位"), on_delete=models.PROTECT, related_name="lead_tasks"
    )
    co_orgs = models.ManyToManyField(
        "orgs.Organization", verbose_name=_("责任单位"), blank=True, related_name="co_tasks"
    )
    due_on = models.DateField(_("时限"), null=True, blank=True)
    ongoing = models.BooleanField(_("持续推进"), default=False)
    evidence_required = models.CharField(_("佐证材料要求"), max_length=300, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN)
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    review_result = models.CharField(_("回头看结论"), max_length=10, choices=ReviewResult.choices, blank=True)
    review_note = models.TextField(_("回头看说明"), blank=True)
    reviewed_on = models.DateField(_("回头看日期"), null=True, blank=True)

    class Meta:
        ordering = ["plan", "pk"]
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        constraints = [
            models.CheckConstraint(
                condition=Q(ongoing=True, due_on__isnull=True) | Q(ongoing=False, due_on__isnull=False),
                name="task_due_or_ongoing",
            ),
            models.CheckConstraint(
                condition=Q(state=TaskState.DONE, completed_on__isnull=False)
                | Q(state=TaskState.OPEN, completed_on__isnull=True),
                name="task_done_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    @property
    def due_label(self) -> str:
        return "持续推进" if self.ongoing else f"{self.due_on:%Y-%m-%d}"

    def is_overdue_on(self, day: date) -> bool:
        if self.ongoing or self.due_on is None:
            return False
        if self.state == TaskState.DONE:
            return self.completed_on is not None and self.completed_on > self.due_on
        return day > self.due_on


def _evidence_path(instance: models.Model, filename: str) -> str:
    return f"supervision/{uuid.uuid4().hex}"


class TaskReport(BaseModel):
    """A unit's progress on a task, with its evidence (catalog items, messages, links)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    org = org_field(_("报告单位"), required=True)
    reported_on = models.DateField(_("报告日期"))
    progress = models.TextField(_("进展情况"))
    completed = models.BooleanField(_("已完成"), default=False)
    items = models.ManyToManyField("catalog.Item", verbose_name=_("佐证信息"), blank=True, related_name="+")
    messages = models.ManyToManyField(
        "interaction.Message", verbose_name=_("佐证留言"), blank=True, related_name="+"
    )
    links = models.TextField(_("其他佐证（网址）"), blank=True, help_text=_("每行一个"))
    evidence_file = models.FileField(
        _("佐证文件"), storage=private_storage, upload_to=_evidence_path, max_length=200, blank=True
    )
    evidence_name = models.CharField(_("佐证文件名"), max_length=200, blank=True)
    reporter = user_field()

    class Meta:
        ordering = ["task", "-reported_on", "-pk"]
        verbose_name = _("任务进展")
        verbose_name_plural = _("任务进展")

    def __str__(self) -> str:
        return f"{self.task} {self.reported_on}"


class TaskReminder(BaseModel):
    """A reminder sent for a task (once per task and kind)."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("类别"), max_length=10)  # "due_soon" / "overdue"

    class Meta:
        ordering = ["task", "kind"]
        constraints = [models.UniqueConstraint(fields=["task", "kind"], name="task_reminder_unique")]

    def __str__(self) -> str:
        return f"{self.task} {self.kind}"


# --- Meetings and inspections ---------------------------------------------------------------------------------


class MeetingKind(models.TextChoices):
    MEETING = "meeting", _("协调会议")
    TRAINING = "training", _("业务培训")


class Meeting(BaseModel):
    org = org_field(_("组织单位"), required=True)
    kind = models.CharField(_("类别"), max_length=10, choices=MeetingKind.choices)
    held_on = models.DateField(_("日期"))
    title = models.CharField(_("名称"), max_length=200)
    participants = models.TextField(_("参加单位和人员"), blank=True)
    topics = models.TextField(_("议题（内容）"), blank=True)
    minutes = models.TextField(_("纪要"), blank=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("会议培训")
        verbose_name_plural = _("会议培训")

    def __str__(self) -> str:
        return self.title


class InspectionMode(models.TextChoices):
    PLANNED = "planned", _("计划检查（书面、系统监测）")
    ON_SITE = "on_site", _("实地督查")


class Inspection(BaseModel):
    org = org_field(_("检查单位"), required=True)
    title = models.CharField(_("名称"), max_length=200)
    mode = models.CharField(_("方式"), max_length=10, choices=InspectionMode.choices)
    joint_with = models.CharField(
        _("联合检查单位"), max_length=200, blank=True, help_text=_("如市人大常委会")
    )
    held_on = models.DateField(_("检查日期"))
    units = models.ManyToManyField("orgs.Organization", verbose_name=_("被检查单位"), related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("检查")
        verbose_name_plural = _("检查")

    def __str__(self) -> str:
        return self.title


class Severity(models.TextChoices):
    MINOR = "minor", _("一般")
    MAJOR = "major", _("较重")
    SEVERE = "severe", _("严重")


class FindingState(models.TextChoices):
    OPEN = "open", _("待整改")
    RESPONDED = "responded", _("已反馈待核实")
    VERIFIED = "verified", _("已核实整改")


FINDING_TRANSITIONS: dict[str, set[str]] = {
    FindingState.OPEN: {FindingState.RESPONDED},
    FindingState.RESPONDED: {FindingState.VERIFIED, FindingState.OPEN},
    FindingState.VERIFIED: set(),
}


class Finding(BaseModel):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    org = org_field(_("被检查单位"), required=True)
    indicator = models.CharField(_("检查指标"), max_length=100)
    description = models.TextField(_("问题"))
    evidence = models.TextField(_("证据（网址、截图说明）"), blank=True)
    severity = models.CharField(
        _("严重程度"), max_length=10, choices=Severity.choices, default=Severity.MINOR
    )
    rectify_by = models.DateField(_("整改期限"))
    state = models.CharField(
        _("状态"), max_length=10, choices=FindingState.choices, default=FindingState.OPEN
    )
    response = models.TextField(_("整改情况"), blank=True)
    responded_on = models.DateField(_("反馈日期"), null=True, blank=True)
    verified_on = models.DateField(_("核实日期"), null=True, blank=True)

    class Meta:
        ordering = ["inspection", "org__path", "pk"]
        verbose_name = _("检查发现的问题")
        verbose_name_plural = _("检查发现的问题")

    def __str__(self) -> str:
        return f"{self.org}：{self.indicator}"


# --- Circulars (通报) -----------------------------------------------------------------------------------------


class CircularState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    APPROVED = "approved", _("已审定")
    PUBLISHED = "published", _("已公开发布")
    INTERNAL = "internal", _("已内部印发")


CIRCULAR_TRANSITIONS: dict[str, set[str]] = {
    CircularState.DRAFT: {CircularState.APPROVED},
    CircularState.APPROVED: {CircularState.PUBLISHED, CircularState.INTERNAL, CircularState.DRAFT},
    CircularState.PUBLISHED: set(),
    CircularState.INTERNAL: set(),
}


class Circular(BaseModel):
    public_id = models.UUIDField(_("公开标识"), default=uuid.uuid4, unique=True, editable=False)
    org = org_field(_("通报机关"), required=True)
    scope = org_field(_("通报范围"), required=True, help_text=_("该机构及其下属单位"))
    period_start = models.DateField(_("期间起"))
    period_end = models.DateField(_("期间止"))
    title = models.CharField(_("标题"), max_length=200)
    doc_no = models.CharField(_("文号"), max_length=60, blank=True)
    body = models.TextField(_("正文"), blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=CircularState.choices, default=CircularState.DRAFT
    )
    drafted_by = user_field()
    approved_by = user_field()
    issued_on = models.DateField(_("印发日期"), null=True, blank=True)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        verbose_name = _("通报")
        verbose_name_plural = _("通报")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="circular_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def can_move_to(self, state: str) -> bool:
        return state in CIRCULAR_TRANSITIONS.get(self.state, set())


class ProblemKind(models.TextChoices):
    OVERDUE_APPLICATION = "overdue_application", _("依申请公开超期答复")
    LATE_ITEM = "late_item", _("信息超期公开")
    STALE_COLUMN = "stale_column", _("栏目未按期更新")
    BLANK_COLUMN = "blank_column", _("空白栏目")
    UNANSWERED_MESSAGE = "unanswered_message", _("留言超期未答复")
    INCOMPLETE_GUIDE = "incomplete_guide", _("办事指南要素不全")
    TASK_DELAY = "task_delay", _("工作任务逾期未完成")
    FINDING_OPEN = "finding_open", _("检查问题未整改")


class Problem(BaseModel):
    """One problem a circular lists, tracked until rectified. `ref` names the record ("foi.application:7")."""

    circular = models.ForeignKey(Circular, on_delete=models.CASCADE, related_name="problems")
    org = org_field(_("责任单位"), required=True)
    kind = models.CharField(_("问题类别"), max_length=30, choices=ProblemKind.choices)
    ref = models.CharField(_("记录"), max_length=60)
    label = models.CharField(_("问题描述"), max_length=300)
    auto_close = models.BooleanField(
        _("记录显示整改后自动销号"), default=False, help_text=_("否：由责任单位报告整改")
    )
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    response = models.TextField(_("整改说明"), blank=True)

    class Meta:
        ordering = ["circular", "org__path", "kind", "pk"]
        verbose_name = _("通报问题")
        verbose_name_plural = _("通报问题")
        constraints = [models.UniqueConstraint(fields=["circular", "ref"], name="problem_unique")]

    def __str__(self) -> str:
        return self.label

    @property
    def rectified(self) -> bool:
        return self.rectified_on is not None


# --- Assessment (考核评估) -------------------------------------------------------------------------------------


class Scheme(BaseModel):
    """An indicator scheme (e.g. a city's 政务公开 assessment), applied to the units of `org`'s region."""

    public_id = models.UUIDField(_("公开标识"), default=uuid.uuid4, unique=True, editable=False)
    org = org_field(_("考核机关"), required=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    name = models.CharField(_("名称"), max_length=200)
    pass_mark = models.DecimalField(_("合格分"), max_digits=6, decimal_places=2, default=60)
    bonus_above = models.DecimalField(
        _("加分起点"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("得分高于此值才计加分"),
    )
    source = models.TextField(_("依据"))
    units = models.ManyToManyField("orgs.Organization", verbose_name=_("考核对象"), related_name="+")
    is_published = models.BooleanField(_("结果已公开"), default=False)

    class Meta:
        ordering = ["-year", "pk"]
        verbose_name = _("考核方案")
        verbose_name_plural = _("考核方案")

    def __str__(self) -> str:
        return self.name


class Metric(models.TextChoices):
    """What a computed indicator counts (each a query over the records, see `supervision.assessment`)."""

    LATE_ITEMS = "late_items", _("超期公开信息（条）")
    OVERDUE_APPLICATIONS = "overdue_applications", _("超期答复的申请（件）")
    LATE_MESSAGES = "late_messages", _("超期答复的留言（件）")
    LATE_PROPOSALS = "late_proposals", _("超期答复的建议提案（件）")
    LATE_INTERPRETATIONS = "late_interpretations", _("超期发布的解读（篇）")
    TASKS_NOT_DONE = "tasks_not_done", _("未按期完成的工作任务（项）")
    STALE_COLUMNS = "stale_columns", _("未按期更新的栏目（个，年末自查）")


class IndicatorMethod(models.TextChoices):
    COMPUTED = "computed", _("系统计算")
    MANUAL = "manual", _("人工评分")


class IndicatorKind(models.TextChoices):
    SCORE = "score", _("扣分指标")
    VETO = "veto", _("单项否决")
    BONUS = "bonus", _("加分指标")


class Indicator(BaseModel):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="indicators")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级指标"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    code = models.CharField(_("编号"), max_length=20)
    name = models.CharField(_("名称"), max_length=200)
    kind = models.CharField(
        _("类别"), max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.SCORE
    )
    weight = models.DecimalField(_("分值"), max_digits=6, decimal_places=2, default=0)
    method = models.CharField(_("评分方式"), max_length=10, choices=IndicatorMethod.choices)
    metric = models.CharField(_("计算口径"), max_length=30, choices=Metric.choices, blank=True)
    per_record = models.DecimalField(
        _("每条扣（加）分"), max_digits=6, decimal_places=2, default=0, help_text=_("扣分以本指标分值为限")
    )
    rule = models.TextField(_("评分规则"), blank=True)

    class Meta:
        ordering = ["scheme", "code"]
        verbose_name = _("考核指标")
        verbose_name_plural = _("考核指标")
        constraints = [
            models.UniqueConstraint(fields=["scheme", "code"], name="indicator_code_unique"),
            models.CheckConstraint(
                condition=~Q(method=IndicatorMethod.COMPUTED) | ~Q(metric=""),
                name="indicator_computed_has_metric",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Score(BaseModel):
    """An indicator's points for one unit, with the records behind them (`evidence`: refs like
    "catalog.item:12")."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="scores")
    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField(_("计数"), default=0)
    points = models.DecimalField(_("得分"), max_digits=6, decimal_places=2)
    evidence = models.JSONField(_("依据记录"), default=list, blank=True)
    note = models.TextField(_("评分说明"), blank=True)
    assessor = user_field()

    class Meta:
        ordering = ["indicator", "org__path"]
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        constraints = [models.UniqueConstraint(fields=["indicator", "org"], name="score_unique")]

    def __str__(self) -> str:
        return f"{self.org} {self.indicator}：{self.points}"


# --- Reporting upward (定期报送) -------------------------------------------------------------------------------


class PeriodKind(models.TextChoices):
    MONTH = "month", _("月报")
    QUARTER = "quarter", _("季报（依申请公开）")


class SubmissionState(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已报送")
    RETURNED = "returned", _("退回")
    ACCEPTED = "accepted", _("已接收")


SUBMISSION_TRANSITIONS: dict[str, set[str]] = {
    SubmissionState.DRAFT: {SubmissionState.SUBMITTED},
    SubmissionState.SUBMITTED: {SubmissionState.RETURNED, SubmissionState.ACCEPTED},
    SubmissionState.RETURNED: {SubmissionState.SUBMITTED},
    SubmissionState.ACCEPTED: set(),
}


class ReportingRule(BaseModel):
    """When a periodic report is due: the day of the month after the period. Data, with its source."""

    kind = models.CharField(_("类别"), max_length=10, choices=PeriodKind.choices, unique=True)
    due_day = models.PositiveSmallIntegerField(_("次月报送日"), help_text=_("期间结束后的次月几日前报送"))
    remind_days = models.PositiveSmallIntegerField(_("提前提醒（日）"), default=3)
    source = models.TextField(_("依据"))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("报送期限")
        verbose_name_plural = _("报送期限")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：次月{self.due_day}日前"


class PeriodicReport(BaseModel):
    """A unit's periodic report to the competent department: figures built from the records plus a summary."""

    org = org_field(_("报送单位"), required=True)
    kind = models.CharField(_("类别"), max_length=10, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    period = models.PositiveSmallIntegerField(_("月份或季度"))
    figures = models.JSONField(_("数据"), default=dict)
    summary = models.TextField(_("工作小结"), blank=True)
    state = models.CharField(
        _("状态"), max_length=10, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    due_on = models.DateField(_("报送期限"))
    submitted_at = models.DateTimeField(_("报送时间"), null=True, blank=True)
    return_comment = models.TextField(_("退回意见"), blank=True)
    accepted_at = models.DateTimeField(_("接收时间"), null=True, blank=True)

    class Meta:
        ordering = ["-year", "-period", "org__path"]
        verbose_name = _("定期报送")
        verbose_name_plural = _("定期报送")
        constraints = [
            models.UniqueConstraint(fields=["org", "kind", "year", "period"], name="periodic_report_unique"),
            models.CheckConstraint(condition=Q(period__gte=1, period__lte=12), name="periodic_report_period"),
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.period_label}"

    @property
    def period_label(self) -> str:
        return (
            f"{self.year}年{self.period}月"
            if self.kind == PeriodKind.MONTH
            else f"{self.year}年第{self.period}季度"
        )

    def can_move_to(self, state: str) -> bool:
        return state in SUBMISSION_TRANSITIONS.get(self.state, set())
