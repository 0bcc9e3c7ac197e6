"""The deadline policy table: sourced defaults, the most specific row, the holiday calendar, both clocks."""

from datetime import date, datetime, time

from django.utils import timezone

from gongkai.interaction import deadlines, services
from gongkai.interaction.models import DeadlinePolicy, TimeUnit


def aware(d: date, t: time = time(10, 0)) -> datetime:
    return timezone.make_aware(datetime.combine(d, t))


def test_defaults_are_seeded_with_their_source(db):
    consult = DeadlinePolicy.objects.get(channel=None, source="", kind="consult", complex=False)
    assert (consult.amount, consult.unit) == (5, TimeUnit.WORKDAYS)
    assert "济南" in consult.source_text
    assert DeadlinePolicy.objects.get(source="zhaocuo").amount == 3


def test_most_specific_row_wins(channels):
    assert deadlines.policy_for(channels.mayor, "consult").amount == 5
    assert deadlines.policy_for(channels.mayor, "complaint").amount == 10
    assert deadlines.policy_for(channels.mayor, "praise").amount == 10  # the row for every kind
    assert deadlines.policy_for(channels.mayor, "complaint", True).amount == 15
    assert deadlines.policy_for(channels.zhaocuo, "other").amount == 3
    DeadlinePolicy.objects.create(channel=channels.mayor, kind="consult", amount=3)
    assert deadlines.policy_for(channels.mayor, "consult").amount == 3


def test_five_working_days_across_national_day_2026(submitted, staff_, freeze):
    message = submitted(date(2026, 9, 29))
    message = services.message_accept(actor=staff_.screener, message=message)
    # 9-30 (1), holiday 10-01..10-07, 10-08 (2), 10-09 (3), Saturday 10-10 is a working day (4), 10-12 (5)
    assert timezone.localdate(message.due_at) == date(2026, 10, 12)
    assert "次日起算" in message.due_explained


def test_conventions_same_day_and_not_including_the_last(channels):
    policy = DeadlinePolicy(amount=5, unit=TimeUnit.WORKDAYS, next_day=False)
    assert timezone.localdate(deadlines.compute(aware(date(2026, 9, 29)), policy).at) == date(
        2026, 10, 10
    )  # 9-29 is day 1
    policy = DeadlinePolicy(amount=7, unit=TimeUnit.DAYS, include_last=False)
    assert timezone.localdate(deadlines.compute(aware(date(2026, 9, 29)), policy).at) == date(2026, 10, 5)
    policy = DeadlinePolicy(amount=24, unit=TimeUnit.HOURS)
    assert deadlines.compute(aware(date(2026, 9, 29)), policy).at == aware(date(2026, 9, 30))


def test_stricter_upstream_deadline_drives_the_warning(channels, staff_, freeze):
    freeze(date(2026, 9, 29))
    message, created = services.message_import(
        actor=staff_.screener,
        channel=channels.hotline,
        data={"kind": "consult", "title": "公交线路调整咨询", "body": "请问12路公交何时恢复原线路？"},
        external_no="12345-20260929-0001",
        upstream_received_at=aware(date(2026, 9, 28), time(16, 0)),
        upstream_due_at=aware(date(2026, 10, 9), time(18, 0)),
    )
    assert created and message.received_on == date(2026, 9, 28)
    again, created = services.message_import(
        actor=staff_.screener, channel=channels.hotline, data={}, external_no="12345-20260929-0001",
        upstream_received_at=aware(date(2026, 9, 28)),
    )  # fmt: skip
    assert not created and again.pk == message.pk
    message = services.message_accept(actor=staff_.screener, message=message)
    assert timezone.localdate(message.due_at) == date(2026, 10, 12)
    assert deadlines.effective_due(message) == message.upstream_due_at
    assert deadlines.overdue(message, now=aware(date(2026, 10, 10)))
