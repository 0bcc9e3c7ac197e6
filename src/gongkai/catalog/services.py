"""Every change to the catalog: one function per use case (`grep -n "def item_"` lists them).

Each checks permission (gongkai.orgs.access), validates (ValidationError with Chinese messages, per field where
possible), writes, updates the search index where the public catalog changes, and records an audit event, in
one transaction. Portal, back office, API, import command and scheduled job all call these.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from gongkai.catalog import conf, indexing, uploads
from gongkai.catalog.docno import normalize_doc_no
from gongkai.catalog.models import (
    ART21_CITY_COUNTY,
    ART21_TOWNSHIP,
    EDITABLE_STATUSES,
    PUBLIC_STATUSES,
    Attachment,
    Channel,
    Disclosure,
    EscalationTarget,
    FocusArea,
    Genre,
    IndexCounter,
    Item,
    ItemVersion,
    NormativeKind,
    Publication,
    Review,
    ReviewConclusion,
    Stage,
    Status,
    StatutoryClass,
    Topic,
    Validity,
)
from gongkai.catalog.richtext import clean_body, plain_body
from gongkai.catalog.rules import ItemRules, require
from gongkai.core import audit, bulk, pagecache
from gongkai.core.validation import CONTROL_CHARS, check_date
from gongkai.documents import services as documents_services
from gongkai.orgs.models import Kind, Level, Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

EARLIEST_DATE = date(1949, 10, 1)
MAX_BODY_CHARS = 2_000_000
INDEX_NO_RE = re.compile(r"^(?P<prefix>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")
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
STATE_FIELDS = ["status", "index_no", "published_at", "scheduled_at", "due_on", "is_late", "version"]


# --- Helpers ---------------------------------------------------------------------------------------


def _locked(item: Item) -> Item:
    """The item re-read and locked for the transaction (its row only), with what publication needs."""
    return (
        Item.objects.select_for_update(of=("self",))
        .select_related("org", "topic", "topic__parent", "genre")
        .get(pk=item.pk)
    )


def _move(item: Item, to: str) -> None:
    if not item.can_move_to(to):
        raise ValidationError(
            f"当前状态为“{item.get_status_display()}”，不能变为“{Status(to).label}”。", code="transition"
        )
    item.status = to


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


def _check_date(value, *, field: str, label: str, today: date, required: bool = False) -> date | None:
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


def statutory_classes_for(org: Organization) -> list[tuple[str, str]]:
    """The statutory classes an organisation may use (choices): Art. 20 for every organ; the Art. 21
    additions for city and county governments and their departments, or for township governments."""
    return list(_statutory_classes(org.level, org.kind))


@functools.cache
def _statutory_classes(level: str, kind: str) -> tuple[tuple[str, str], ...]:
    city_county = level in {Level.CITY, Level.COUNTY}
    township = level == Level.TOWNSHIP and kind == Kind.GOVERNMENT
    allowed = []
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

    def attempt(target: str, func, *args, **kwargs):
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


def _deadline(item: Item, calendar: WorkCalendar | None) -> tuple[date | None, int | None]:
    """Date formed (or changed) + N working days, and the missing year: (None, year) when the calendar of a
    year the period reaches is missing (filled in by `items_recompute_due` when the year is entered).

    A shared calendar (imports, bulk actions) also remembers the deadlines it computed."""
    n = conf.deadline_workdays(item.statutory_class)
    memo = calendar.__dict__.setdefault("_gongkai_deadlines", {}) if calendar is not None else {}
    key = (item.formed_on, n)
    if key not in memo:
        try:
            memo[key] = ((calendar or WorkCalendar()).add_workdays(item.formed_on, n), None)
        except CalendarMissing as exc:
            memo[key] = (None, exc.year)
    return memo[key]


def _set_deadline(item: Item, calendar: WorkCalendar | None) -> None:
    item.due_on, item.due_missing_year = _deadline(item, calendar)


def _set_m2m(item: Item, co_orgs, focus_areas) -> dict[str, list]:
    changes: dict[str, list] = {}
    if co_orgs is not None:
        co = [o for o in co_orgs if o.pk != item.org_id]
        if any(not o.is_active for o in co):
            raise ValidationError({"co_orgs": "联合发文机构中有已停用的机构。"})
        item.co_orgs.set(co)
        changes["co_orgs"] = sorted(o.pk for o in co)
    if focus_areas is not None:
        areas = list(focus_areas)
        if any(not a.is_active for a in areas):
            raise ValidationError({"focus_areas": "重点领域中有已停用的词条。"})
        item.focus_areas.set(areas)
        changes["focus_areas"] = sorted(a.pk for a in areas)
    return changes


# --- Drafting --------------------------------------------------------------------------------------


@transaction.atomic
def item_create(
    *,
    actor,
    org: Organization,
    title: str,
    written_on: date,
    topic: Topic,
    genre: Genre,
    summary: str = "",
    doc_no: str = "",
    changed_on: date | None = None,
    statutory_class: str = StatutoryClass.A20_15,
    stage: str = "",
    disclosure: str = Disclosure.PROACTIVE,
    disclosure_reason: str = "",
    body: str = "",
    keywords: str | Iterable[str] = "",
    is_normative: bool = False,
    normative_kind: str = "",
    registration_no: str = "",
    validity: str = "",
    validity_changed_on: date | None = None,
    replaced_by: Item | None = None,
    source_name: str = "",
    co_orgs: Iterable[Organization] = (),
    focus_areas: Iterable[FocusArea] = (),
    import_key: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Item:
    """A new draft by an editor of `org` (or the system for imports)."""
    require(ItemRules(actor, org=org).may_draft(), "您不是该机构的信息编辑，不能起草信息。")
    if not org.is_active:
        raise ValidationError("该机构已停用，不能起草信息。")
    item = Item(org=org, created_by=actor if getattr(actor, "is_authenticated", False) else None)
    values = {
        "title": title,
        "written_on": written_on,
        "topic": topic,
        "genre": genre,
        "summary": summary,
        "doc_no": doc_no,
        "changed_on": changed_on,
        "statutory_class": statutory_class,
        "stage": stage,
        "disclosure": disclosure,
        "disclosure_reason": disclosure_reason,
        "body": body,
        "keywords": keywords,
        "is_normative": is_normative,
        "normative_kind": normative_kind,
        "registration_no": registration_no,
        "validity": validity,
        "validity_changed_on": validity_changed_on,
        "replaced_by": replaced_by,
        "source_name": source_name,
    }
    for field, value in _validate(item, values, today=timezone.localdate()).items():
        setattr(item, field, value)
    item.import_key = import_key
    _set_deadline(item, calendar)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        if import_key and Item.objects.filter(import_key=import_key).exists():
            raise ValidationError("该信息已导入过（导入标识重复）。", code="duplicate") from None
        raise
    co_orgs, focus_areas = list(co_orgs), list(focus_areas)
    m2m = _set_m2m(item, co_orgs or None, focus_areas or None)
    audit.record(
        actor=actor,
        action="item.create",
        obj=item,
        org=org,
        after={"title": item.title, "written_on": item.written_on, "due_on": item.due_on, **m2m},
    )
    return item


@transaction.atomic
def item_update(
    *,
    actor,
    item: Item,
    co_orgs: Iterable[Organization] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    calendar: WorkCalendar | None = None,
    **changes: Any,
) -> Item:
    """Edit a draft or a returned item. `changes` are content fields (CONTENT_FIELDS)."""
    item = _locked(item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能修改信息。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError(
            f"“{item.get_status_display()}”状态的信息不能修改；已发布的信息请使用“更正”。", code="status"
        )
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改的字段：{'、'.join(sorted(unknown))}。")
    before = audit.snapshot(item, [f for f in CONTENT_FIELDS if f != "body"])
    cleaned = _validate(item, changes, today=timezone.localdate())
    for field, value in cleaned.items():
        setattr(item, field, value)
    _set_deadline(item, calendar)
    item.save()
    m2m = _set_m2m(item, co_orgs, focus_areas)
    after = audit.snapshot(item, [f for f in CONTENT_FIELDS if f != "body"])
    diff_before = {k: v for k, v in before.items() if after[k] != v}
    diff_after = {k: after[k] for k in diff_before}
    if "body" in cleaned:
        diff_after["body_length"] = len(item.body_text)
    audit.record(
        actor=actor,
        action="item.update",
        obj=item,
        org=item.org,
        before=diff_before,
        after={**diff_after, **m2m},
    )
    return item


@transaction.atomic
def item_discard(*, actor, item: Item) -> None:
    """Delete a draft that never went further than the editor's desk (or came back returned)."""
    item = _locked(item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能删除草稿。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以删除。")
    names = [a.file.name for a in item.attachments.all()]
    audit.record(actor=actor, action="item.discard", obj=item, org=item.org, before={"title": item.title})
    item.delete()
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])


