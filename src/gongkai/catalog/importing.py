"""Importing published items from JSON Lines (docs/import-format.md), through the catalog's services.

Rows go through catalog.services.items_import in batches: the checks of item_create and item_publish, the
review recorded as "imported", index numbers from the same locked counters, the website publication, audit
events and the search index. A bad row is reported with its line number and leaves no trace; good rows go in. Rows carry an import key (from `id`, else from organisation, title, date written and
document number), so running the same file twice imports nothing twice.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection
from django.utils import timezone

from gongkai.catalog import services
from gongkai.catalog.models import (
    Disclosure,
    FocusArea,
    Genre,
    Item,
    NormativeKind,
    Stage,
    StatutoryClass,
    Topic,
    Validity,
)
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import WorkCalendar

MAX_LINE_BYTES = 5_000_000
_CN_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
#: `kind` values of ../shared/data/documents.jsonl.gz and common synonyms → genre code, statutory class.
KIND_MAP = {
    "行政法规": ("regulation", StatutoryClass.A20_01),
    "地方性法规": ("regulation", StatutoryClass.A20_01),
    "法规": ("regulation", StatutoryClass.A20_01),
    "规章": ("rule", StatutoryClass.A20_01),
    "政府规章": ("rule", StatutoryClass.A20_01),
    "规范性文件": ("normative", StatutoryClass.A20_01),
    "行政规范性文件": ("normative", StatutoryClass.A20_01),
    "政府工作报告": ("work-report", StatutoryClass.A20_03),
    "工作报告": ("work-report", StatutoryClass.A20_03),
    "规划": ("plan", StatutoryClass.A20_03),
    "统计数据": ("statistics", StatutoryClass.A20_04),
}
KNOWN_FIELDS = {
    "id", "source_id", "org", "title", "body", "body_html", "summary", "doc_no", "written_on", "changed_on",
    "published_at", "kind", "genre", "topic", "statutory_class", "stage", "disclosure", "disclosure_reason",
    "keywords", "issuer", "source_name", "history", "is_normative", "normative_kind", "registration_no",
    "validity", "validity_changed_on", "index_no", "co_orgs", "focus_areas",
}  # fmt: skip


class RowError(Exception):
    pass


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)


def open_lines(path: str | Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of a JSON Lines file; gzip files (by their magic bytes) are read directly."""
    path = Path(path)
    with path.open("rb") as probe:
        gzipped = probe.read(2) == b"\x1f\x8b"
    raw = gzip.open(path, "rb") if gzipped else path.open("rb")  # noqa: SIM115 - closed by the with below
    with raw, io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="") as text:
        lineno = 0
        while True:
            lineno += 1
            try:
                line = text.readline(MAX_LINE_BYTES + 1)
            except UnicodeDecodeError:
                yield lineno, "\x00invalid-utf8"
                return
            if not line:
                return
            if len(line) > MAX_LINE_BYTES and not line.endswith("\n"):
                yield lineno, "\x00too-long"
                # Skip the rest of the over-long line.
                while line and not line.endswith("\n"):
                    line = text.readline(MAX_LINE_BYTES)
                continue
            yield lineno, line


