"""The content of an item checked and cleaned: one field at a time, then the rules across fields."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError

from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import (
    ART21_CITY_COUNTY,
    ART21_TOWNSHIP,
    Disclosure,
    Genre,
    Item,
    NormativeKind,
    Stage,
    Status,
    StatutoryClass,
    Topic,
    Validity,
)
from gongkai.catalog.richtext import clean_body, plain_body
from gongkai.core.validation import CONTROL_CHARS, check_date
from gongkai.orgs.models import Kind, Level, Organization

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

EARLIEST_DATE = date(1949, 10, 1)
MAX_BODY_CHARS = 2_000_000
_KEYWORD_SPLIT = re.compile(r"[,，;；、\s]+")

_CHOICE_VALUES = {
    "statutory_class": frozenset(StatutoryClass.values),
    "stage": frozenset(Stage.values),
    "disclosure": frozenset(Disclosure.values),
    "normative_kind": frozenset(NormativeKind.values),
    "validity": frozenset(Validity.values),
}
#: Fields an editor sets; the audit log and the version history snapshot these.
CONTENT_FIELDS = [
    "title",
    "summary",
    "doc_no",
    "written_on",
    "changed_on",
    "topic",
    "genre",
    "statutory_class",
    "stage",
    "disclosure",
    "disclosure_reason",
    "body",
    "keywords",
    "is_normative",
    "normative_kind",
    "registration_no",
    "validity",
    "validity_changed_on",
    "replaced_by",
    "source_name",
]


def _one_line(value: str | None, *, field: str, label: str, max_length: int, required: bool = False) -> str:
    text = unicodedata.normalize("NFC", value or "")
    if CONTROL_CHARS.search(text):
        raise ValidationError({field: f"{label}含有控制字符。"})
    text = " ".join(text.split())
    if required and not text:
        raise ValidationError({field: f"请填写{label}。"})
    if len(text) > max_length:
        raise ValidationError({field: f"{label}过长（最多{max_length}字，当前{len(text)}字）。"})
    return text


def _check_date(value: object, *, field: str, label: str, today: date, required: bool = False) -> date | None:
    return check_date(
        value, field=field, label=label, today=today, earliest=EARLIEST_DATE, earliest_text="1949年10月1日",
        required=required,
    )  # fmt: skip


def normalize_keywords(value: str | Iterable[str] | None) -> str:
    parts = _KEYWORD_SPLIT.split(value) if isinstance(value, str) else list(value or [])
    seen: list[str] = []
    for part in parts:
        word = " ".join(str(part).split())
        if word and word not in seen:
            seen.append(word)
    if len(seen) > 10:
        raise ValidationError({"keywords": "关键词最多10个。"})
    if any(len(w) > 20 for w in seen):
        raise ValidationError({"keywords": "每个关键词最多20字。"})
    if any(CONTROL_CHARS.search(w) for w in seen):
        raise ValidationError({"keywords": "关键词含有控制字符。"})
    return "，".join(seen)


def statutory_classes_for(org: Organization) -> list[tuple[str, StrOrPromise]]:
    """The statutory classes an organisation may use (choices): Art. 20 for every organ; the Art. 21
    additions for city and county governments and their departments, or for township governments."""
    return list(_statutory_classes(org.level, org.kind))


@functools.cache
def _statutory_classes(level: str, kind: str) -> tuple[tuple[str, StrOrPromise], ...]:
    city_county = level in {Level.CITY, Level.COUNTY}
    township = level == Level.TOWNSHIP and kind == Kind.GOVERNMENT
    allowed: list[tuple[str, StrOrPromise]] = []
    for value, label in StatutoryClass.choices:
        if value in ART21_CITY_COUNTY or value in ART21_TOWNSHIP:
            fits = (city_county and value in ART21_CITY_COUNTY) or (township and value in ART21_TOWNSHIP)
            if not fits:
                continue
        allowed.append((value, label))
    return tuple(allowed)


def _validate(item: Item, values: dict[str, Any], *, today: date) -> dict[str, Any]:
    """Clean and check the content fields in `values` against the item's organisation.

    Returns the cleaned values; raises one ValidationError carrying every field's message.
    """
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    def attempt(target: str, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        try:
            cleaned[target] = func(*args, **kwargs)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                errors.setdefault(name, []).extend(messages)

    for field, label, max_length, required in [
        ("title", "名称", 300, True),
        ("doc_no", "文号", 100, False),
        ("registration_no", "登记号", 60, False),
        ("source_name", "信息来源", 100, False),
    ]:
        if field in values:
            attempt(
                field,
                _one_line,
                values[field],
                field=field,
                label=label,
                max_length=max_length,
                required=required,
            )
    if "summary" in values:
        summary = (values["summary"] or "").strip()
        if CONTROL_CHARS.search(summary):
            errors.setdefault("summary", []).append("内容概述含有控制字符。")
        elif len(summary) > 2000:
            errors.setdefault("summary", []).append("内容概述过长（最多2000字）。")
        cleaned["summary"] = summary
    for field, label, required in [
        ("written_on", "成文日期", True),
        ("changed_on", "变更日期", False),
        ("validity_changed_on", "有效性变更日期", False),
    ]:
        if field in values:
            attempt(
                field, _check_date, values[field], field=field, label=label, today=today, required=required
            )
    if "keywords" in values:
        attempt("keywords", normalize_keywords, values["keywords"])
    if "body_plain" in values:
        # Plain text (imports): every character is escaped, so the HTML needs no sanitiser pass.
        text = values["body_plain"] or ""
        if len(text) > MAX_BODY_CHARS:
            errors.setdefault("body", []).append("正文过长（最多200万字符），请以附件形式提供。")
        else:
            cleaned["body"], cleaned["body_text"] = plain_body(text)
    elif "body" in values:
        body = values["body"] or ""
        if len(body) > MAX_BODY_CHARS:
            errors.setdefault("body", []).append("正文过长（最多200万字符），请以附件形式提供。")
        else:
            cleaned["body"], cleaned["body_text"] = clean_body(body)
    for field in ("topic", "genre", "replaced_by"):
        if field in values:
            cleaned[field] = values[field]
    for field, label in [
        ("statutory_class", "法定公开类别"),
        ("stage", "五公开类别"),
        ("disclosure", "公开属性"),
        ("normative_kind", "规范性文件类别"),
        ("validity", "有效性"),
    ]:
        if field in values:
            value = values[field] or ""
            if value and value not in _CHOICE_VALUES[field]:
                errors.setdefault(field, []).append(f"{label}“{value}”无效。")
            cleaned[field] = value
    if "disclosure_reason" in values:
        cleaned["disclosure_reason"] = (values["disclosure_reason"] or "").strip()[:2000]
    if "is_normative" in values:
        cleaned["is_normative"] = bool(values["is_normative"])
    if errors:
        raise ValidationError(errors)

    # Rules across fields, on the values the item will have.
    merged: dict[str, Any] = {}
    for f in CONTENT_FIELDS:
        if f in cleaned:
            merged[f] = cleaned[f]
        elif f in {"topic", "genre", "replaced_by"}:
            merged[f] = getattr(item, f) if getattr(item, f"{f}_id") else None
        else:
            merged[f] = getattr(item, f)
    topic: Topic | None = merged["topic"]
    genre: Genre | None = merged["genre"]
    if topic is None:
        errors.setdefault("topic", []).append("请选择主题分类。")
    elif not topic.is_active:
        errors.setdefault("topic", []).append("该主题分类已停用。")
    if genre is None:
        errors.setdefault("genre", []).append("请选择体裁。")
    elif not genre.is_active:
        errors.setdefault("genre", []).append("该体裁已停用。")
    statutory_class = merged["statutory_class"]
    if not statutory_class:
        errors.setdefault("statutory_class", []).append("请选择法定公开类别。")
    elif statutory_class not in dict(statutory_classes_for(item.org)):
        errors.setdefault("statutory_class", []).append(
            "该类别为条例第二十一条规定的其他层级政府的公开内容，本机构不适用。"
        )
    if merged["disclosure"] != Disclosure.PROACTIVE and len(merged["disclosure_reason"]) < 4:
        errors.setdefault("disclosure_reason", []).append(
            "依申请公开或不予公开的信息须写明理由并注明条例依据（如第十四条、第十五条、第十六条）。"
        )
    if merged["disclosure"] == Disclosure.PROACTIVE:
        cleaned["disclosure_reason"] = ""
    written_on, changed_on = merged["written_on"], merged["changed_on"]
    if written_on and changed_on and changed_on < written_on:
        errors.setdefault("changed_on", []).append("变更日期不能早于成文日期。")
    if merged["is_normative"]:
        if not merged["normative_kind"]:
            errors.setdefault("normative_kind", []).append("规范性文件须选择类别（规章或行政规范性文件）。")
        if not merged["doc_no"]:
            errors.setdefault("doc_no", []).append("规范性文件须填写文号。")
        if not merged["validity"]:
            cleaned["validity"] = merged["validity"] = Validity.IN_FORCE
        if merged["validity"] != Validity.IN_FORCE and not merged["validity_changed_on"]:
            errors.setdefault("validity_changed_on", []).append("有效性不是“有效”时须填写变更日期。")
        if merged["validity_changed_on"] and written_on and merged["validity_changed_on"] < written_on:
            errors.setdefault("validity_changed_on", []).append("有效性变更日期不能早于成文日期。")
    else:
        if merged["normative_kind"]:
            errors.setdefault("normative_kind", []).append("只有规范性文件才选择规范性文件类别。")
        for field in ("validity", "validity_changed_on", "registration_no"):
            cleaned[field] = "" if field != "validity_changed_on" else None
        cleaned["replaced_by"] = None
    replaced_by = merged.get("replaced_by")
    if replaced_by is not None:
        if item.pk and replaced_by.pk == item.pk:
            errors.setdefault("replaced_by", []).append("替代文件不能是本文件。")
        elif replaced_by.status != Status.PUBLISHED:
            errors.setdefault("replaced_by", []).append("替代文件须为已发布的信息。")
    if "doc_no" in cleaned:
        cleaned["doc_no_normalized"] = normalize_doc_no(cleaned["doc_no"])
    if errors:
        raise ValidationError(errors)
    return cleaned