@transaction.atomic
def item_submit(*, actor, item: Item) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能提交审核。")
    if not item.body_text.strip() and not item.attachments.exists():
        raise ValidationError({"body": "正文和附件不能都为空。"})
    before = item.status
    _move(item, Status.SUBMITTED)
    item.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="item.submit",
        obj=item,
        org=item.org,
        before={"status": before},
        after={"status": item.status},
    )
    return item


# --- Review and publication ------------------------------------------------------------------------


@transaction.atomic
def item_review(
    *,
    actor,
    item: Item,
    conclusion: str,
    basis: str,
    escalated_to: str = "",
    confidentiality_checked: bool = True,
    publish: bool = True,
    publish_at: datetime | None = None,
    published_at: datetime | None = None,
    index_no: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Item:
    """Record a pre-publication review (Art. 17): approve, return or escalate.

    Approving publishes now, or at `publish_at` when that lies in the future (scheduled); `publish=False`
    leaves the item approved. The conclusion `imported` is the system's record for items that passed review in
    another system (import-items): it moves a draft straight to approved.
    """
    item = _locked(item)
    basis = (basis or "").strip()
    if conclusion not in ReviewConclusion.values:
        raise ValidationError({"conclusion": "审核结论无效。"})
    if conclusion == ReviewConclusion.IMPORTED:
        if actor is not None:
            raise PermissionDenied("“导入”结论只能由系统导入时记录。")
        if item.status != Status.DRAFT:
            raise ValidationError("只有导入的草稿可以记录为“导入”。")
    else:
        if item.status not in {Status.SUBMITTED, Status.ESCALATED}:
            raise ValidationError(f"“{item.get_status_display()}”状态的信息不在审核中。", code="status")
        permissions = ItemRules(actor, item)
        require(permissions.may_review(), "您不是该机构的审核人，不能审核。")
        require(not permissions.is_own_draft(), "不能审核本人起草的信息。")
        if len(basis) < 2:
            raise ValidationError({"basis": "请填写审核依据或意见（退回时写明需修改之处）。"})
        if len(basis) > 2000:
            raise ValidationError({"basis": "审核意见过长（最多2000字）。"})
        if conclusion == ReviewConclusion.APPROVE and not confidentiality_checked:
            raise ValidationError({"confidentiality_checked": "发布前须完成保密审查。"})
        if conclusion == ReviewConclusion.ESCALATE:
            if item.status != Status.SUBMITTED:
                raise ValidationError("该信息已报请审查，请记录上级或保密部门的审查结论。")
            if escalated_to not in EscalationTarget.values:
                raise ValidationError(
                    {"escalated_to": "请选择报请审查的部门（主管部门或保密行政管理部门）。"}
                )
    if conclusion != ReviewConclusion.ESCALATE:
        escalated_to = ""
    if publish_at is not None and conclusion == ReviewConclusion.APPROVE:
        _check_schedule_time(publish_at)
    target = {
        ReviewConclusion.APPROVE: Status.APPROVED,
        ReviewConclusion.RETURN: Status.RETURNED,
        ReviewConclusion.ESCALATE: Status.ESCALATED,
        ReviewConclusion.IMPORTED: Status.APPROVED,
    }[conclusion]
    before = item.status
    if conclusion == ReviewConclusion.IMPORTED:
        item.status = target
    else:
        _move(item, target)
    user = actor if getattr(actor, "is_authenticated", False) else None
    Review.objects.create(
        item=item,
        reviewer=user,
        reviewer_label=(user.get_full_name() or user.get_username()) if user else "系统导入",
        conclusion=conclusion,
        basis=basis or "原系统已完成发布前审查，随数据导入",
        confidentiality_checked=confidentiality_checked,
        escalated_to=escalated_to,
    )
    item.save(update_fields=["status", "updated_at"])
    label = ReviewConclusion(conclusion).label
    audit.record(
        actor=actor,
        action="item.review",
        obj=item,
        org=item.org,
        before={"status": before},
        after={"status": item.status, "conclusion": conclusion, "escalated_to": escalated_to},
        note=f"{label}：{basis}" if basis else str(label),
    )
    if item.status == Status.APPROVED and publish:
        if publish_at is not None and publish_at > timezone.now():
            return _schedule(actor=actor, item=item, publish_at=publish_at)
        return _publish(
            actor=actor, item=item, published_at=published_at, index_no=index_no, calendar=calendar
        )
    return item


def _check_schedule_time(publish_at: datetime) -> None:
    if timezone.is_naive(publish_at):
        raise ValidationError({"publish_at": "定时发布时间须带时区。"})
    now = timezone.now()
    if publish_at <= now:
        raise ValidationError({"publish_at": "定时发布时间须晚于当前时间。"})
    if publish_at > now + timedelta(days=366):
        raise ValidationError({"publish_at": "定时发布时间不能超过一年。"})


@transaction.atomic
def item_schedule(*, actor, item: Item, publish_at: datetime) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能安排该机构的信息发布。")
    return _schedule(actor=actor, item=item, publish_at=publish_at)


def _schedule(*, actor, item: Item, publish_at: datetime) -> Item:
    _check_schedule_time(publish_at)
    before = {"status": item.status, "scheduled_at": item.scheduled_at}
    if item.status != Status.SCHEDULED:
        _move(item, Status.SCHEDULED)
    item.scheduled_at = publish_at
    item.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit.record(
        actor=actor,
        action="item.schedule",
        obj=item,
        org=item.org,
        before=before,
        after={"status": item.status, "scheduled_at": publish_at},
    )
    return item


@transaction.atomic
def item_unschedule(*, actor, item: Item) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能取消该机构的定时发布。")
    before = {"status": item.status, "scheduled_at": item.scheduled_at}
    _move(item, Status.APPROVED)
    item.scheduled_at = None
    item.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit.record(
        actor=actor,
        action="item.unschedule",
        obj=item,
        org=item.org,
        before=before,
        after={"status": item.status},
    )
    return item


def _take_index_no(org: Organization, year: int) -> str:
    """The next index number of `org` in `year`. The counter row is locked until the transaction ends, so
    concurrent publications queue on it: serials are consecutive, unique and never reused."""
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(org=org, year=year)
    if counter.last_serial >= 99999:
        raise ValidationError(f"{org.name}{year}年的索引号序号已用尽（五位序号上限99999）。")
    counter.last_serial += 1
    counter.save(update_fields=["last_serial"])
    return f"{org.index_prefix}/{year}-{counter.last_serial:05d}"


def _keep_index_no(org: Organization, index_no: str) -> str:
    """An index number given by an import (kept as assigned in the old system). When it is in this
    organisation's own series, the counter moves past it so no later number collides."""
    match = INDEX_NO_RE.match(index_no or "")
    if not match:
        raise ValidationError({"index_no": f"索引号“{index_no}”格式错误，应为“前段码/年份-五位序号”。"})
    if Item.objects.filter(index_no=index_no).exists():
        raise ValidationError({"index_no": f"索引号“{index_no}”已被使用。"})
    if match["prefix"] == org.index_prefix:
        year, serial = int(match["year"]), int(match["serial"])
        counter, _ = IndexCounter.objects.select_for_update().get_or_create(org=org, year=year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])
    return index_no


