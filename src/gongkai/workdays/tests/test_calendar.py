"""Working-day arithmetic at fixed dates across real holidays and make-up working days."""

from datetime import date

import pytest

from gongkai.workdays.calendar import CalendarMissing, WorkCalendar, add_workdays, workdays_between

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "plus20", "plus40"),
    [
        (date(2026, 9, 18), date(2026, 10, 22), date(2026, 11, 19)),
        (date(2026, 1, 30), date(2026, 3, 5), date(2026, 4, 2)),
        (date(2025, 12, 25), date(2026, 1, 23), date(2026, 2, 27)),
    ],
)
def test_worked_examples_of_the_statutory_rules(received, plus20, plus40):
    assert add_workdays(received, 20) == plus20
    assert add_workdays(received, 40) == plus40
    assert workdays_between(received, plus20) == 20


@pytest.mark.parametrize(
    "makeup", ["2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"]
)
def test_2026_make_up_weekends_are_working_days(makeup):
    day = date.fromisoformat(makeup)
    assert day.weekday() >= 5
    assert WorkCalendar().is_workday(day)


def test_national_day_week_is_not_counted():
    calendar = WorkCalendar()
    assert not calendar.is_workday(date(2026, 10, 1))
    assert not calendar.is_workday(date(2026, 10, 7))
    # 2026-09-30 (Wed) + 1 working day skips the holiday week to Thursday 10-08.
    assert calendar.add_workdays(date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_start_day_is_not_counted():
    # Friday + 1 working day is Monday.
    assert add_workdays(date(2026, 11, 27), 1) == date(2026, 11, 30)
    assert add_workdays(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_a_year_without_calendar_is_refused_naming_the_year():
    with pytest.raises(CalendarMissing) as info:
        add_workdays(date(2026, 12, 20), 20)
    assert info.value.year == 2027
    assert "2027年" in str(info.value)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        add_workdays(date(2026, 1, 5), -1)
