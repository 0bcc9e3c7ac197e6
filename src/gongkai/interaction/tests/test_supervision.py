"""Reminders before the deadline, 催办 at expiry, 督办 when long overdue; each once; the stricter clock counts."""

from datetime import date, datetime, time

from django.utils import timezone

from gongkai.interaction import services


def test_remind_urge_supervise_once_each(submitted, staff_, tree, freeze):
    message = services.message_accept(actor=staff_.screener, message=submitted(date(2026, 9, 29)))
    services.message_assign(actor=staff_.screener, message=message, lead=tree.eco)
    at = lambda d, h=9: timezone.make_aware(datetime.combine(d, time(h)))  # noqa: E731
    assert services.messages_supervise(now=at(date(2026, 10, 9))).reminded == []
    assert services.messages_supervise(now=at(date(2026, 10, 12))).reminded == [
        message.number
    ]  # due 10-12 night
    assert services.messages_supervise(now=at(date(2026, 10, 12), 12)).reminded == []
    assert services.messages_supervise(now=at(date(2026, 10, 13))).urged == [message.number]
    assert services.messages_supervise(now=at(date(2026, 10, 14))).urged == []
    report = services.messages_supervise(now=at(date(2026, 10, 20)))  # 10-13..10-19: 5 working days overdue
    assert report.supervised == [message.number]
    assert services.messages_supervise(now=at(date(2026, 10, 21))).supervised == []
    actions = list(message.events.values_list("action", flat=True))
    assert actions.count("remind") == actions.count("urge") == actions.count("supervise") == 1


def test_answered_messages_are_left_alone(submitted, staff_, freeze):
    message = services.message_accept(actor=staff_.screener, message=submitted(date(2026, 9, 29)))
    services.message_reply_direct(actor=staff_.screener, message=message, text="答复")
    later = timezone.make_aware(datetime.combine(date(2026, 11, 2), time(9)))
    report = services.messages_supervise(now=later)
    assert report.urged == report.supervised == report.reminded == []
