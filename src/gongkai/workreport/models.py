"""The work report (政务公开工作年度总结): one per government and year, its region's figures and the office's text.

A draft's figures come live from the records each time it is read (`workreport.builder.build`); publishing
freezes them, with the texts, into `snapshot`, from which the portal and every export read afterwards, so a
published report never changes when records change later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    PUBLISHED = "published", _("已发布")


class WorkReport(BaseModel):
    """The work report of a government's region (its subtree) for a year. `texts` holds the editable text of
    each part by its key (`workreport.sections.KEYS`)."""

    org = models.ForeignKey("orgs.Organization", on_delete=models.PROTECT, related_name="work_reports")
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(
        _("状态"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    title = models.CharField(_("标题"), max_length=200)
    texts = models.JSONField(_("各部分文字"), default=dict, blank=True)
    snapshot = models.JSONField(_("发布时的数据"), null=True, blank=True)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("批准发布人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "org__path"]
        verbose_name = _("政务公开工作年度总结")
        verbose_name_plural = _("政务公开工作年度总结")
        constraints = [
            models.UniqueConstraint(fields=["org", "year"], name="work_report_unique"),
            models.CheckConstraint(
                condition=models.Q(year__gte=2008, year__lte=2200), name="work_report_year_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED
