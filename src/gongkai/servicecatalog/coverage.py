"""Whether a catalog item fulfils a standard-catalog entry inside the entry's 公开时限, and coverage.

The time runs from the item's formation: its 变更日期 where it changed, else its 成文日期 (the date of the
decision for «作出决定之日起»). «N个工作日» counts on the working-day calendar, «N个自然日» in days; «实时公开» allows
the day of formation and the next day; «及时公开» (no number) is met by any publication. An entry is covered when
at least one published item tagged with it was published inside the limit.
"""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.catalog.models import Item, Status
from gongkai.servicecatalog.models import Entry, Trigger, Unit
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar


def due_on(entry: Entry, formed: date, calendar: WorkCalendar) -> date | None:
    """The last day of publication for information formed on `formed` (None: no fixed limit)."""
    if entry.trigger == Trigger.REALTIME:
        return formed + timedelta(days=1)
    if entry.trigger == Trigger.TIMELY or entry.limit is None or not entry.limit_unit:
        return None
    if entry.limit_unit == Unit.NATURAL:
        return formed + timedelta(days=entry.limit)
    if entry.limit_unit == Unit.IMMEDIATE:
        return formed
    return calendar.add_workdays(formed, entry.limit)


def in_time(entry: Entry, item: Item, calendar: WorkCalendar) -> bool:
    from django.utils import timezone

    if item.status != Status.PUBLISHED or item.published_at is None:
        return False
    try:
        due = due_on(entry, item.changed_on or item.written_on, calendar)
    except CalendarMissing:
        return False
    return due is None or timezone.localdate(item.published_at) <= due
