"""A 2027 working-day calendar for tests of the missing-year edges (the test database seeds 2004-2026).

Test data, not the State Council's notice: New Year's Day, a Spring Festival week and one make-up working
Saturday, enough to count across the year end.
"""

from __future__ import annotations

from datetime import date, timedelta

from gongkai.core.actors import Actor
from gongkai.testing.factories import TEST_JOB
from gongkai.workdays.models import CalendarYear
from gongkai.workdays.services import Day, calendar_year_set

TEST_2027_SOURCE = "测试数据（非国务院办公厅通知）"


def days_2027() -> list[Day]:
    days = [Day(date(2027, 1, 1), "holiday", "元旦")]
    day = date(2027, 2, 8)
    while day <= date(2027, 2, 12):
        days.append(Day(day, "holiday", "春节"))
        day += timedelta(days=1)
    days.append(Day(date(2027, 2, 20), "workday", "春节调休"))
    return days


def enter_2027(actor: Actor = TEST_JOB) -> CalendarYear:
    """Enter the test 2027 calendar through the real service (deadline owners recompute)."""
    return calendar_year_set(actor=actor, year=2027, days=days_2027(), source=TEST_2027_SOURCE)
