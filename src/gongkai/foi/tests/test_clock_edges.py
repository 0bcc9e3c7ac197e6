"""The statutory clock where the law's edges meet: late pauses, missing calendar years, year ends.

Fixed dates around 2026-12 and 2027-01. The test database has calendars 2004-2026; 2027 is missing until a
test enters it (`gongkai.testing.calendars.enter_2027`: New Year's Day, a Spring Festival week in February).
"""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from gongkai.foi import letters, reminders, services
from gongkai.foi.clock import ClockInput, ClockState, Pause, compute
from gongkai.foi.models import Consultation, EventKind, Fee, LetterKind, Status
from gongkai.foi.selectors import (
    applications_missing_calendar,
    applications_overdue,
    clock_for,
    missing_calendar_year,
)
from gongkai.testing.calendars import enter_2027
from gongkai.workdays.models import CalendarYear

pytestmark = pytest.mark.django_db


def test_the_test_database_has_2026_and_not_2027():
    years = set(CalendarYear.objects.values_list("year", flat=True))
    assert {2004, 2026} <= years and 2027 not in years


# --- 1. A pause that starts after the due date -------------------------------------------------------


def test_a_consultation_begun_after_the_due_date_does_not_revive_an_overdue_case(
    register_case, office, freeze
):
    application = register_case(date(2026, 3, 2))
    assert application.due_on == date(2026, 3, 30)
    freeze(date(2026, 4, 10))
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司",
        started_on=date(2026, 4, 10),
    )  # fmt: skip
    application.refresh_from_db()
    # Still due 03-30 and in the overdue queue while the (late) consultation runs.
    assert application.status == Status.CONSULTING
    assert application.due_on == date(2026, 3, 30)
    assert application in applications_overdue(today=date(2026, 4, 10))
    freeze(date(2026, 4, 17))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2026, 4, 17), opinion="agree"
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 3, 30)  # not 04-07
    clock = clock_for(application)
    assert clock.due_on == date(2026, 3, 30)
    assert clock.chain == (
        "收到 2026-03-02 → 20个工作日 → 2026-03-30 → "
        "征求第三方意见 2026-04-10起（已超过答复期限2026-03-30，不暂停计算）"
    )
    # Its lateness counts: answered on 04-20, three weeks late.
    services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome="granted", facts="予以公开。"
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 4, 20))
    services.application_answer(actor=office.head, application=application)
    answered = application.events.get(kind=EventKind.ANSWERED)
    assert answered.data["late"] is True and "超过答复期限" in answered.summary


def test_a_fee_pause_after_the_due_date_is_not_counted():
    # Received 2026-03-02, due 03-30; a fee notice 04-10 paid 04-20 would move it to 04-08.
    clock = compute(
        ClockInput(
            received_on=date(2026, 3, 2),
            pauses=(Pause("收费通知至缴费", date(2026, 4, 10), date(2026, 4, 20)),),
        )
    )
    assert clock.due_on == date(2026, 3, 30)
    assert "不暂停计算" in clock.chain
    open_late = compute(
        ClockInput(received_on=date(2026, 3, 2), pauses=(Pause("收费通知至缴费", date(2026, 4, 10), None),))
    )
    assert open_late.state == ClockState.RUNNING and open_late.due_on == date(2026, 3, 30)


def test_a_pause_begun_on_the_due_date_still_counts():
    clock = compute(
        ClockInput(
            received_on=date(2026, 3, 2),
            pauses=(Pause("征求第三方意见", date(2026, 3, 30), date(2026, 4, 1)),),
        )
    )
    assert clock.due_on == date(2026, 4, 1)  # 03-31 and 04-01 not counted


def _extended(register_case, office, freeze):
    """Received 2026-03-02, due 03-30; extended by 20 working days on 03-25 (approved by the head): 04-28."""
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 25))
    services.application_extension_request(
        actor=office.clerk, application=application, days=20, reason="需要调取档案。"
    )
    services.application_extend(actor=office.head, application=application, approved_on=date(2026, 3, 25))
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 28)
    return application