def _date(value: Any, name: str) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RowError(f"{name}应为日期文本（YYYY-MM-DD）。")
    text = value.strip()
    try:
        return (
            date.fromisoformat(text[:10]) if len(text) >= 10 and text[4] == "-" else date.fromisoformat(text)
        )
    except ValueError:
        pass
    match = _CN_DATE.search(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise RowError(f"{name}“{text[:30]}”不是有效日期（应为 YYYY-MM-DD 或 YYYY年M月D日）。")


def _datetime(value: Any, name: str) -> datetime | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise RowError(f"{name}应为日期时间文本（ISO 8601）。")
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        day = _date(value, name)  # a non-empty value: a date or a RowError (spaces alone are no date)
        assert day is not None
        moment = datetime.combine(day, time(9, 0))
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _text(row: dict, key: str, limit: int | None = None) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if not isinstance(value, (str, int, float)):
        raise RowError(f"字段 {key} 应为文本。")
    text = str(value).strip()
    if limit and len(text) > limit:
        raise RowError(f"字段 {key} 过长（最多{limit}字）。")
    return text


def _str_list(row: dict, key: str) -> list[str]:
    value = row.get(key)
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    raise RowError(f"字段 {key} 应为文本或文本列表。")


class Lookups:
    """Taxonomies and organisations read once per import."""

    def __init__(self, org: Organization, *, default_topic: str, default_class: str) -> None:
        self.org = org
        self.topics = {t.code: t for t in Topic.objects.filter(is_active=True).select_related("parent")}
        self.topics_by_name = {t.full_name: t for t in self.topics.values()}
        for t in self.topics.values():
            self.topics_by_name.setdefault(t.name, t)
        self.genres = {g.code: g for g in Genre.objects.filter(is_active=True)}
        self.genres_by_name = {g.name: g for g in self.genres.values()}
        self.focus = {f.code: f for f in FocusArea.objects.filter(is_active=True)}
        self.subtree = {o.credit_code: o for o in org.subtree().filter(is_active=True)}
        self.orgs: dict[str, Organization | None] = {}
        if default_topic not in self.topics:
            raise ValidationError(f"默认主题分类代码“{default_topic}”不存在。")
        self.default_topic = self.topics[default_topic]
        if default_class not in StatutoryClass.values:
            raise ValidationError(f"默认法定公开类别“{default_class}”无效。")
        self.default_class = default_class
        self.calendar = WorkCalendar()

    def any_org(self, code: str) -> Organization | None:
        if code not in self.orgs:
            self.orgs[code] = Organization.objects.filter(credit_code=code, is_active=True).first()
        return self.orgs[code]


def import_key(org: Organization, row: dict, title: str, written_on: date | None, doc_no: str) -> str:
    source = row.get("id", row.get("source_id"))
    basis = (
        f"id|{source}"
        if source not in (None, "")
        else f"{title}|{written_on}|{doc_no}|{row.get('index_no', '')}"
    )
    return hashlib.sha256(f"{org.credit_code}|{basis}".encode()).hexdigest()


def parse_row(row: Any, lookups: Lookups) -> tuple[Organization, dict[str, Any], dict[str, Any]]:
    """(organisation, item_create kwargs, publication kwargs) of one decoded row, or RowError."""
    if not isinstance(row, dict):
        raise RowError("每行应为一个 JSON 对象。")
    unknown = set(row) - KNOWN_FIELDS
    if unknown:
        raise RowError(f"未知字段：{'、'.join(sorted(unknown)[:5])}（格式见 docs/import-format.md）。")
    org = lookups.org
    if row.get("org"):
        code = _text(row, "org").upper()
        found = lookups.subtree.get(code)
        if found is None:
            raise RowError(f"机构“{code}”不存在，或不在 --org 指定机构之下。")
        org = found
    title = _text(row, "title", 300)
    if not title:
        raise RowError("缺少名称（title）。")
    history = _str_list(row, "history")
    written_on = _date(row.get("written_on"), "成文日期")
    if written_on is None:
        for line in history:
            match = _CN_DATE.search(line)
            if match:
                written_on = _date(match[0], "成文日期")
                break
    if written_on is None:
        raise RowError("缺少成文日期（written_on），history 中也没有可识别的日期。")
    kind = _text(row, "kind")
    genre_value = _text(row, "genre")
    mapped = KIND_MAP.get(kind)
    if genre_value:
        genre = lookups.genres.get(genre_value) or lookups.genres_by_name.get(genre_value)
        if genre is None:
            raise RowError(f"体裁“{genre_value}”无法识别（可用体裁代码或名称）。")
    elif mapped:
        genre = lookups.genres.get(mapped[0]) or lookups.genres["other"]
    else:
        genre = lookups.genres_by_name.get(kind) or lookups.genres["other"]
    topic_value = _text(row, "topic")
    if topic_value:
        topic = lookups.topics.get(topic_value) or lookups.topics_by_name.get(topic_value.replace("/", "\\"))
        if topic is None:
            raise RowError(
                f"主题分类“{topic_value}”无法识别（可用代码如 0203 或名称如 综合政务\\政务公开）。"
            )
    else:
        topic = lookups.default_topic
    statutory_class = _text(row, "statutory_class") or (mapped[1] if mapped else lookups.default_class)
    has_html = row.get("body_html") is not None
    body = {"body": _text(row, "body_html")} if has_html else {"body_plain": _text(row, "body")}
    summary = _text(row, "summary", 2000) or "；".join(h.strip() for h in history if h.strip())[:2000]
    issuer = _text(row, "source_name", 100) or _text(row, "issuer", 100)
    doc_no = _text(row, "doc_no", 100)
    is_normative = row.get("is_normative", False)
    if not isinstance(is_normative, bool):
        raise RowError("is_normative 应为 true 或 false。")
    co_orgs = []
    for code in _str_list(row, "co_orgs"):
        co = lookups.any_org(code.upper())
        if co is None:
            raise RowError(f"联合发文机构“{code}”不存在。")
        co_orgs.append(co)
    focus = []
    for code in _str_list(row, "focus_areas"):
        if code not in lookups.focus:
            raise RowError(f"重点领域“{code}”不存在。")
        focus.append(lookups.focus[code])
    keywords = row.get("keywords", "")
    if not isinstance(keywords, (str, list)):
        raise RowError("keywords 应为文本或文本列表。")
    for key, choices in (("stage", Stage), ("disclosure", Disclosure), ("normative_kind", NormativeKind),
                         ("validity", Validity)):  # fmt: skip
        value = _text(row, key)
        if value and value not in choices.values:
            raise RowError(f"{key}“{value}”无效，可选：{'、'.join(choices.values)}。")
    create = {
        "title": title,
        "written_on": written_on,
        "changed_on": _date(row.get("changed_on"), "变更日期"),
        "topic": topic,
        "genre": genre,
        "summary": summary,
        "doc_no": doc_no,
        "statutory_class": statutory_class,
        "stage": _text(row, "stage"),
        "disclosure": _text(row, "disclosure") or Disclosure.PROACTIVE,
        "disclosure_reason": _text(row, "disclosure_reason", 2000),
        **body,
        "keywords": keywords,
        "is_normative": is_normative,
        "normative_kind": _text(row, "normative_kind"),
        "registration_no": _text(row, "registration_no", 60),
        "validity": _text(row, "validity"),
        "validity_changed_on": _date(row.get("validity_changed_on"), "有效性变更日期"),
        "source_name": issuer if issuer != org.name else "",
        "co_orgs": co_orgs,
        "focus_areas": focus,
        "import_key": import_key(org, row, title, written_on, doc_no),
    }
    published_at = _datetime(row.get("published_at"), "发布日期")
    if published_at is None:
        # Without a publication date the date written stands in, so historical items are not flagged late.
        published_at = timezone.make_aware(datetime.combine(written_on, time(9, 0)))
        published_at = min(published_at, timezone.now())
    index_no = _text(row, "index_no", 40) or None
    return org, create, {"published_at": published_at, "index_no": index_no}


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "error_dict"):
            return "；".join(
                f"{k}：{'，'.join(v)}" if k != "__all__" else "，".join(v)
                for k, v in exc.message_dict.items()
            )
        return "；".join(exc.messages)
    return str(exc)


