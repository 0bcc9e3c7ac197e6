"""The answer deadline of a message, from the policy table (`DeadlinePolicy`), and the stricter of the two clocks
of a forwarded ticket (ours and the upstream platform's)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from gongkai.interaction.models import Channel, DeadlinePolicy, Message, TimeUnit
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

#: When a policy row is missing altogether (the migration seeds the default row; an administrator may delete it).
FALLBACK_WORKDAYS = 10


def policy_for(channel: Channel, kind: str, complex_: bool = False) -> DeadlinePolicy | None:
    """The most specific row: this channel's, then its source's, then the default; a complex matter's row before
    a simple one's, then this kind's before the row for every kind."""
    rows = list(
        DeadlinePolicy.objects.filter(
            Q(channel=channel) | Q(channel__isnull=True, source__in=[channel.source, ""]), kind__in=[kind, ""]
        ).order_by()
    )

    def score(row: DeadlinePolicy) -> tuple[bool, bool, bool, bool]:
        return (row.channel_id is not None, bool(row.source), row.complex == complex_, row.kind == kind)

    rows = [r for r in rows if r.complex == complex_ or not r.complex]
    return max(rows, key=score, default=None)


def _end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(23, 59, 59)))


@dataclass(frozen=True)
class Due:
    at: datetime | None
    explained: str


def compute(
    start: datetime, policy: DeadlinePolicy | None, calendar: WorkCalendar | None = None, extra: int = 0
) -> Due:
    """The deadline counted from `start` (the time accepted). Working and natural days end at the end of the
    last day; 次日起 makes the day after the start day 1 (else the start day counts as day 1 when it is a working
    day); without 含第N日 the deadline is the end of the day before."""
    amount = (policy.amount if policy else FALLBACK_WORKDAYS) + extra
    unit = policy.unit if policy else TimeUnit.WORKDAYS
    next_day = policy.next_day if policy else True
    include_last = policy.include_last if policy else True
    label = f"{amount}{TimeUnit(unit).label}" + ("（含延期）" if extra else "")
    if unit == TimeUnit.HOURS:
        return Due(start + timedelta(hours=amount), f"受理后{label}")
    day = timezone.localdate(start)
    calendar = calendar or WorkCalendar()
    try:
        if unit == TimeUnit.WORKDAYS:
            if next_day:
                last = calendar.add_workdays(day, amount)
            else:
                first = calendar.next_workday(day)
                last = calendar.add_workdays(first, amount - 1) if amount else first
            if not include_last:
                last = last - timedelta(days=1)
        else:
            last = day + timedelta(days=amount if next_day else amount - 1)
            if not include_last:
                last -= timedelta(days=1)
    except CalendarMissing as exc:
        return Due(None, f"{exc.year}年工作日历未录入，时限待录入后计算")
    rule = ("次日起算" if next_day else "当日起算") + ("，含第N日" if include_last else "，不含第N日")
    return Due(_end_of(last), f"{label}，{rule}，至{last.isoformat()}")


def effective_due(message: Message) -> datetime | None:
    """The stricter of our deadline and the upstream platform's: it drives the warnings."""
    dues = [d for d in (message.due_at, message.upstream_due_at) if d is not None]
    return min(dues, default=None)


def overdue(message: Message, now: datetime | None = None) -> bool:
    due = effective_due(message)
    return due is not None and (message.replied_at or now or timezone.now()) > due
