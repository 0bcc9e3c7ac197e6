"""Items already published in another system, imported in batches (import_items, the demo loader)."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.catalog import indexing
from gongkai.catalog.models import (
    Channel,
    Disclosure,
    FocusArea,
    Item,
    Publication,
    Review,
    ReviewConclusion,
    Status,
)
from gongkai.catalog.services.base import (
    _check_publication_time,
    _count_past,
    _index_no_parts,
    _set_deadline,
    _set_index_no,
    _take_index_nos,
)
from gongkai.catalog.services.validation import _validate
from gongkai.core import audit, bulk, pagecache
from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import WorkCalendar


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
    """Import already-published items in one batch (the system's import_items; actor is the system).

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
                _index_no_parts(row.index_no)
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
        for row, item, _ in ready:
            if row.index_no:
                _count_past(row.org, _index_no_parts(row.index_no))
                _set_index_no(item, row.index_no)
        groups: dict[tuple[int, int], list[Item]] = {}
        for row, item, pub_day in ready:
            if not row.index_no:
                groups.setdefault((row.org.pk, pub_day.year), []).append(item)
        for (_, year), members in sorted(groups.items()):
            for item, index_no in zip(
                members, _take_index_nos(members[0].org, year, len(members)), strict=True
            ):
                _set_index_no(item, index_no)
        items = [item for _, item, _ in ready]
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
        system = System("信息导入")
        bulk.insert(
            AuditEvent,
            [
                audit.event(
                    actor=system,
                    action="item.import",
                    obj=item,
                    org=item.org,
                    after={
                        "status": item.status,
                        "index_no": item.index_no,
                        "published_at": item.published_at,
                        "is_late": item.is_late,
                        "review": ReviewConclusion.IMPORTED,
                    },
                    note="导入（原系统已审核发布）",
                )
                for item in items
            ],
        )
        indexing.items_indexed(items=[i for i in items if i.disclosure == Disclosure.PROACTIVE])
        pagecache.bump("catalog")  # bulk inserts send no save signals (gongkai.portal.signals)
    return items, errors