def test_a_pause_within_the_extended_period_still_stops_the_clock(register_case, office, freeze):
    # The same consultation 04-10 .. 04-17 as above, but the case was extended: its clock still runs on 04-10.
    application = _extended(register_case, office, freeze)
    freeze(date(2026, 4, 10))
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司",
        started_on=date(2026, 4, 10),
    )  # fmt: skip
    application.refresh_from_db()
    assert application.due_on is None and clock_for(application).state == ClockState.PAUSED
    assert application not in applications_overdue(today=date(2026, 4, 29))
    freeze(date(2026, 4, 17))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2026, 4, 17), opinion="agree"
    )
    application.refresh_from_db()
    # 04-28 + the 5 working days consulted (04-13 .. 04-17); 05-01 .. 05-05 are holidays.
    assert application.due_on == date(2026, 5, 8)
    assert clock_for(application).chain == (
        "收到 2026-03-02 → 20个工作日 → 2026-03-30 → 延期20个工作日 → 2026-04-28 → "
        "征求第三方意见 2026-04-10至2026-04-17不计入5个工作日 → 2026-05-08"
    )


def test_a_fee_notice_within_the_extended_period_pauses_it(register_case, office, freeze):
    application = _extended(register_case, office, freeze)
    freeze(date(2026, 4, 10))
    services.application_fee_notice(
        actor=office.clerk, application=application, method="per_page", pages=40, notice_on=date(2026, 4, 10)
    )
    freeze(date(2026, 4, 20))
    services.application_fee_paid(
        actor=office.clerk,
        application=application,
        paid_on=date(2026, 4, 20),
        receipt_no="21010126-0000000102",
    )
    application.refresh_from_db()
    # 04-28 + 6 working days (04-13 .. 04-20): 05-09 is a make-up working Saturday.
    assert application.due_on == date(2026, 5, 9)


def test_a_pause_after_the_extended_due_date_does_not_revive_the_case(register_case, office, freeze):
    application = _extended(register_case, office, freeze)
    freeze(date(2026, 5, 6))
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司",
        started_on=date(2026, 5, 6),
    )  # fmt: skip
    freeze(date(2026, 5, 8))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2026, 5, 8), opinion="agree"
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 28)
    assert clock_for(application).chain == (
        "收到 2026-03-02 → 20个工作日 → 2026-03-30 → 延期20个工作日 → 2026-04-28 → "
        "征求第三方意见 2026-05-06起（已超过答复期限2026-04-28，不暂停计算）"
    )


def test_a_fee_notice_is_refused_after_the_answer_period(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 4, 10))
    with pytest.raises(ValidationError) as exc:
        services.application_fee_notice(
            actor=office.clerk,
            application=application,
            method="per_page",
            pages=40,
            notice_on=date(2026, 4, 10),
        )
    assert "答复期限（2026-03-30）内发出" in str(exc.value)
    assert not Fee.objects.filter(application=application).exists()


# --- 2. The consultation's 15-working-day cap across a missing year ------------------------------------


def _consulting(register_case, office, freeze):
    application = register_case(date(2026, 12, 1))
    assert application.due_on == date(2026, 12, 29)
    freeze(date(2026, 12, 15))
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司",
        started_on=date(2026, 12, 15),
    )  # fmt: skip
    return application, consultation


def test_a_consultation_reply_deadline_in_a_missing_year_is_stored_open(register_case, office, freeze):
    application, consultation = _consulting(register_case, office, freeze)
    assert consultation.reply_due_on is None and consultation.reply_due_missing_year == 2027
    event = application.events.get(kind=EventKind.CONSULT_STARTED)
    assert "2027年日历尚未录入" in event.note
    letter = letters.text_of(application.letters.get(kind=LetterKind.CONSULTATION).file.read())
    assert "自收到本函之日起15个工作日内" in letter


def test_the_reply_deadline_is_filled_in_when_the_year_arrives(register_case, office, freeze):
    application, consultation = _consulting(register_case, office, freeze)
    enter_2027()
    consultation.refresh_from_db()
    assert consultation.reply_due_on == date(2027, 1, 6) and consultation.reply_due_missing_year is None
    event = application.events.filter(kind=EventKind.DUE_RECOMPUTED).get()
    assert "答复期限为2027-01-06" in event.summary


def test_a_late_reply_across_the_missing_year_is_capped_once_the_year_arrives(register_case, office, freeze):
    application, consultation = _consulting(register_case, office, freeze)
    freeze(date(2027, 3, 1))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2027, 3, 1), opinion="disagree"
    )
    application.refresh_from_db()
    assert application.due_on is None and application.due_missing_year == 2027
    assert clock_for(application).state == ClockState.MISSING_CALENDAR
    assert "2027年日历未录入，无法计算" in clock_for(application).chain
    enter_2027()
    application.refresh_from_db()
    # 12-29 + the 15 working days the consultation could count (12-16 .. 01-06), not the whole 2½ months.
    assert application.due_on == date(2027, 1, 20) and application.due_missing_year is None
    clock = clock_for(application)
    assert clock.chain == (
        "收到 2026-12-01 → 20个工作日 → 2026-12-29 → "
        "征求第三方意见 2026-12-15至2027-01-06不计入15个工作日 → 2027-01-20"
    )
    assert any("计入答复期限" in step.note for step in clock.steps)


def test_a_case_answered_while_its_due_date_was_unknown_gets_it_and_its_lateness(
    register_case, office, freeze
):
    # Received 2026-12-15: 20 working days reach 2027, which is missing; answered 2027-01-20 meanwhile.
    application = register_case(date(2026, 12, 15))
    assert application.due_on is None and application.due_missing_year == 2027
    on_time = register_case(date(2026, 12, 16))
    for case in (application, on_time):
        services.application_answer_save_draft(
            actor=office.clerk, application=case, outcome="granted", facts="予以公开。"
        )
        services.application_answer_submit(actor=office.clerk, application=case)
    freeze(date(2027, 1, 14))
    services.application_answer(actor=office.head, application=on_time)
    freeze(date(2027, 1, 20))
    services.application_answer(actor=office.head, application=application)
    answered = application.events.get(kind=EventKind.ANSWERED)
    assert answered.data["late"] is False  # unknown then, never guessed
    enter_2027()
    application.refresh_from_db()
    on_time.refresh_from_db()
    assert application.due_on == date(2027, 1, 13) and application.due_missing_year is None
    assert application.status == Status.CLOSED and application.closed_on == date(2027, 1, 20)
    event = application.events.get(kind=EventKind.DUE_RECOMPUTED)
    assert (
        "答复期限重新计算为2027-01-13" in event.summary and "于2027-01-20办结，超过答复期限" in event.summary
    )
    assert event.data["late"] is True
    assert on_time.due_on == date(2027, 1, 14)
    assert "超过答复期限" not in on_time.events.get(kind=EventKind.DUE_RECOMPUTED).summary


def test_a_late_consultation_in_the_missing_year_keeps_the_case_overdue(register_case, office, freeze):
    # Received 2026-11-16, due 12-14; a consultation sent 2027-01-05 (2027 missing) and answered 01-08 is late:
    # its 15-working-day cap (unknowable without 2027) does not matter, the case stays due 12-14 and overdue.
    application = register_case(date(2026, 11, 16))
    assert application.due_on == date(2026, 12, 14)
    freeze(date(2027, 1, 5))
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司",
        started_on=date(2027, 1, 5),
    )  # fmt: skip
    application.refresh_from_db()
    assert application.due_on == date(2026, 12, 14) and application.due_missing_year is None
    assert application in applications_overdue(today=date(2027, 1, 5))
    freeze(date(2027, 1, 8))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2027, 1, 8), opinion="agree"
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 12, 14) and application.due_missing_year is None
    assert clock_for(application).chain == (
        "收到 2026-11-16 → 20个工作日 → 2026-12-14 → "
        "征求第三方意见 2027-01-05起（已超过答复期限2026-12-14，不暂停计算）"
    )


def test_open_deadlines_in_the_missing_year_are_queued_until_it_arrives(register_case, office, freeze):
    consulting, _consultation = _consulting(register_case, office, freeze)  # reply due in 2027
    paying = register_case(date(2026, 12, 1))
    freeze(date(2026, 12, 10))
    services.application_fee_notice(
        actor=office.clerk, application=paying, method="per_page", pages=40, notice_on=date(2026, 12, 10)
    )
    correcting = register_case(date(2026, 12, 22))
    freeze(date(2026, 12, 29))
    services.application_request_correction(
        actor=office.clerk, application=correcting, requested_on=date(2026, 12, 29), items="请写明文件名称"
    )
    running = register_case(date(2026, 12, 15))  # due in 2027
    queued = set(applications_missing_calendar().values_list("pk", flat=True))
    assert queued == {consulting.pk, paying.pk, correcting.pk, running.pk}
    assert {missing_calendar_year(a) for a in applications_missing_calendar()} == {2027}
    office.clerk.email = "clerk@example.gov.cn"
    office.clerk.save()
    report = reminders.reminders_send(today=date(2026, 12, 29))
    assert report.counts["missing_calendar"] == 4
    [body] = [m.body for m in mail.outbox]
    assert "【期限无法计算（工作日历未录入）】4件" in body
    assert consulting.tracking_no in body and "None年" not in body and body.count("2027年工作日历未录入") == 4
    enter_2027()
    assert not applications_missing_calendar().exists()


