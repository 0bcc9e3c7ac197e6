"""What the catalog's services share: the locked item, moves between statuses, deadlines, index numbers,
the search index."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.catalog import conf, indexing
from gongkai.catalog.models import FocusArea, IndexCounter, Item, Status
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

INDEX_NO_RE = re.compile(r"^(?P<prefix>[0-9A-Z]{9}|[0-9A-Z]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$")


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


def _set_m2m(
    item: Item, co_orgs: Iterable[Organization] | None, focus_areas: Iterable[FocusArea] | None
) -> dict[str, list[int]]:
    changes: dict[str, list[int]] = {}
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


def _index(item: Item) -> None:
    """Put a proactively disclosed item into the search index with the text read from its attachments."""
    from gongkai.catalog.selectors import attachment_texts

    indexing.item_indexed(item=item, attachments=attachment_texts([item]).get(item.pk, []))


def _index_no_parts(index_no: str) -> re.Match[str]:
    """The prefix, year and serial of an index number given by an import, or its format error."""
    match = INDEX_NO_RE.match(index_no or "")
    if match is None:
        raise ValidationError({"index_no": f"索引号“{index_no}”格式错误，应为“前段码/年份-五位序号”。"})
    return match


def _take_index_nos(org: Organization, year: int, count: int = 1) -> list[str]:
    """The next `count` index numbers of `org` in `year`. The counter row is locked until the transaction ends,
    so concurrent publications queue on it: serials are consecutive, unique and never reused."""
    counter, _ = IndexCounter.objects.select_for_update().get_or_create(org=org, year=year)
    if counter.last_serial + count > 99999:
        raise ValidationError(f"{org.name}{year}年的索引号序号已用尽（五位序号上限99999）。")
    first = counter.last_serial + 1
    counter.last_serial += count
    counter.save(update_fields=["last_serial"])
    return [f"{org.index_prefix}/{year}-{serial:05d}" for serial in range(first, first + count)]


def _count_past(org: Organization, parts: re.Match[str]) -> None:
    """An index number kept from the old system: when it is in this organisation's own series, the counter
    moves past it so no later number collides."""
    if parts["prefix"] == org.index_prefix:
        year, serial = int(parts["year"]), int(parts["serial"])
        counter, _ = IndexCounter.objects.select_for_update().get_or_create(org=org, year=year)
        if counter.last_serial < serial:
            counter.last_serial = serial
            counter.save(update_fields=["last_serial"])


def _set_index_no(item: Item, index_no: str) -> None:
    item.index_no = index_no
    item.slug = index_no.replace("/", "-")


def _keep_index_no(org: Organization, index_no: str) -> str:
    """An index number given by an import of one item (kept as assigned in the old system)."""
    parts = _index_no_parts(index_no)
    if Item.objects.filter(index_no=index_no).exists():
        raise ValidationError({"index_no": f"索引号“{index_no}”已被使用。"})
    _count_past(org, parts)
    return index_no


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
