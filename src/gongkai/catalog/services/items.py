"""Drafting: an editor writes a draft, edits it, discards it or submits it for review."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.catalog import presubmit
from gongkai.catalog.models import (
    EDITABLE_STATUSES,
    Disclosure,
    FocusArea,
    Genre,
    Item,
    Status,
    StatutoryClass,
    Topic,
)
from gongkai.catalog.rules import ItemRules, require
from gongkai.catalog.services.base import (
    _locked,
    _move,
    _set_deadline,
    _set_m2m,
)
from gongkai.catalog.services.validation import CONTENT_FIELDS, _validate
from gongkai.core import actors, audit
from gongkai.core.actors import Actor
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import WorkCalendar


@transaction.atomic
def item_create(
    *,
    actor: Actor,
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
    item = Item(org=org, created_by=actor if actors.is_user(actor) else None)
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
    actor: Actor,
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
    audit.record_on(item, actor=actor, action="item.update", before=diff_before, after={**diff_after, **m2m})
    return item


@transaction.atomic
def item_discard(*, actor: Actor, item: Item) -> None:
    """Delete a draft that never went further than the editor's desk (or came back returned)."""
    item = _locked(item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能删除草稿。")
    if item.status not in EDITABLE_STATUSES:
        raise ValidationError("只有草稿或退回的信息可以删除。")
    names = [a.file.name for a in item.attachments.all() if a.file.name]
    audit.record_on(item, actor=actor, action="item.discard", before={"title": item.title})
    item.delete()

    def delete_files() -> None:
        for name in names:
            default_storage.delete(name)

    transaction.on_commit(delete_files)


@transaction.atomic
def item_submit(*, actor: Actor, item: Item) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_draft(), "您不是该机构的信息编辑，不能提交审核。")
    if not item.body_text.strip() and not item.attachments.exists():
        raise ValidationError({"body": "正文和附件不能都为空。"})
    refused = presubmit.problems(item)
    if refused:
        raise ValidationError(refused, code="presubmit")
    before = item.status
    _move(item, Status.SUBMITTED)
    item.save(update_fields=["status", "updated_at"])
    audit.record_on(
        item, actor=actor, action="item.submit", before={"status": before}, after={"status": item.status}
    )
    return item
