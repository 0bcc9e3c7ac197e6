"""What the operations commands record: each backup run (the metrics and `gongkai check` read the last one)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class BackupRun(models.Model):
    """One successful `gongkai backup`: where it went and what it holds (from its manifest)."""

    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("完成时间"), db_index=True)
    location = models.CharField(_("位置"), max_length=500)
    vendor = models.CharField(_("数据库"), max_length=20)
    size_bytes = models.PositiveBigIntegerField(_("大小（字节）"))
    tables = models.PositiveIntegerField(_("表数"))
    rows = models.PositiveBigIntegerField(_("记录数"))
    files = models.PositiveIntegerField(_("文件数"))
    encrypted = models.BooleanField(_("已加密"), default=False)
    manifest_sha256 = models.CharField(_("清单 SHA-256"), max_length=64)

    class Meta:
        ordering = ["-finished_at", "-id"]
        verbose_name = _("备份记录")
        verbose_name_plural = _("备份记录")

    def __str__(self) -> str:
        return f"{self.finished_at:%Y-%m-%d %H:%M} {self.location}"
