"""A reviewed item goes public and changes there: scheduled or published (index number, website publication,
search index, late flag), withdrawn, corrected, its validity changed; deadlines recomputed after the calendar
changed."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gongkai.catalog import indexing
from gongkai.catalog.models import (
    PUBLIC_STATUSES,
    Channel,
    Disclosure,
    FocusArea,
    Item,
    ItemVersion,
    Publication,
    Status,
    Validity,
)
from gongkai.catalog.rules import ItemRules, require
from gongkai.catalog.services.base import (
    _check_publication_time,
    _index,
    _keep_index_no,
    _locked,
    _move,
    _set_deadline,
    _set_index_no,
    _set_m2m,
    _take_index_nos,
)
from gongkai.catalog.services.validation import CONTENT_FIELDS, _check_date, _validate
from gongkai.core import actors, audit
from gongkai.core.actors import Actor, System
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import WorkCalendar


def _check_schedule_time(publish_at: datetime) -> None:
    if timezone.is_naive(publish_at):
        raise ValidationError({"publish_at": "定时发布时间须带时区。"})
    now = timezone.now()
    if publish_at <= now:
        raise ValidationError({"publish_at": "定时发布时间须晚于当前时间。"})
    if publish_at > now + timedelta(days=366):
        raise ValidationError({"publish_at": "定时发布时间不能超过一年。"})


@transaction.atomic
def item_schedule(*, actor: Actor, item: Item, publish_at: datetime) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能安排该机构的信息发布。")
    return _schedule(actor=actor, item=item, publish_at=publish_at)


def _schedule(*, actor: Actor, item: Item, publish_at: datetime) -> Item:
    _check_schedule_time(publish_at)
    before = {"status": item.status, "scheduled_at": item.scheduled_at}
    if item.status != Status.SCHEDULED:
        _move(item, Status.SCHEDULED)
    item.scheduled_at = publish_at
    item.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit.record_on(
        item,
        actor=actor,
        action="item.schedule",
        before=before,
        after={"status": item.status, "scheduled_at": publish_at},
    )
    return item


@transaction.atomic
def item_unschedule(*, actor: Actor, item: Item) -> Item:
    item = _locked(item)
    require(ItemRules(actor, item).may_publish(), "您不能取消该机构的定时发布。")
    before = {"status": item.status, "scheduled_at": item.scheduled_at}
    _move(item, Status.APPROVED)
    item.scheduled_at = None
    item.save(update_fields=["status", "scheduled_at", "updated_at"])
    audit.record_on(item, actor=actor, action="item.unschedule", before=before, after={"status": item.status})
    return item


@transaction.atomic
def item_publish(
    *,
    actor: Actor,
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


def _publish(
    *,
    actor: Actor,
    item: Item,
    published_at: datetime | None,
    index_no: str | None,
    calendar: WorkCalendar | None,
) -> Item:
    """Publication proper, for an item locked by the caller whose permission the caller checked (the
    reviewer who approves publishes with the approval)."""
    if not actors.is_system(actor) and (published_at is not None or index_no is not None):
        raise PermissionDenied("只有导入可以指定发布时间或索引号。")
    before = item.status
    _move(item, Status.PUBLISHED)
    now = published_at or timezone.now()
    pub_day = _check_publication_time(item, now)
    _set_index_no(
        item, _keep_index_no(item.org, index_no) if index_no else _take_index_nos(item.org, pub_day.year)[0]
    )
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
    audit.record_on(
        item,
        actor=actor,
        action="item.publish",
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
    job = System("定时发布")
    due = Item.objects.filter(status=Status.SCHEDULED, scheduled_at__lte=now).order_by("scheduled_at", "pk")
    for item in due:
        try:
            done.append(item_publish(actor=job, item=item, calendar=calendar))
        except ValidationError as exc:
            failed.append((item, "；".join(exc.messages)))
    return done, failed


@transaction.atomic
def item_withdraw(*, actor: Actor, item: Item, reason: str) -> Item:
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
    audit.record_on(
        item,
        actor=actor,
        action="item.withdraw",
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
    actor: Actor,
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
        replaced_by_user=actor if actors.is_user(actor) else None,
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
    audit.record_on(
        item,
        actor=actor,
        action="item.correct",
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
    actor: Actor,
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
        assert changed_on is not None  # required
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
    audit.record_on(
        item,
        actor=actor,
        action="item.set_validity",
        before=before,
        after=audit.snapshot(item, ["validity", "validity_changed_on", "replaced_by"]),
        note=(note or "").strip()[:500],
    )
    return item


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
        audit.record_on(
            item,
            actor=System("日历变更"),
            action="item.recompute_due",
            before={k: str(v) if v is not None else None for k, v in before.items()},
            after={k: str(v) if v is not None else None for k, v in after.items()},
            note=f"日历变更：{years}" + ("；超期公开" if item.is_late and not before["is_late"] else ""),
        )
        changed += 1
    return changed
