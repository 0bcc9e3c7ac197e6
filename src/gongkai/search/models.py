"""The search index: one denormalised row per public catalog item, plus the vendor's full-text objects.

`SearchDocument` holds what filters, facets, ordering and snippets need, so a search never joins the
catalog. Its primary key `key` orders the index newest first (see `make_key`): both backends walk their
full-text index in key order and stop early, and a date range is a key range.

The full-text objects are created by migration 0002 for the database in use:
- SQLite: FTS5 tables `search_fts` (title, document number, summary, keywords, body and filter tags) and
  `search_title_fts` (title and filter tags), one token per character, contentless, rowid = key;
- PostgreSQL: columns `norm`, `title_norm` (normalised text, for exact checks) and a narrow table
  `search_match` (key, filter columns, bit signatures of frequent lexemes, and `grams`, a tsvector of
  characters, character pairs, title pairs and filter tags with a GIN index).
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Keys count days backwards from this date, so that ascending keys are newest first.
KEY_EPOCH = date(2200, 1, 1).toordinal()
_LOW = 0xFFFFFFFF


def make_key(*, day: date, item_id: int) -> int:
    """Newest day first; on the same day, the later item (higher id) first."""
    return ((KEY_EPOCH - day.toordinal()) << 32) | (_LOW - (item_id & _LOW))


def key_range(*, date_from: date | None, date_to: date | None) -> tuple[int | None, int | None]:
    lo = ((KEY_EPOCH - date_to.toordinal()) << 32) if date_to else None
    hi = (((KEY_EPOCH - date_from.toordinal()) << 32) | _LOW) if date_from else None
    return lo, hi


class RowKeyField(models.BigIntegerField):
    """A 64-bit key that is SQLite's rowid (declared `integer`), so FTS5 rowids join without an index."""

    def db_type(self, connection):
        return "integer" if connection.vendor == "sqlite" else "bigint"


class SearchDocument(models.Model):
    key = RowKeyField(_("排序键"), primary_key=True)
    item_id = models.BigIntegerField(_("条目"), unique=True)
    url = models.CharField(_("网址"), max_length=300)
    title = models.TextField(_("名称"))
    doc_no = models.CharField(_("文号"), max_length=100, blank=True)
    index_no = models.CharField(_("索引号"), max_length=40, blank=True)
    summary = models.TextField(_("内容概述"), blank=True)
    keywords = models.CharField(_("关键词"), max_length=200, blank=True)
    body = models.TextField(_("正文"), blank=True)
    day = models.DateField(_("发布日期"))
    year = models.PositiveSmallIntegerField(_("年度"))
    org_id = models.BigIntegerField(_("发布机构"))
    org_path = models.CharField(_("机构路径"), max_length=255)
    org_name = models.CharField(_("发布机构名称"), max_length=100)
    org_code = models.CharField(_("发布机构代码"), max_length=18, blank=True)
    topic_code = models.CharField(_("主题分类代码"), max_length=8, blank=True)
    topic_parent_code = models.CharField(_("上级主题代码"), max_length=8, blank=True)
    topic_name = models.CharField(_("主题分类名称"), max_length=100, blank=True)
    genre_code = models.CharField(_("体裁代码"), max_length=30, blank=True)
    genre_name = models.CharField(_("体裁名称"), max_length=30, blank=True)
    statutory_class = models.CharField(_("法定公开类别"), max_length=30, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, blank=True)
    is_normative = models.BooleanField(_("规范性文件"), default=False)
    attachments = models.TextField(
        _("附件文字"), blank=True, default="", help_text=_("JSON：[[文件名, 网址, 文字], …]")
    )
    analyzer = models.PositiveSmallIntegerField(_("分析器版本"), default=1)

    class Meta:
        db_table = "search_document"
        ordering = ["key"]
        verbose_name = _("检索文档")
        verbose_name_plural = _("检索文档")
        indexes = [models.Index(fields=["day"], name="search_doc_day_idx")]

    def __str__(self) -> str:
        return self.title
