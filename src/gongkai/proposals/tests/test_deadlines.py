"""Calendar-month answer periods, the configured date, working-day periods (docs/proposals.md)."""

from datetime import date

import pytest

from gongkai.proposals.deadlines import add_months, answer_due, co_opinion_due, return_window_ends
from gongkai.proposals.models import Body, Policy


def test_calendar_months():
    assert add_months(date(2026, 3, 16), 3) == date(2026, 6, 16)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 10, 31), 2) == date(2026, 12, 31)
    assert add_months(date(2026, 12, 1), 1) == date(2027, 1, 1)


@pytest.mark.django_db
def test_answer_due_is_the_earlier_of_months_and_the_configured_date():
    policy = Policy.objects.get(body=Body.NPC)
    assert (policy.answer_months, policy.difficult_months) == (3, 6)  # 代表法 Art. 51, seeded
    assert answer_due(policy, date(2026, 3, 16)) == date(2026, 6, 16)
    assert answer_due(policy, date(2026, 3, 16), difficult=True) == date(2026, 9, 16)
    policy.answer_by = date(2026, 5, 31)
    assert answer_due(policy, date(2026, 3, 16)) == date(2026, 5, 31)
    policy.answer_by = date(2026, 7, 31)
    assert answer_due(policy, date(2026, 3, 16)) == date(2026, 6, 16)


@pytest.mark.django_db
def test_working_day_periods_skip_holidays():
    policy = Policy.objects.get(body=Body.CPPCC)
    # 2026-04-30 (Thu) + 5 WD: the May Day holiday (5月1日-5日) is skipped, 5月9日 is a make-up working Saturday
    assert return_window_ends(policy, date(2026, 4, 30)) == date(2026, 5, 11)
    assert co_opinion_due(policy, date(2026, 3, 16)) > date(2026, 4, 24)