@transaction.atomic
def item_publish(
    *,
    actor,
    item: Item,
    published_at: datetime | None = None,
    index_no: str | None = None,
    calendar: WorkCalendar | None = None,
) -> Item:
    """Publish an approved (or scheduled) item: index number, website publication, search index, late flag.

    `published_at` and `index_no` are for imports of items published earlier elsewhere (system only).
    """
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能发布该机构的信息。")
    return _publish(actor=actor, item=item, published_at=published_at, index_no=index_no, calendar=calendar)


def _check_publication_time(item: Item, moment: datetime) -> date:
    """The publication day (Asia/Shanghai) of `moment`, checked against the item's date written."""
    if timezone.is_naive(moment):
        raise ValidationError({"published_at": "发布时间须带时区。"})
    if moment > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"published_at": "发布时间不能晚于现在。"})
    pub_day = timezone.localdate(moment)
    if pub_day < item.written_on:
        raise ValidationError({"published_at": "发布日期不能早于成文日期。"})
    return pub_day


def _publish(
    *, actor, item: Item, published_at: datetime | None, index_no: str | None, calendar: WorkCalendar | None
) -> Item:
    """Publication proper, for an item locked by the caller whose permission the caller checked (the
    reviewer who approves publishes with the approval)."""
    if actor is not None and (published_at is not None or index_no is not None):
        raise PermissionDenied("只有导入可以指定发布时间或索引号。")
    before = item.status
    _move(item, Status.PUBLISHED)
    now = published_at or timezone.now()
    pub_day = _check_publication_time(item, now)
    item.index_no = _keep_index_no(item.org, index_no) if index_no else _take_index_no(item.org, pub_day.year)
    item.slug = item.index_no.replace("/", "-")
    item.published_at = now
    item.scheduled_at = None
    if item.due_on is None:
        _set_deadline(item, calendar)
    item.is_late = item.due_on is not None and pub_day > item.due_on
    item.save(
        update_fields=[
            "status",
            "index_no",
            "slug",
            "published_at",
            "scheduled_at",
            "due_on",
            "due_missing_year",
            "is_late",
            "updated_at",
        ]
    )
    if item.disclosure == Disclosure.PROACTIVE:
        Publication.objects.create(item=item, org=item.org, channel=Channel.WEBSITE, published_on=pub_day)
        _index(item)
    audit.record(
        actor=actor,
        action="item.publish",
        obj=item,
        org=item.org,
        before={"status": before},
        after={
            "status": item.status,
            "index_no": item.index_no,
            "published_at": now,
            "is_late": item.is_late,
        },
        note="超过公开期限发布" if item.is_late else "",
    )
    return item


