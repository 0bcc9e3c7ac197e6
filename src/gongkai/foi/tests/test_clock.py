"""The statutory clock at fixed dates across real holidays and make-up working days (docs/legal.md, "Disclosure on application")."""

from datetime import date

import pytest

from gongkai.foi import services
from gongkai.foi.clock import ClockInput, ClockState, Pause, compute
from gongkai.foi.models import Status
from gongkai.foi.selectors import clock_for

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
    assert compute(ClockInput(received_on=received)).due_on == plus20
    extended = compute(ClockInput(received_on=received, extension_days=20))
    assert extended.due_on == plus40
    assert extended.chain == (
        f"收到 {received.isoformat()} → 20个工作日 → {plus20.isoformat()} → 延期20个工作日 → {plus40.isoformat()}"
    )


@pytest.mark.parametrize(
    ("received", "plus20", "plus40"),
    [
        (date(2026, 9, 18), date(2026, 10, 22), date(2026, 11, 19)),
        (date(2026, 1, 30), date(2026, 3, 5), date(2026, 4, 2)),
        (date(2025, 12, 25), date(2026, 1, 23), date(2026, 2, 27)),
    ],
)
def test_worked_examples_through_the_services(received, plus20, plus40, register_case, office):
    application = register_case(received)
    assert application.due_on == plus20
    services.application_extension_request(
        actor=office.clerk, application=application, days=20, reason="需要调取档案"
    )
    services.application_extend(actor=office.head, application=application, approved_on=received)
    application.refresh_from_db()
    assert application.due_on == plus40
    assert "延期20个工作日" in clock_for(application).chain


def test_correction_restarts_the_full_period_not_a_pause():
    # Received Fri 2026-09-18; correction asked 09-22; corrected application received Wed 09-30.
    clock = compute(
        ClockInput(
            received_on=date(2026, 9, 18),
            correction_requested_on=date(2026, 9, 22),
            correction_received_on=date(2026, 9, 30),
        )
    )
    # 20 working days from 09-30: the National Day week (10-01..10-07) is skipped, Sat 10-10 is worked.
    assert clock.due_on == date(2026, 11, 3)
    assert clock.chain.startswith("收到 2026-09-18 → 补正后收到 2026-09-30 → 20个工作日 → 2026-11-03")


def test_awaiting_correction_has_no_due_date():
    clock = compute(ClockInput(received_on=date(2026, 9, 18), correction_requested_on=date(2026, 9, 22)))
    assert clock.state == ClockState.AWAITING_CORRECTION
    assert clock.due_on is None


def test_a_consultation_pauses_the_clock_by_the_working_days_it_covers():
    # Sent Mon 2026-03-02, answered Fri 03-06: four working days (03-03..03-06) are not counted.
    clock = compute(
        ClockInput(
            received_on=date(2026, 2, 24),
            pauses=(Pause("征求第三方意见", date(2026, 3, 2), date(2026, 3, 6), cap=date(2026, 3, 23)),),
        )
    )
    plain = compute(ClockInput(received_on=date(2026, 2, 24))).due_on
    assert plain == date(2026, 3, 23)  # Sat 2026-02-28 is a make-up working day
    assert clock.due_on == date(2026, 3, 27)  # 03-23 + 4 working days


def test_an_open_consultation_stops_the_clock():
    clock = compute(
        ClockInput(received_on=date(2026, 2, 24), pauses=(Pause("征求第三方意见", date(2026, 3, 2), None),))
    )
    assert clock.state == ClockState.PAUSED
    assert clock.due_on is None


def test_overlapping_pauses_are_not_counted_twice():
    both = compute(
        ClockInput(
            received_on=date(2026, 5, 11),
            pauses=(
                Pause("征求第三方意见", date(2026, 5, 18), date(2026, 5, 22)),
                Pause("征求其他机关意见", date(2026, 5, 20), date(2026, 5, 26)),
            ),
        )
    )
    one = compute(
        ClockInput(
            received_on=date(2026, 5, 11), pauses=(Pause("征求意见", date(2026, 5, 18), date(2026, 5, 26)),)
        )
    )
    assert both.due_on == one.due_on


def test_a_late_consultation_reply_counts_only_until_its_deadline():
    capped = compute(
        ClockInput(
            received_on=date(2026, 3, 2),
            pauses=(Pause("征求第三方意见", date(2026, 3, 3), date(2026, 4, 30), cap=date(2026, 3, 24)),),
        )
    )
    at_deadline = compute(
        ClockInput(
            received_on=date(2026, 3, 2),
            pauses=(Pause("征求第三方意见", date(2026, 3, 3), date(2026, 3, 24)),),
        )
    )
    assert capped.due_on == at_deadline.due_on
    assert any("计入答复期限" in step.note for step in capped.steps)


def test_article_35_longer_period_replaces_the_twenty_days():
    clock = compute(ClockInput(received_on=date(2026, 9, 18), longer_period_days=40))
    assert clock.due_on == date(2026, 11, 19)
    assert "第三十五条合理期限40个工作日" in clock.chain


def test_a_due_date_in_2027_is_a_missing_calendar_warning_not_a_guess():
    clock = compute(ClockInput(received_on=date(2026, 12, 10)))
    assert clock.state == ClockState.MISSING_CALENDAR
    assert clock.missing_year == 2027
    assert clock.due_on is None
    assert "2027年日历未录入" in clock.chain


def test_registered_case_due_in_2027_stores_the_missing_year(register_case):
    application = register_case(date(2026, 12, 10))
    assert application.due_on is None
    assert application.due_missing_year == 2027
    assert application.status == Status.RECEIVED