# --- 3. Legal steps in late December -----------------------------------------------------------------


def test_a_correction_request_on_december_29_is_recorded_with_an_open_deadline(register_case, office, freeze):
    application = register_case(date(2026, 12, 22))
    freeze(date(2026, 12, 29))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 12, 29), items="请写明文件名称"
    )
    application.refresh_from_db()
    assert application.status == Status.AWAITING_CORRECTION
    assert application.correction_due_on is None and application.correction_due_missing_year == 2027
    assert application.correction_due_workdays == 15
    letter = letters.text_of(application.letters.get(kind=LetterKind.CORRECTION).file.read())
    assert "自收到本告知书之日起15个工作日内" in letter
    # Nothing lapses while the period is unknown.
    assert services.applications_close_lapsed(today=date(2027, 3, 1)) == []
    enter_2027()
    application.refresh_from_db()
    assert (
        application.correction_due_on == date(2027, 1, 20) and application.correction_due_missing_year is None
    )
    freeze(date(2027, 1, 21))
    assert [a.pk for a in services.applications_close_lapsed(today=date(2027, 1, 21))] == [application.pk]


def test_a_fee_notice_on_december_10_is_recorded_with_an_open_payment_deadline(register_case, office, freeze):
    application = register_case(date(2026, 12, 1))
    freeze(date(2026, 12, 10))
    fee = services.application_fee_notice(
        actor=office.clerk, application=application, method="per_page", pages=40, notice_on=date(2026, 12, 10)
    )
    assert fee.pay_by is None and fee.pay_by_missing_year == 2027
    letter = letters.text_of(application.letters.get(kind=LetterKind.FEE).file.read())
    assert "请自收到本通知之日起20个工作日内缴纳" in letter
    enter_2027()
    fee.refresh_from_db()
    assert fee.pay_by == date(2027, 1, 8) and fee.pay_by_missing_year is None
    assert "缴费期限为2027-01-08" in application.events.get(kind=EventKind.DUE_RECOMPUTED).summary


def test_a_correction_seven_working_days_check_when_the_year_is_missing(register_case, office, freeze):
    # Received 2026-12-28; on 2027-01-04 (2027 missing) a request 7 calendar days later is certainly in time.
    application = register_case(date(2026, 12, 28))
    freeze(date(2027, 1, 4))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2027, 1, 4), items="请写明文件名称"
    )
    other = register_case(date(2026, 12, 24))
    freeze(date(2027, 1, 5))
    with pytest.raises(ValidationError) as exc:
        services.application_request_correction(
            actor=office.clerk, application=other, requested_on=date(2027, 1, 5), items="请写明文件名称"
        )
    assert "2027年工作日历尚未录入" in str(exc.value)


# --- 4. The third-party refusal states only what the record shows --------------------------------------


def _draft(application, office, outcome="refused.third_party", **extra):
    return services.application_answer_save_draft(
        actor=office.clerk, application=application, outcome=outcome, facts="涉及商业秘密。", **extra
    )


def _consulted(application, office, opinion, on=date(2026, 3, 9)):
    consultation = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="某某公司", started_on=on
    )
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=on, opinion=opinion
    )
    return consultation


def test_a_third_party_refusal_needs_a_recorded_consultation(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    with pytest.raises(ValidationError) as exc:
        _draft(application, office)
    assert "consultation" in exc.value.message_dict


def test_a_third_party_that_agreed_means_disclosure(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 9))
    _consulted(application, office, "agree")
    with pytest.raises(ValidationError) as exc:
        _draft(application, office)
    assert "第十五条" in exc.value.message_dict["outcome"][0]


def test_the_refusal_letter_states_the_recorded_answer(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 9))
    consultation = _consulted(application, office, "no_reply")
    answer = _draft(application, office)
    assert answer.consultation_id == consultation.pk
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 3, 12))
    services.application_answer(actor=office.head, application=application)
    text = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    assert "2026年3月9日依照《中华人民共和国政府信息公开条例》第三十二条的规定书面征求了第三方的意见" in text
    assert "第三方在规定期限内未提出意见" in text
    assert "不同意公开" not in text