def import_rows(
    lines: Iterable[tuple[int, str]],
    *,
    org: Organization,
    default_topic: str = "22",
    default_class: str = StatutoryClass.A20_15,
    batch_size: int = 500,
    progress: Callable[[int], None] | None = None,
) -> ImportResult:
    """Import (line number, JSON text) pairs as published items of `org` (or of organisations below it)."""
    lookups = Lookups(org, default_topic=default_topic, default_class=default_class)
    result = ImportResult()
    seen: set[str] = set()
    batch: list[services.ImportRow] = []

    def flush() -> None:
        if not batch:
            return
        existing = set(
            Item.objects.filter(import_key__in=[row.import_key for row in batch]).values_list(
                "import_key", flat=True
            )
        )
        fresh = [row for row in batch if row.import_key not in existing]
        result.skipped += len(batch) - len(fresh)
        try:
            items, errors = services.items_import(rows=fresh, calendar=lookups.calendar)
        except (ValidationError, PermissionDenied, IntegrityError) as exc:
            message = (
                _message(exc)
                if not isinstance(exc, IntegrityError)
                else "与已有数据冲突（可能正在并行导入同一文件）"
            )
            items, errors = [], [(row.lineno, f"本批未导入：{message}") for row in fresh]
        result.created += len(items)
        result.errors += errors
        if progress:
            progress(len(batch))
        batch.clear()

    for lineno, line in lines:
        if not line.strip():
            continue
        try:
            if line.startswith("\x00"):
                raise RowError(
                    "文件不是 UTF-8 编码。" if line == "\x00invalid-utf8" else "该行过长（超过5MB）。"
                )
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise RowError(f"不是有效的 JSON（第{exc.colno}列：{exc.msg}）。") from None
            row_org, create, publish = parse_row(row, lookups)
        except (RowError, ValidationError) as exc:
            result.errors.append((lineno, _message(exc)))
            if progress:
                progress(1)
            continue
        key = create["import_key"]
        if key in seen:
            result.skipped += 1
            if progress:
                progress(1)
            continue
        seen.add(key)
        batch.append(
            services.ImportRow(
                lineno=lineno,
                org=row_org,
                values={k: v for k, v in create.items() if k not in {"co_orgs", "focus_areas", "import_key"}},
                import_key=key,
                published_at=publish["published_at"],
                index_no=publish["index_no"],
                co_orgs=create["co_orgs"],
                focus_areas=create["focus_areas"],
            )
        )
        if len(batch) >= batch_size:
            flush()
    flush()
    result.errors.sort()
    if result.created:
        analyze_loaded_tables()
    return result


def analyze_loaded_tables() -> None:
    """PostgreSQL: ANALYZE the tables an import fills. Until autovacuum gets to them (minutes later, or never
    for a table that grew from empty inside one session), the planner takes a freshly loaded table for an
    almost empty one: searches right after a large import took 120-240 ms each, even with no hits."""
    if connection.vendor != "postgresql":
        return
    from gongkai.catalog.models import Publication, Review
    from gongkai.core.models import AuditEvent
    from gongkai.search import services as search_services

    loaded = (Item, Item.co_orgs.through, Item.focus_areas.through, Review, Publication, AuditEvent)
    with connection.cursor() as cursor:
        for model in loaded:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
    search_services.analyze()


def import_file(path: str | Path, **kwargs) -> ImportResult:
    return import_rows(open_lines(path), **kwargs)
