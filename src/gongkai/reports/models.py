"""Annual reports (年度报告), the figures the office enters by hand, and deadline reminders.

The figures of a report are never stored twice: a draft is computed from the records each time it is read
(`reports.builder.build`), a published report keeps the one snapshot taken when it was published
(`AnnualReport.snapshot`), and every export (HTML, DOCX, XLSX, PDF, JSON) is rendered from that one dict.
"""

from __future__ import annotations

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel, user_field


class Scope(models.TextChoices):
    """Which organisations a report covers (docs/legal.md, "The annual report": a government reports for its region)."""

    ALONE = "alone", _("本机关")
    WITH_DEPARTMENTS = "with_departments", _("本机关及所属部门")
    REGION = "region", _("本行政区域（含所属部门和下级政府）")


class ReportStatus(models.TextChoices):
    """Draft (the office compiles) → submitted (waits for the head) → published (the head approved);
    the head may return a submitted report to draft with a reason."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待负责人审批")
    PUBLISHED = "published", _("已发布")


class AnnualReport(BaseModel):
    """The annual report of one organisation, year and scope.

    While a draft, its figures come live from the records; publishing freezes them into `snapshot` (the
    report dict of `reports.builder`), from which the portal and every export read afterwards.
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    scope = models.CharField(_("统计范围"), max_length=20, choices=Scope.choices, default=Scope.ALONE)
    status = models.CharField(
        _("状态"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, db_index=True
    )
    title = models.CharField(_("标题"), max_length=200)
    overview = models.TextField(_("一、总体情况"), blank=True)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True)
    snapshot = models.JSONField(_("发布时的数据"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("提交审批时间"), null=True, blank=True)
    submitted_by = user_field(_("提交人"))
    return_note = models.TextField(_("退回意见"), blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = user_field(_("批准发布人"), help_text=_("批准发布的工作机构负责人"))
    catalog_item_id = models.PositiveBigIntegerField(
        _("目录信息"), null=True, blank=True, help_text=_("发布到政府信息公开目录（年度报告栏目）后的信息")
    )
    catalog_index_no = models.CharField(_("索引号"), max_length=60, blank=True)

    class Meta:
        ordering = ["-year", "org__path", "scope"]
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "scope"], name="annual_report_unique"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008, year__lte=2200), name="report_year_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == ReportStatus.PUBLISHED

    @property
    def is_submitted(self) -> bool:
        return self.status == ReportStatus.SUBMITTED


class OfficeFigures(BaseModel):
    """Figures the platform holds no records for, entered by the office (table 2, rows 五、六、八).

    One row per organisation and year; a report over several organisations adds their rows up. A figure left
    empty is stored as NULL: not confirmed. A report is not published while any organisation of its scope has
    a figure unconfirmed (0 is a figure the office confirmed, never a default).
    """

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="office_figures")
    year = models.PositiveSmallIntegerField(_("年度"))
    licensing_decisions = models.PositiveIntegerField(_("行政许可本年处理决定数量"), null=True, blank=True)
    penalty_decisions = models.PositiveIntegerField(_("行政处罚本年处理决定数量"), null=True, blank=True)
    coercion_decisions = models.PositiveIntegerField(_("行政强制本年处理决定数量"), null=True, blank=True)
    fee_income_wan = models.DecimalField(
        _("行政事业性收费本年收费金额（万元）"),
        max_digits=14,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    note = models.CharField(_("说明"), max_length=300, blank=True)
    entered_by = user_field()

    class Meta:
        ordering = ["-year", "org__path"]
        verbose_name = _("工作机构填报数据")
        verbose_name_plural = _("工作机构填报数据")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="office_figures_unique"),
            models.CheckConstraint(condition=models.Q(fee_income_wan__gte=0), name="office_fee_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年填报数据"

    FIELDS = ["licensing_decisions", "penalty_decisions", "coercion_decisions", "fee_income_wan", "note"]
    FIGURES = ["licensing_decisions", "penalty_decisions", "coercion_decisions", "fee_income_wan"]

    @property
    def unconfirmed(self) -> list[str]:
        return [f for f in self.FIGURES if getattr(self, f) is None]


class ReminderSent(BaseModel):
    """One deadline reminder mailed for an organisation's annual report (keeps the reminder job idempotent)."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("报告年度"))
    days_before = models.SmallIntegerField(_("距截止日天数"))
    recipients = models.PositiveIntegerField(_("收件人数"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("年度报告提醒")
        verbose_name_plural = _("年度报告提醒")
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "days_before"], name="report_reminder_unique")
        ]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年度报告提醒（{self.days_before}天）"


class ReportedYear(BaseModel):
    """A year whose figures are published for an organisation: one row per organisation covered by a published
    annual report (its scope), written when the head approves it. Later events never write a date into a
    reported year (docs/reports.md, "What later events do to published years")."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="reported_years")

    class Meta:
        ordering = ["-year", "org"]
        verbose_name = _("已发布年度")
        verbose_name_plural = _("已发布年度")
        constraints = [
            models.UniqueConstraint(fields=["org", "year", "report"], name="reported_year_unique"),
        ]
        indexes = [models.Index(fields=["org", "year"], name="reported_year_org_idx")]

    def __str__(self) -> str:
        return f"{self.org} {self.year}年（已发布）"