# --- Art. 32: disclosing over the third party's objection ------------------------------------------------


def test_disclosing_over_an_objection_needs_the_written_notice_first(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 9))
    consultation = _consulted(application, office, "disagree")
    answer = _draft(application, office, outcome="granted")
    assert answer.consultation_id == consultation.pk
    with pytest.raises(ValidationError) as exc:
        services.application_answer_submit(actor=office.clerk, application=application)
    assert "第三十二条" in str(exc.value)
    freeze(date(2026, 3, 10))
    services.application_third_party_notice(
        actor=office.clerk, consultation=consultation, notified_on=date(2026, 3, 10),
        text="公开该项目的环境影响评价结论；理由：涉及公众健康，不公开可能对公共利益造成重大影响。",
    )  # fmt: skip
    notice = application.letters.get(kind=LetterKind.THIRD_PARTY_NOTICE)
    assert not notice.public
    text = letters.text_of(notice.file.read())
    assert text.startswith("甲市生态环境局") and "某某公司：" in text and "第十五条、第三十二条" in text
    assert "60日内" in text
    assert application.events.filter(kind=EventKind.THIRD_PARTY_NOTIFIED).exists()
    services.application_answer_submit(actor=office.clerk, application=application)
    services.application_answer(actor=office.head, application=application)
    answer_text = letters.text_of(application.letters.get(kind=LetterKind.ANSWER).file.read())
    assert "第三方于2026年3月9日答复不同意公开" in answer_text
    assert "已于2026年3月10日将决定公开的政府信息内容和理由书面告知第三方" in answer_text
    with pytest.raises(ValidationError):
        services.application_third_party_notice(
            actor=office.clerk, consultation=consultation, notified_on=date(2026, 3, 10), text="再次"
        )


def test_full_disclosure_over_two_objections_notifies_each_third_party(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 9))
    first = _consulted(application, office, "disagree")
    second = services.application_consult_start(
        actor=office.clerk, application=application, kind="third_party", party="另一公司",
        started_on=date(2026, 3, 9),
    )  # fmt: skip
    services.application_consult_end(
        actor=office.clerk, consultation=second, ended_on=date(2026, 3, 9), opinion="disagree"
    )
    answer = _draft(application, office, outcome="granted")
    assert answer.consultation_id is None  # two objections: none is the single basis
    with pytest.raises(ValidationError) as exc:
        services.application_answer_submit(actor=office.clerk, application=application)
    assert "某某公司不同意公开" in str(exc.value) and "第三十二条" in str(exc.value)
    freeze(date(2026, 3, 10))
    services.application_third_party_notice(
        actor=office.clerk,
        consultation=first,
        notified_on=date(2026, 3, 10),
        text="公开全部内容；理由：涉及公共利益。",
    )
    with pytest.raises(ValidationError) as exc:
        services.application_answer_submit(actor=office.clerk, application=application)
    assert "另一公司不同意公开" in str(exc.value)
    services.application_third_party_notice(
        actor=office.clerk,
        consultation=second,
        notified_on=date(2026, 3, 10),
        text="公开全部内容；理由：涉及公共利益。",
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    application.refresh_from_db()
    assert application.status == Status.PENDING_APPROVAL


# --- Art. 34: an organ that does not answer is deemed to agree -----------------------------------------


def test_an_organ_that_does_not_answer_in_15_working_days_is_deemed_to_agree(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 3))
    consultation = services.application_consult_start(
        actor=office.clerk,
        application=application,
        kind="inter_agency",
        party="市财政局",
        started_on=date(2026, 3, 3),
    )
    assert consultation.reply_due_on == date(2026, 3, 24)
    freeze(date(2026, 3, 24))
    assert services.consultations_deemed_agreed(today=date(2026, 3, 24)) == []
    freeze(date(2026, 3, 25))
    [_ended] = services.consultations_deemed_agreed(today=date(2026, 3, 25))
    consultation.refresh_from_db()
    assert consultation.opinion == "deemed_agree" and consultation.ended_on == date(2026, 3, 24)
    application.refresh_from_db()
    assert application.status == Status.RECEIVED
    assert application.due_on == date(2026, 4, 21)  # 03-30 + the 15 working days consulted
    assert "视为同意" in application.events.filter(kind=EventKind.CONSULT_ENDED).get().note


