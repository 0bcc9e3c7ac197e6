"""Working-day arithmetic over the calendar data.

The day a period starts from is not counted; counting starts the next day (docs/legal.md, "Working days"). A
computation that reaches a year with no calendar raises `CalendarMissing` naming the year: deadlines are never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from gongkai.workdays.models import CalendarYear, DayKind, SpecialDay


class CalendarMissing(Exception):
    """A date falls in a year whose holidays have not been entered."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            f"{year}年的工作日历尚未录入，无法计算工作日。请管理员根据国务院办公厅放假通知录入{year}年日历。"
        )


@dataclass
class WorkCalendar:
    """Loads each year from the database once per instance; use one instance for a batch of computations."""

    _years: dict[int, dict[date, str] | None] = field(default_factory=dict)

    def _year(self, year: int) -> dict[date, str]:
        if year not in self._years:
            if CalendarYear.objects.filter(year=year).exists():
                self._years[year] = dict(
                    SpecialDay.objects.filter(calendar_year__year=year).values_list("date", "kind")
                )
            else:
                self._years[year] = None
        days = self._years[year]
        if days is None:
            raise CalendarMissing(year)
        return days

    def is_workday(self, day: date) -> bool:
        kind = self._year(day.year).get(day)
        if kind == DayKind.HOLIDAY:
            return False
        if kind == DayKind.WORKDAY:
            return True
        return day.weekday() < 5

    def add_workdays(self, start: date, n: int) -> date:
        """The date `n` working days after `start` (start itself not counted). n=0 returns start."""
        if n < 0:
            raise ValueError("n must not be negative")
        day = start
        remaining = n
        while remaining:
            day += timedelta(days=1)
            if self.is_workday(day):
                remaining -= 1
        return day

    def workdays_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        count = 0
        day = start
        while day < end:
            day += timedelta(days=1)
            if self.is_workday(day):
                count += 1
        return count

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, else the next working day."""
        while not self.is_workday(day):
            day += timedelta(days=1)
        return day


def add_workdays(start: date, n: int) -> date:
    return WorkCalendar().add_workdays(start, n)


def workdays_between(start: date, end: date) -> int:
    return WorkCalendar().workdays_between(start, end)


def is_workday(day: date) -> bool:
    return WorkCalendar().is_workday(day)
