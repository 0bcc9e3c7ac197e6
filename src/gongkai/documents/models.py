"""The text read from a file (an attachment of the catalog, a file of an application), with how it was read.

One row per file, addressed by the file's model label and primary key (`source_type`, `source_id`), so
that this app knows no other app's models. Rows are written only by `documents.services`.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.models import BaseModel


class ExtractionStatus(models.TextChoices):
    PENDING = "pending", _("等待读取")
    RUNNING = "running", _("正在读取")
    DONE = "done", _("已读取")
    FAILED = "failed", _("无法读取")


class ExtractionMethod(models.TextChoices):
    PDF_TEXT = "pdf_text", _("PDF 文字层")
    OCR = "ocr", _("文字识别（OCR）")
    PDF_TEXT_OCR = "pdf_text+ocr", _("PDF 文字层与文字识别")
    DOCX = "docx", _("Word（DOCX）")
    XLSX = "xlsx", _("Excel（XLSX）")
    OFFICE_DOCX = "libreoffice+docx", _("LibreOffice 转换（文字文档）")
    OFFICE_XLSX = "libreoffice+xlsx", _("LibreOffice 转换（表格）")
    ODF = "odf", _("开放文档格式（ODF）")
    OFD = "ofd", _("OFD 版式文件")
    HTML = "html", _("HTML")
    TEXT = "text", _("纯文本")


class Extraction(BaseModel):
    source_type = models.CharField(_("文件类别"), max_length=60)  # e.g. "catalog.attachment"
    source_id = models.BigIntegerField(_("文件编号"))
    kind = models.CharField(_("格式"), max_length=10)
    sha256 = models.CharField(_("SHA-256"), max_length=64, db_index=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=ExtractionStatus.choices, default=ExtractionStatus.PENDING
    )
    method = models.CharField(_("读取方式"), max_length=20, choices=ExtractionMethod.choices, blank=True)
    confidence = models.FloatField(
        _("可信度"), null=True, blank=True, help_text=_("文字识别的平均置信度，0-1")
    )
    pages_total = models.PositiveIntegerField(_("页数"), default=0)
    pages_done = models.PositiveIntegerField(_("已读页数"), default=0)
    ocr_pages = models.PositiveIntegerField(_("识别页数"), default=0)
    text = models.TextField(_("文字"), blank=True, help_text=_("各页以换页符分隔"))
    chars = models.PositiveIntegerField(_("字数"), default=0)
    notes = models.TextField(_("说明"), blank=True)
    error = models.TextField(_("无法读取的原因"), blank=True)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    seconds = models.FloatField(_("用时（秒）"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("文件文字")
        verbose_name_plural = _("文件文字")
        constraints = [
            models.UniqueConstraint(fields=["source_type", "source_id"], name="extraction_source_unique"),
            models.CheckConstraint(
                condition=Q(status__in=ExtractionStatus.values), name="extraction_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(status=ExtractionStatus.FAILED) | ~Q(error=""),
                name="extraction_failed_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="extraction_status_idx")]

    def __str__(self) -> str:
        return f"{self.source_type}:{self.source_id} {self.get_status_display()}"

    @property
    def progress_percent(self) -> int:
        if self.status == ExtractionStatus.DONE:
            return 100
        return int(100 * self.pages_done / self.pages_total) if self.pages_total else 0

    def pages(self) -> list[str]:
        return self.text.split("\f") if self.text else []
