"""The periods of an item: calendar months for the answer (代表法 Art. 51), working days for the rest.

`due = min(assigned + N months, the configured date)`: a month is a calendar month (2026-03-16 + 3 months =
2026-06-16; a day missing in the target month falls on its last day, 2026-11-30 + 3 = 2027-02-28). Working days
come from `gongkai.workdays.calendar` only.
"""

from __future__ import annotations

import calendar
from datetime import date

from gongkai.proposals.models import Policy
from gongkai.workdays.calendar import WorkCalendar


def add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def answer_due(policy: Policy, assigned_on: date, *, difficult: bool = False) -> date:
    months = policy.difficult_months if difficult else policy.answer_months
    due = add_months(assigned_on, months)
    if policy.answer_by and not difficult and policy.answer_by >= assigned_on:
        due = min(due, policy.answer_by)
    return due


def return_window_ends(policy: Policy, assigned_on: date) -> date:
    """The last day a unit may ask to return an item (the window counts working days after the assignment)."""
    return WorkCalendar().add_workdays(assigned_on, policy.return_window_workdays)


def co_opinion_due(policy: Policy, assigned_on: date) -> date:
    return WorkCalendar().add_workdays(assigned_on, policy.co_opinion_workdays)


def reopen_due(policy: Policy, reopened_on: date) -> date:
    return add_months(reopened_on, policy.reopen_months)


def publish_due(policy: Policy, answered_on: date) -> date:
    return WorkCalendar().add_workdays(answered_on, policy.publish_workdays)


def feedback_due(policy: Policy, answered_on: date) -> date:
    return WorkCalendar().add_workdays(answered_on, policy.feedback_workdays)