def test_deemed_agreement_is_only_for_organs_and_only_after_the_deadline(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 3))
    third = services.application_consult_start(
        actor=office.clerk,
        application=application,
        kind="third_party",
        party="某某公司",
        started_on=date(2026, 3, 3),
    )
    organ = services.application_consult_start(
        actor=office.clerk,
        application=application,
        kind="inter_agency",
        party="市财政局",
        started_on=date(2026, 3, 3),
    )
    freeze(date(2026, 3, 10))
    with pytest.raises(ValidationError):
        services.application_consult_end(
            actor=office.clerk, consultation=third, ended_on=date(2026, 3, 10), opinion="deemed_agree"
        )
    with pytest.raises(ValidationError):
        services.application_consult_end(
            actor=office.clerk, consultation=organ, ended_on=date(2026, 3, 10), opinion="no_reply"
        )
    assert not Consultation.objects.filter(ended_on__isnull=False).exists()


# --- Fees: the fiscal bill ------------------------------------------------------------------------------


def test_a_payment_records_the_fiscal_bill_number_once_per_organisation(register_case, office, freeze):
    first, second = register_case(date(2026, 6, 1)), register_case(date(2026, 6, 1))
    freeze(date(2026, 6, 3))
    for application in (first, second):
        services.application_fee_notice(
            actor=office.clerk,
            application=application,
            method="per_page",
            pages=31,
            notice_on=date(2026, 6, 3),
        )
    freeze(date(2026, 6, 8))
    with pytest.raises(ValidationError) as exc:
        services.application_fee_paid(actor=office.clerk, application=first, paid_on=date(2026, 6, 8))
    assert "receipt_no" in exc.value.message_dict
    services.application_fee_paid(
        actor=office.clerk, application=first, paid_on=date(2026, 6, 8), receipt_no="21010126-0000000101"
    )
    with pytest.raises(ValidationError) as exc:
        services.application_fee_paid(
            actor=office.clerk, application=second, paid_on=date(2026, 6, 8), receipt_no="21010126-0000000101"
        )
    assert "已登记" in exc.value.message_dict["receipt_no"][0]
    assert first.fee.receipt_no == "21010126-0000000101" or Fee.objects.get(application=first).receipt_no
    assert "财政票据21010126-0000000101" in first.events.get(kind=EventKind.FEE_PAID).summary


# --- The explanation: a restart, then a pause across the missing year ----------------------------------


def test_the_explanation_after_a_restart_and_a_pause_across_the_year_end(register_case, office, freeze):
    application = register_case(date(2026, 11, 30))
    freeze(date(2026, 12, 2))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 12, 2), items="请写明文件名称"
    )
    freeze(date(2026, 12, 4))
    services.application_receive_correction(
        actor=office.clerk, application=application, received_on=date(2026, 12, 4)
    )
    application.refresh_from_db()
    assert application.due_on is None and application.due_missing_year == 2027  # 12-04 + 20 reaches 2027
    freeze(date(2026, 12, 7))
    consultation = services.application_consult_start(
        actor=office.clerk,
        application=application,
        kind="inter_agency",
        party="市财政局",
        started_on=date(2026, 12, 7),
    )
    freeze(date(2026, 12, 11))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2026, 12, 11), opinion="agree"
    )
    assert clock_for(application).chain == (
        "收到 2026-11-30 → 补正后收到 2026-12-04 → 20个工作日 → 2027年日历未录入，无法计算"
    )
    enter_2027()
    application.refresh_from_db()
    assert application.due_on == date(2027, 1, 8)
    assert clock_for(application).chain == (
        "收到 2026-11-30 → 补正后收到 2026-12-04 → 20个工作日 → 2027-01-04 → "
        "征求其他机关意见 2026-12-07至2026-12-11不计入4个工作日 → 2027-01-08"
    )


def test_the_api_shows_open_deadlines_and_their_filling_in(register_case, office, freeze, client):
    application, _consultation = _consulting(register_case, office, freeze)
    client.force_login(office.clerk)
    body = client.get(f"/api/v1/foi/cases/{application.tracking_no}").json()
    assert body["consultations"][0]["reply_due_on"] is None
    assert body["consultations"][0]["reply_due_missing_year"] == 2027
    enter_2027()
    body = client.get(f"/api/v1/foi/cases/{application.tracking_no}").json()
    assert body["consultations"][0]["reply_due_on"] == "2027-01-06"
    events = client.get(f"/api/v1/foi/cases/{application.tracking_no}/events").json()
    assert any("答复期限为2027-01-06" in e["summary"] for e in events["items"])