def publish_scheduled(*, now: datetime | None = None) -> tuple[list[Item], list[tuple[Item, str]]]:
    """Publish every scheduled item whose time has come, each in its own transaction (the scheduled job)."""
    now = now or timezone.now()
    done: list[Item] = []
    failed: list[tuple[Item, str]] = []
    calendar = WorkCalendar()
    due = Item.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now).order_by("scheduled_at", "pk")
    for item in due:
        try:
            done.append(item_publish(actor=None, item=item, calendar=calendar))
        except ValidationError as exc:
            failed.append((item, "；".join(exc.messages)))
    return done, failed


@dataclass
class ImportRow:
    """One item to import: item_create's values plus the publication it already had elsewhere."""

    lineno: int
    org: Organization
    values: dict[str, Any]
    import_key: str
    published_at: datetime
    index_no: str | None = None
    co_orgs: list[Organization] = dataclass_field(default_factory=list)
    focus_areas: list[FocusArea] = dataclass_field(default_factory=list)


def _error_text(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        labels = {f.name: str(f.verbose_name) for f in Item._meta.get_fields() if hasattr(f, "verbose_name")}
        return "；".join(
            "，".join(msgs) if key == "__all__" else f"{labels.get(key, key)}：{'，'.join(msgs)}"
            for key, msgs in exc.message_dict.items()
        )
    return "；".join(exc.messages)


def items_import(
    *, rows: list[ImportRow], calendar: WorkCalendar | None = None
) -> tuple[list[Item], list[tuple[int, str]]]:
    """Import already-published items in one batch (the system's import-items; actor is the system).

    Each row passes the same checks as item_create and item_publish; the review is recorded as "imported";
    index numbers come from the same locked counters (one lock per organisation and year for the batch) or
    are kept as given; the website publication, the audit event and the search index are written as for a
    publication. Rows that fail are returned with their line numbers and nothing of them is written.
    """
    calendar = calendar or WorkCalendar()
    today = timezone.localdate()
    errors: list[tuple[int, str]] = []
    ready: list[tuple[ImportRow, Item, date]] = []
    kept: dict[str, int] = {}
    for row in rows:
        item = Item(org=row.org, status=Status.PUBLISHED, import_key=row.import_key)
        try:
            if not row.org.is_active:
                raise ValidationError("该机构已停用。")
            for field, value in _validate(item, row.values, today=today).items():
                setattr(item, field, value)
            pub_day = _check_publication_time(item, row.published_at)
            if row.index_no:
                if not INDEX_NO_RE.match(row.index_no):
                    raise ValidationError(
                        {"index_no": f"索引号“{row.index_no}”格式错误，应为“前段码/年份-五位序号”。"}
                    )
                if row.index_no in kept:
                    raise ValidationError(
                        {"index_no": f"索引号“{row.index_no}”与第{kept[row.index_no]}行重复。"}
                    )
                kept[row.index_no] = row.lineno
            if any(not o.is_active for o in row.co_orgs):
                raise ValidationError({"co_orgs": "联合发文机构中有已停用的机构。"})
        except ValidationError as exc:
            errors.append((row.lineno, _error_text(exc)))
            continue
        item.published_at = row.published_at
        _set_deadline(item, calendar)
        item.is_late = item.due_on is not None and pub_day > item.due_on
        ready.append((row, item, pub_day))
    if kept:
        taken = set(Item.objects.filter(index_no__in=list(kept)).values_list("index_no", flat=True))
        if taken:
            errors += [
                (row.lineno, f"索引号：索引号“{row.index_no}”已被使用。")
                for row, _, _ in ready
                if row.index_no in taken
            ]
            ready = [r for r in ready if r[0].index_no not in taken]
    if not ready:
        return [], errors
    with transaction.atomic():
        # Kept numbers in an organisation's own series move its counter past them.
        for row, item, _ in ready:
            if row.index_no:
                match = INDEX_NO_RE.match(row.index_no)
                if match["prefix"] == row.org.index_prefix:
                    counter, _ = IndexCounter.objects.select_for_update().get_or_create(
                        org=row.org, year=int(match["year"])
                    )
                    if counter.last_serial < int(match["serial"]):
                        counter.last_serial = int(match["serial"])
                        counter.save(update_fields=["last_serial"])
                item.index_no = row.index_no
        groups: dict[tuple[int, int], list[Item]] = {}
        for row, item, pub_day in ready:
            if not row.index_no:
                groups.setdefault((row.org.pk, pub_day.year), []).append(item)
        for (org_pk, year), members in sorted(groups.items()):
            org = members[0].org
            counter, _ = IndexCounter.objects.select_for_update().get_or_create(org_id=org_pk, year=year)
            if counter.last_serial + len(members) > 99999:
                raise ValidationError(f"{org.name}{year}年的索引号序号已用尽（五位序号上限99999）。")
            for offset, item in enumerate(members, start=1):
                item.index_no = f"{org.index_prefix}/{year}-{counter.last_serial + offset:05d}"
            counter.last_serial += len(members)
            counter.save(update_fields=["last_serial"])
        items = [item for _, item, _ in ready]
        for item in items:
            item.slug = item.index_no.replace("/", "-")
        bulk.insert(Item, items)
        co = [
            Item.co_orgs.through(item_id=item.pk, organization_id=o.pk)
            for row, item, _ in ready
            for o in row.co_orgs
            if o.pk != item.org_id
        ]
        Item.co_orgs.through.objects.bulk_create(co, batch_size=1000, ignore_conflicts=True)
        fa = [
            Item.focus_areas.through(item_id=item.pk, focusarea_id=f.pk)
            for row, item, _ in ready
            for f in row.focus_areas
        ]
        Item.focus_areas.through.objects.bulk_create(fa, batch_size=1000, ignore_conflicts=True)
        moment = timezone.now()
        bulk.insert(
            Review,
            [
                Review(
                    item=item,
                    reviewer_label="系统导入",
                    reviewed_at=moment,
                    conclusion=ReviewConclusion.IMPORTED,
                    basis="原系统已完成发布前审查，随数据导入",
                    confidentiality_checked=True,
                )
                for item in items
            ],
        )
        bulk.insert(
            Publication,
            [
                Publication(item=item, org=item.org, channel=Channel.WEBSITE, published_on=pub_day)
                for _, item, pub_day in ready
                if item.disclosure == Disclosure.PROACTIVE
            ],
        )
        _audit_import(items)
        indexing.items_indexed(items=[i for i in items if i.disclosure == Disclosure.PROACTIVE])
        pagecache.bump("catalog")  # bulk inserts send no save signals (gongkai.portal.signals)
    return items, errors


def _audit_import(items: list[Item]) -> None:
    """One audit event per imported item, written in one statement (the same rows audit.record writes)."""
    from gongkai.core.models import AuditEvent, object_type_label

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are recorded inside the transaction of the change (use atomic).")
    context = audit.current_context()
    bulk.insert(
        AuditEvent,
        [
            AuditEvent(
                actor=None,
                actor_label="系统",
                org=item.org,
                action="item.import",
                object_type=object_type_label(item),
                object_id=str(item.pk),
                object_repr=str(item)[:300],
                after={
                    "status": item.status,
                    "index_no": item.index_no,
                    "published_at": item.published_at,
                    "is_late": item.is_late,
                    "review": ReviewConclusion.IMPORTED,
                },
                note="导入（原系统已审核发布）",
                client_ip=context.client_ip,
                source=context.source,
            )
            for item in items
        ],
    )


@transaction.atomic
def item_withdraw(*, actor, item: Item, reason: str) -> Item:
    """Take a published item off the catalog. Its URL then explains the withdrawal; its index number stays
    assigned to it and is never given to another item."""
    item = _locked(item)
    require(ItemRules(actor, item).may_withdraw(), "您不能撤回该机构的信息。")
    reason = " ".join((reason or "").split())
    if len(reason) < 4:
        raise ValidationError({"reason": "请写明撤回理由（至少4个字），该理由将在原网址公开显示。"})
    if len(reason) > 500:
        raise ValidationError({"reason": "撤回理由过长（最多500字）。"})
    _move(item, Status.WITHDRAWN)
    item.withdrawn_at = timezone.now()
    item.withdrawal_reason = reason
    item.save(update_fields=["status", "withdrawn_at", "withdrawal_reason", "updated_at"])
    indexing.item_unindexed(item=item)
    audit.record(
        actor=actor,
        action="item.withdraw",
        obj=item,
        org=item.org,
        before={"status": Status.PUBLISHED},
        after={"status": item.status},
        note=reason,
    )
    return item


def _version_data(item: Item) -> dict[str, Any]:
    data = audit.snapshot(item, CONTENT_FIELDS)
    data["co_orgs"] = sorted(item.co_orgs.values_list("pk", flat=True))
    data["focus_areas"] = sorted(item.focus_areas.values_list("pk", flat=True))
    data["attachments"] = [
        {"name": a.original_name, "sha256": a.sha256, "size": a.size} for a in item.attachments.all()
    ]
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def item_correct(
    *,
    actor,
    item: Item,
    reason: str,
    co_orgs: Iterable[Organization] | None = None,
    focus_areas: Iterable[FocusArea] | None = None,
    **changes: Any,
) -> Item:
    """Correct a published item: the previous state is kept as a version, the item shows the new one."""
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能更正该机构已发布的信息。")
    if item.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的信息可以更正。", code="status")
    reason = " ".join((reason or "").split())
    if len(reason) < 4:
        raise ValidationError({"reason": "请写明更正原因（至少4个字）。"})
    unknown = set(changes) - set(CONTENT_FIELDS)
    if unknown:
        raise ValidationError(f"不能更正的字段：{'、'.join(sorted(unknown))}。")
    previous = _version_data(item)
    cleaned = _validate(item, changes, today=timezone.localdate())
    changed = {k: v for k, v in cleaned.items() if k in CONTENT_FIELDS and getattr(item, k) != v}
    if not changed and co_orgs is None and focus_areas is None:
        raise ValidationError("没有任何更改。")
    ItemVersion.objects.create(
        item=item,
        version=item.version,
        data=previous,
        reason=reason,
        replaced_by_user=actor if getattr(actor, "is_authenticated", False) else None,
    )
    for field, value in cleaned.items():
        setattr(item, field, value)
    item.version += 1
    item.save()
    _set_m2m(item, co_orgs, focus_areas)
    if item.disclosure == Disclosure.PROACTIVE:
        _index(item)
    else:
        indexing.item_unindexed(item=item)
    audit.record(
        actor=actor,
        action="item.correct",
        obj=item,
        org=item.org,
        before={k: previous.get(k) for k in changed if k != "body"},
        after={
            **{k: audit.snapshot(item, [k])[k] for k in changed if k != "body"},
            "version": item.version,
            **({"body_changed": True} if "body" in changed else {}),
        },
        note=reason,
    )
    return item


@transaction.atomic
def item_set_validity(
    *,
    actor,
    item: Item,
    validity: str,
    changed_on: date | None = None,
    replaced_by: Item | None = None,
    note: str = "",
) -> Item:
    """Record that a normative document was amended, expired or repealed (or is in force again)."""
    item = _locked(item)
    require(ItemRules(actor, item).may_withdraw(), "您不能变更该机构文件的有效性。")
    if not item.is_normative:
        raise ValidationError("只有规范性文件记录有效性。")
    if item.status != Status.PUBLISHED:
        raise ValidationError("只有已发布的规范性文件可以变更有效性。")
    if validity not in Validity.values:
        raise ValidationError({"validity": "有效性无效。"})
    today = timezone.localdate()
    if validity == Validity.IN_FORCE:
        changed_on, replaced_by = None, None
    else:
        changed_on = _check_date(changed_on, field="changed_on", label="变更日期", today=today, required=True)
        if changed_on < item.written_on:
            raise ValidationError({"changed_on": "变更日期不能早于成文日期。"})
    if replaced_by is not None:
        if replaced_by.pk == item.pk:
            raise ValidationError({"replaced_by": "替代文件不能是本文件。"})
        if replaced_by.status != Status.PUBLISHED:
            raise ValidationError({"replaced_by": "替代文件须为已发布的信息。"})
        if validity == Validity.EXPIRED:
            raise ValidationError(
                {"replaced_by": "“已失效”的文件没有替代文件；被新文件取代请选“已废止”或“已修改”。"}
            )
    before = audit.snapshot(item, ["validity", "validity_changed_on", "replaced_by"])
    item.validity = validity
    item.validity_changed_on = changed_on
    item.replaced_by = replaced_by
    item.save(update_fields=["validity", "validity_changed_on", "replaced_by", "updated_at"])
    if item.disclosure == Disclosure.PROACTIVE:
        _index(item)
    audit.record(
        actor=actor,
        action="item.set_validity",
        obj=item,
        org=item.org,
        before=before,
        after=audit.snapshot(item, ["validity", "validity_changed_on", "replaced_by"]),
        note=(note or "").strip()[:500],
    )
    return item


# --- Attachments -----------------------------------------------------------------------------------


def _index(item: Item) -> None:
    """Put a proactively disclosed item into the search index with the text read from its attachments."""
    from gongkai.catalog.selectors import attachment_texts

    indexing.item_indexed(item=item, attachments=attachment_texts([item]).get(item.pk, []))


def item_reindex_attachments(*, attachment_id: int) -> None:
    """An attachment's text has been read: a published item's index entry takes it in (called when the
    documents app reports the text; nothing to do for drafts, which are indexed when published)."""
    attachment = Attachment.objects.select_related("item").filter(pk=attachment_id).first()
    if attachment is None:
        return
    with transaction.atomic():
        item = Item.objects.select_for_update(of=("self",)).select_related(
            "org", "topic", "topic__parent", "genre"
        )
        item = item.filter(pk=attachment.item_id).first()
        if item is not None and item.status == Status.PUBLISHED and item.disclosure == Disclosure.PROACTIVE:
            _index(item)


def attachment_extract_again(*, actor, attachment: Attachment):
    """Read an attachment's text again (after a failure); editors of the item's organisation."""
    require(ItemRules(actor, attachment.item).may_draft(), "您不是该机构的信息编辑，不能重新读取附件文字。")
    with transaction.atomic():
        extraction = documents_services.extraction_again(source=attachment)
        if extraction is None:
            extraction = documents_services.extraction_request(
                source=attachment, kind=attachment.kind, sha256=attachment.sha256
            )
        audit.record(
            actor=actor,
            action="item.attachment_extract",
            obj=attachment.item,
            org=attachment.item.org,
            note=attachment.original_name,
        )
    return extraction


def attachment_add(*, actor, item: Item, upload, name: str | None = None) -> Attachment:
    """Check the upload completely, then store it. A refused upload stores nothing: no row, no file.

    The file is written before the row; when the row cannot be written the file is deleted again.
    """
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能上传附件。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
    raw_name = name if name is not None else getattr(upload, "name", "")
    try:
        checked = uploads.check_attachment(upload, name=raw_name, size=getattr(upload, "size", None))
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    key = uuid.uuid4().hex
    upload.seek(0)
    stored = default_storage.save(f"catalog/{timezone.now():%Y/%m}/{key}.{checked.kind}", File(upload))
    try:
        with transaction.atomic():
            item = _locked(item)
            if item.status not in EDITABLE_STATUSES:
                raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
            existing = item.attachments.count()
            if existing >= conf.max_attachments():
                raise ValidationError({"file": f"每条信息最多{conf.max_attachments()}个附件。"})
            attachment = Attachment(
                item=item,
                storage_key=key,
                original_name=checked.name,
                kind=checked.kind,
                content_type=checked.content_type,
                size=checked.size,
                sha256=checked.sha256,
                sort_order=existing + 1,
            )
            attachment.file.name = stored
            attachment.save()
            documents_services.extraction_request(source=attachment, kind=checked.kind, sha256=checked.sha256)
            audit.record(
                actor=actor,
                action="item.attachment_add",
                obj=item,
                org=item.org,
                after={
                    "name": checked.name,
                    "kind": checked.kind,
                    "size": checked.size,
                    "sha256": checked.sha256,
                },
            )
    except BaseException:
        default_storage.delete(stored)
        raise
    return attachment


@transaction.atomic
def attachment_remove(*, actor, attachment: Attachment) -> None:
    item = _locked(attachment.item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能删除附件。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以增删附件。", code="status")
    stored = attachment.file.name
    audit.record(
        actor=actor,
        action="item.attachment_remove",
        obj=item,
        org=item.org,
        before={"name": attachment.original_name, "sha256": attachment.sha256},
    )
    documents_services.extraction_forget(source=attachment)
    attachment.delete()
    transaction.on_commit(lambda: default_storage.delete(stored))


def rendition_store(*, item: Item, upload, replace: Attachment | None = None, reason: str) -> Attachment:
    """The system stores a rendering of a published item's own content (the PDF of an annual report, made
    again from the same published data): added when missing, or replacing the file of `replace`.

    Only the system does this (commands, jobs; there is no actor): a person changes a published item by
    correcting it (`item_correct`). The content stays what was published; the audit event keeps both hashes.
    """
    if item.status != Status.PUBLISHED:
        raise ValidationError("只能为已发布的信息重新生成附件。", code="status")
    if replace is not None and replace.item_id != item.pk:
        raise ValidationError("附件不属于该信息。", code="attachment")
    checked = uploads.check_attachment(
        upload, name=getattr(upload, "name", ""), size=getattr(upload, "size", None)
    )
    key = uuid.uuid4().hex
    upload.seek(0)
    stored = default_storage.save(f"catalog/{timezone.now():%Y/%m}/{key}.{checked.kind}", File(upload))
    old_file = replace.file.name if replace is not None else None
    try:
        with transaction.atomic():
            item = _locked(item)
            before = (
                {"name": replace.original_name, "sha256": replace.sha256} if replace is not None else None
            )
            if replace is None:
                attachment = Attachment(item=item, sort_order=item.attachments.count() + 1)
            else:
                attachment = Attachment.objects.select_for_update().get(pk=replace.pk)
            attachment.storage_key = key
            attachment.original_name = checked.name
            attachment.kind = checked.kind
            attachment.content_type = checked.content_type
            attachment.size = checked.size
            attachment.sha256 = checked.sha256
            attachment.file.name = stored
            attachment.save()
            audit.record(
                actor=None,
                action="item.rendition",
                obj=item,
                org=item.org,
                before=before,
                after={
                    "name": checked.name,
                    "kind": checked.kind,
                    "size": checked.size,
                    "sha256": checked.sha256,
                },
                note=reason,
            )
            if old_file:
                transaction.on_commit(lambda: default_storage.delete(old_file))
    except BaseException:
        default_storage.delete(stored)
        raise
    return attachment


def attachment_count_download(*, attachment: Attachment) -> None:
    """One more download (a single UPDATE, safe under concurrency; not an audited change of state)."""
    Attachment.objects.filter(pk=attachment.pk).update(download_count=F("download_count") + 1)


# --- Channel publications --------------------------------------------------------------------------


@transaction.atomic
def publication_record(
    *,
    actor,
    org: Organization,
    channel: str,
    published_on: date,
    count: int = 1,
    item: Item | None = None,
    note: str = "",
) -> Publication:
    """Record publications through a channel other than the website (gazette, weibo, press conference…)."""
    require(ItemRules(actor, org=org).may_draft(), "您不是该机构的信息编辑，不能登记发布渠道。")
    errors: dict[str, str] = {}
    if channel not in Channel.values:
        errors["channel"] = "发布渠道无效。"
    elif channel == Channel.WEBSITE and item is not None:
        errors["channel"] = "网站发布在信息发布时自动登记。"
    today = timezone.localdate()
    if not isinstance(published_on, date):
        errors["published_on"] = "请填写发布日期。"
    elif published_on > today:
        errors["published_on"] = "发布日期不能晚于今天。"
    elif published_on < EARLIEST_DATE:
        errors["published_on"] = "发布日期有误。"
    if not isinstance(count, int) or count < 1 or count > 100000:
        errors["count"] = "条数应为1至100000之间的整数。"
    if item is not None:
        if item.org_id != org.pk:
            errors["item"] = "该信息不属于本机构。"
        elif item.status != Status.PUBLISHED:
            errors["item"] = "只能登记已发布信息的其他渠道发布。"
    note = " ".join((note or "").split())[:200]
    if errors:
        raise ValidationError(errors)
    publication = Publication.objects.create(
        item=item, org=org, channel=channel, published_on=published_on, count=count, note=note
    )
    audit.record(
        actor=actor,
        action="publication.record",
        obj=publication,
        org=org,
        after={
            "channel": channel,
            "published_on": published_on,
            "count": count,
            "item": item.pk if item else None,
        },
    )
    return publication


# --- Bulk actions ----------------------------------------------------------------------------------

BULK_ACTIONS = {
    "submit": "提交审核",
    "approve": "审核通过并发布",
    "publish": "发布",
    "withdraw": "撤回",
}


def items_bulk(
    *, actor, items: Iterable[Item], action: str, basis: str = "", reason: str = ""
) -> tuple[list[Item], list[tuple[Item, str]]]:
    """Apply one action to many items, each through its service in its own transaction (a refusal of one
    item, for permission or state, leaves the others done)."""
    if action not in BULK_ACTIONS:
        raise ValidationError({"action": "批量操作无效。"})
    done: list[Item] = []
    failed: list[tuple[Item, str]] = []
    calendar = WorkCalendar()
    for item in items:
        try:
            if action == "submit":
                done.append(item_submit(actor=actor, item=item))
            elif action == "approve":
                done.append(
                    item_review(
                        actor=actor,
                        item=item,
                        conclusion=ReviewConclusion.APPROVE,
                        basis=basis,
                        calendar=calendar,
                    )
                )
            elif action == "publish":
                done.append(item_publish(actor=actor, item=item, calendar=calendar))
            elif action == "withdraw":
                done.append(item_withdraw(actor=actor, item=item, reason=reason))
        except (ValidationError, PermissionDenied) as exc:
            message = "；".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            failed.append((item, message))
    return done, failed


@transaction.atomic
def items_recompute_due(*, years: list[int]) -> int:
    """After the calendar changed (registered in `gongkai.core.deadlines`): the publication deadline of every
    item whose deadline was left open for a missing year, and of unpublished items that the changed years may
    move. An item published after a deadline filled in this way is flagged late, as at publication. Returns
    how many items changed; each change is audited."""
    calendar = WorkCalendar()
    unpublished = [s for s in Status if s not in PUBLIC_STATUSES]
    first = date(min(years) - 1, 1, 1) if years else date.min
    qs = Item.objects.filter(
        Q(due_missing_year__isnull=False)
        | Q(status__in=unpublished, due_on__gte=first)
        | Q(status__in=unpublished, due_on__isnull=True)
    )
    changed = 0
    for item in qs.select_related("org").iterator(chunk_size=500):
        before = {"due_on": item.due_on, "due_missing_year": item.due_missing_year, "is_late": item.is_late}
        _set_deadline(item, calendar)
        if item.published_at is not None and item.status in PUBLIC_STATUSES and item.due_on is not None:
            item.is_late = timezone.localdate(item.published_at) > item.due_on
        after = {"due_on": item.due_on, "due_missing_year": item.due_missing_year, "is_late": item.is_late}
        if after == before:
            continue
        Item.objects.filter(pk=item.pk).update(**after, updated_at=timezone.now())
        audit.record(
            actor=None,
            action="item.recompute_due",
            obj=item,
            org=item.org,
            before={k: str(v) if v is not None else None for k, v in before.items()},
            after={k: str(v) if v is not None else None for k, v in after.items()},
            note=f"日历变更：{years}" + ("；超期公开" if item.is_late and not before["is_late"] else ""),
        )
        changed += 1
    return changed
