"""Art. 31: the evidence of the date received (e-mail and fax times, the registered letter signed for) and how
long staff may take to confirm an online application (a setting, with a queue and a reminder)."""

from datetime import date, datetime, time

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gongkai.foi import reminders, selectors, services
from gongkai.foi.models import EventKind, FileKind
from gongkai.foi.tests.conftest import applicant_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def test_an_email_is_received_on_the_day_its_mail_system_received_it(tree, office, freeze):
    freeze(date(2026, 9, 25))
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk,
            org=tree.eco,
            channel="email",
            received_on=date(2026, 9, 22),
            data=applicant_data(),
        )
    assert "evidence_received_at" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="email", received_on=date(2026, 9, 22),
            evidence_received_at=_at(date(2026, 9, 21), 23, 50), data=applicant_data(),
        )  # fmt: skip
    assert "应为2026-09-21" in exc.value.message_dict["received_on"][0]
    submission = services.application_register(
        actor=office.clerk, org=tree.eco, channel="email", received_on=date(2026, 9, 21),
        evidence_received_at=_at(date(2026, 9, 21), 23, 50), evidence_ref="<abc@mail.example.com>",
        data=applicant_data(),
    )  # fmt: skip
    application = submission.application
    assert application.evidence_received_at == _at(date(2026, 9, 21), 23, 50)
    event = application.events.get(kind=EventKind.REGISTERED)
    assert "系统收到时间：2026-09-21 23:50" in event.note and "<abc@mail.example.com>" in event.note


def test_a_registered_letter_needs_its_number_and_keeps_the_signed_receipt(tree, office, freeze):
    freeze(date(2026, 9, 25))
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="registered_mail", received_on=date(2026, 9, 22),
            data=applicant_data(),
        )  # fmt: skip
    assert "evidence_ref" in exc.value.message_dict
    receipt = SimpleUploadedFile("签收回执.pdf", PDF, content_type="application/pdf")
    application = services.application_register(
        actor=office.clerk, org=tree.eco, channel="registered_mail", received_on=date(2026, 9, 22),
        evidence_ref="1151234567890", evidence_files=[receipt], data=applicant_data(),
    ).application  # fmt: skip
    [stored] = application.files.filter(kind=FileKind.RECEIPT)
    assert stored.name == "签收回执.pdf" and not stored.public
    assert "收件凭证1份" in application.events.get(kind=EventKind.REGISTERED).note


def test_a_fax_needs_its_received_time_and_is_not_received_before_it(tree, office, freeze):
    freeze(date(2026, 9, 25))
    with pytest.raises(ValidationError) as exc:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="fax", received_on=date(2026, 9, 21),
            evidence_received_at=_at(date(2026, 9, 22), 9), data=applicant_data(),
        )  # fmt: skip
    assert "传真收到的日期" in exc.value.message_dict["received_on"][0]
    # Confirmed with the applicant the next day: both sides confirm (Art. 31).
    application = services.application_register(
        actor=office.clerk, org=tree.eco, channel="fax", received_on=date(2026, 9, 23),
        evidence_received_at=_at(date(2026, 9, 22), 9), data=applicant_data(),
    ).application  # fmt: skip
    assert application.received_on == date(2026, 9, 23)


def test_online_applications_not_confirmed_in_time_are_queued_and_reminded(tree, office, freeze, settings):
    settings.GONGKAI_FOI_CONFIRM_WORKDAYS = 2
    office.clerk.email = "clerk@example.gov.cn"
    office.clerk.save(update_fields=["email"])
    freeze(date(2026, 9, 28))  # Monday
    application = services.application_submit(org=tree.eco, data=applicant_data()).application
    assert selectors.confirmation_due(application) == date(2026, 9, 30)
    assert list(selectors.applications_confirmation_late(today=date(2026, 9, 30))) == []
    # 09-30 was the last day; on 10-08 (after the National Day week) it is late.
    late = selectors.applications_confirmation_late(today=date(2026, 10, 8))
    assert list(late) == [application]
    report = reminders.reminders_send(today=date(2026, 10, 8))
    assert report.counts["confirm_late"] == 1
    assert any("超过确认时限" in m.body and "应于 2026-09-30 前确认" in m.body for m in mail.outbox)
    freeze(date(2026, 10, 8))
    services.application_confirm_receipt(
        actor=office.clerk, application=application, received_on=date(2026, 10, 8)
    )
    event = application.events.get(kind=EventKind.RECEIVED)
    assert "超过2个工作日的确认时限2026-09-30" in event.summary and event.data["confirm_late"] is True
    settings.GONGKAI_FOI_CONFIRM_WORKDAYS = 5
    other = services.application_submit(org=tree.eco, data=applicant_data(info_title="另一件")).application
    assert selectors.confirmation_due(other) == date(2026, 10, 14)  # Sat 10-10 is a make-up working day


