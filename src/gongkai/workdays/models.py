"""The working-day calendar as data: which years are known, and their exceptional days."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel


class CalendarYear(BaseModel):
    """A year whose holidays and make-up working days have been entered.

    Without a row here the year is unknown and no deadline may be computed into it.
    """

    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(
        _("依据"), max_length=200, blank=True, help_text=_("如国务院办公厅关于放假安排的通知文号")
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=1990, year__lte=2200), name="calendar_year_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}年"


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("法定节假日（放假）")
    WORKDAY = "workday", _("调休上班日")


class SpecialDay(BaseModel):
    """A day that differs from the Monday-Friday rule: a holiday on a weekday or a make-up working weekend."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=DayKind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("特殊日期")
        verbose_name_plural = _("特殊日期")

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"