def test_an_ordinary_letter_confirmed_late_is_noted(tree, office, freeze, settings):
    settings.GONGKAI_FOI_CONFIRM_WORKDAYS = 2
    freeze(date(2026, 10, 9))
    # Arrived Monday 09-28: confirm by 09-30; confirmed with the applicant on 10-09 (after the National Day week).
    late = services.application_register(
        actor=office.clerk, org=tree.eco, channel="ordinary_mail", arrived_on=date(2026, 9, 28),
        received_on=date(2026, 10, 9), data=applicant_data(),
    ).application  # fmt: skip
    assert late.received_on == date(2026, 10, 9)
    event = late.events.get(kind=EventKind.REGISTERED)
    assert "信函2026-09-28到达，确认超过2个工作日的确认时限2026-09-30" in event.summary
    assert event.data["confirm_late"] is True
    in_time = services.application_register(
        actor=office.clerk, org=tree.eco, channel="ordinary_mail", arrived_on=date(2026, 9, 28),
        received_on=date(2026, 9, 30), data=applicant_data(info_title="另一件"),
    ).application  # fmt: skip
    event = in_time.events.get(kind=EventKind.REGISTERED)
    assert "确认时限" not in event.summary and "confirm_late" not in event.data
    # Arrived 2026-12-31 with 2027 missing: the limit is unknown, nothing is claimed.
    freeze(date(2027, 1, 8))
    unknown = services.application_register(
        actor=office.clerk, org=tree.eco, channel="ordinary_mail", arrived_on=date(2026, 12, 31),
        received_on=date(2027, 1, 8), data=applicant_data(info_title="第三件"),
    ).application  # fmt: skip
    assert "确认时限" not in unknown.events.get(kind=EventKind.REGISTERED).summary


def test_an_ordinary_letter_waits_for_confirmation_and_is_reminded(tree, office, freeze, settings):
    """Registered on arrival, before the office has confirmed it with the applicant: no date received, the
    confirmation queue counts from the day it arrived, and confirming it starts the clock."""
    settings.GONGKAI_FOI_CONFIRM_WORKDAYS = 2
    office.clerk.email = "clerk@example.gov.cn"
    office.clerk.save(update_fields=["email"])
    freeze(date(2026, 9, 29))
    letter = services.application_register(
        actor=office.clerk, org=tree.eco, channel="ordinary_mail", arrived_on=date(2026, 9, 28),
        received_on=None, data=applicant_data(),
    ).application  # fmt: skip
    assert letter.status == "submitted" and letter.received_on is None and letter.due_on is None
    event = letter.events.get(kind=EventKind.REGISTERED)
    assert "平常信函2026-09-28到达，待与申请人确认" in event.summary and "2026-09-30" in event.summary
    assert event.data["awaiting_confirmation"] is True
    assert selectors.confirmation_due(letter) == date(2026, 9, 30)
    assert list(selectors.applications_confirmation_late(today=date(2026, 9, 30))) == []
    assert list(selectors.applications_confirmation_late(today=date(2026, 10, 8))) == [letter]
    report = reminders.reminders_send(today=date(2026, 10, 8))
    assert report.counts["confirm_late"] == 1
    freeze(date(2026, 10, 8))
    with pytest.raises(ValidationError) as refused:  # not before the letter arrived
        services.application_confirm_receipt(
            actor=office.clerk, application=letter, received_on=date(2026, 9, 27)
        )
    assert "不能早于2026-09-28" in str(refused.value)
    services.application_confirm_receipt(
        actor=office.clerk, application=letter, received_on=date(2026, 10, 8)
    )
    letter.refresh_from_db()
    assert letter.received_on == date(2026, 10, 8) and letter.due_on is not None
    assert letter.events.get(kind=EventKind.RECEIVED).data["confirm_late"] is True


def test_only_an_ordinary_letter_may_wait_for_confirmation(tree, office, freeze):
    freeze(date(2026, 9, 29))
    with pytest.raises(ValidationError) as refused:
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="in_person", received_on=None, data=applicant_data()
        )
    assert "请填写收到申请之日" in str(refused.value)
    with pytest.raises(ValidationError) as refused:  # a letter waiting still needs its arrival date
        services.application_register(
            actor=office.clerk, org=tree.eco, channel="ordinary_mail", received_on=None, data=applicant_data()
        )
    assert "信函到达日期" in str(refused.value)
