"""Handling an application through the services: the clock rules, approvals, letters and closures."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.actors import System
from gongkai.core.models import AuditEvent
from gongkai.foi import letters, services
from gongkai.foi.models import EventKind, LetterKind, Outcome, Status
from gongkai.foi.selectors import clock_for

pytestmark = pytest.mark.django_db


def test_correction_restart_third_party_pause_and_extension_combined(register_case, office, freeze):
    # Received Mon 2026-03-02 → 20 working days would be 2026-03-30.
    application = register_case(date(2026, 3, 2))
    assert application.due_on == date(2026, 3, 30)

    # Correction asked within 7 working days; the corrected application arrives Mon 03-09: a full restart.
    freeze(date(2026, 3, 4))
    services.application_request_correction(
        actor=office.clerk,
        application=application,
        requested_on=date(2026, 3, 4),
        items="请写明资金分配方案的年度和文号",
    )
    application.refresh_from_db()
    assert application.status == Status.AWAITING_CORRECTION and application.due_on is None
    freeze(date(2026, 3, 9))
    services.application_receive_correction(
        actor=office.clerk, application=application, received_on=date(2026, 3, 9), text="2026年度"
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 7)

    # A third party is consulted Mon 03-16 and answers Fri 03-20: four working days are not counted.
    freeze(date(2026, 3, 16))
    consultation = services.application_consult_start(
        actor=office.clerk,
        application=application,
        kind="third_party",
        party="某环保科技有限公司",
        started_on=date(2026, 3, 16),
    )
    application.refresh_from_db()
    assert application.status == Status.CONSULTING and application.due_on is None
    freeze(date(2026, 3, 20))
    services.application_consult_end(
        actor=office.clerk, consultation=consultation, ended_on=date(2026, 3, 20), opinion="disagree"
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 4, 13)

    # One extension of 20 working days, requested by the clerk and approved by the office head.
    freeze(date(2026, 3, 30))
    services.application_extension_request(
        actor=office.clerk, application=application, days=20, reason="涉及第三方意见需要研究"
    )
    services.application_extend(actor=office.head, application=application, approved_on=date(2026, 3, 30))
    application.refresh_from_db()
    assert application.due_on == date(2026, 5, 13)  # across Labour Day (05-01..05-05) and Sat 05-09 worked

    chain = clock_for(application).chain
    assert chain == (
        "收到 2026-03-02 → 补正后收到 2026-03-09 → 20个工作日 → 2026-04-07 → "
        "征求第三方意见 2026-03-16至2026-03-20不计入4个工作日 → 2026-04-13 → 延期20个工作日 → 2026-05-13"
    )
    kinds = list(application.events.values_list("kind", flat=True))
    for kind in (EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED, EventKind.CONSULT_STARTED,
                 EventKind.CONSULT_ENDED, EventKind.EXTENSION_REQUESTED, EventKind.EXTENDED):  # fmt: skip
        assert kind in kinds

    # A second extension is refused: one only.
    with pytest.raises(ValidationError, match="只能延长一次"):
        services.application_extension_request(
            actor=office.clerk, application=application, days=5, reason="再延"
        )


def test_correction_only_within_seven_working_days_and_only_once(register_case, office, freeze):
    application = register_case(date(2026, 9, 18))
    freeze(date(2026, 9, 30))
    with pytest.raises(ValidationError) as exc:
        services.application_request_correction(
            actor=office.clerk, application=application, requested_on=date(2026, 9, 30), items="请明确"
        )
    assert "最迟应于2026-09-29告知" in str(exc.value)
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 9, 29), items="请明确"
    )
    services.application_receive_correction(
        actor=office.clerk, application=application, received_on=date(2026, 9, 30), text="已明确"
    )
    with pytest.raises(ValidationError, match="补正只能要求一次"):
        services.application_request_correction(
            actor=office.clerk, application=application, requested_on=date(2026, 9, 30), items="再次补正"
        )


def test_no_correction_in_time_closes_the_case_as_other_no_correction(register_case, office, freeze):
    application = register_case(date(2026, 4, 1))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 4, 1), items="请明确",
        correction_due_on=date(2026, 4, 15),
    )  # fmt: skip
    freeze(date(2026, 4, 15))
    assert services.applications_close_lapsed(today=date(2026, 4, 15)) == []
    freeze(date(2026, 4, 16))
    closed = services.applications_close_lapsed(today=date(2026, 4, 16))
    assert [a.pk for a in closed] == [application.pk]
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.outcome == Outcome.OTHER_NO_CORRECTION
    assert application.closed_on == date(2026, 4, 16)
    letter = application.letters.get(kind=LetterKind.ANSWER)
    assert "第三十条" in letters.text_of(letter.file.read())


def test_fee_notice_pauses_and_non_payment_closes_as_other_no_payment(register_case, office, freeze):
    application = register_case(date(2026, 6, 1))
    freeze(date(2026, 6, 3))
    with pytest.raises(ValidationError, match="不收费"):
        services.application_fee_notice(
            actor=office.clerk,
            application=application,
            method="per_page",
            pages=30,
            notice_on=date(2026, 6, 3),
        )
    fee = services.application_fee_notice(
        actor=office.clerk, application=application, method="per_page", pages=120, notice_on=date(2026, 6, 3)
    )
    assert fee.amount == 70 * 10 + 20 * 20
    application.refresh_from_db()
    assert application.status == Status.AWAITING_PAYMENT and application.due_on is None
    with pytest.raises(ValidationError):  # never both methods for one application
        services.application_fee_notice(
            actor=office.clerk, application=application, method="per_application", notice_on=date(2026, 6, 3)
        )
    freeze(fee.pay_by)
    assert services.applications_close_lapsed(today=fee.pay_by) == []
    after = date.fromordinal(fee.pay_by.toordinal() + 1)
    freeze(after)
    services.applications_close_lapsed(today=after)
    application.refresh_from_db()
    assert application.outcome == Outcome.OTHER_NO_PAYMENT


def test_fee_paid_resumes_the_clock_after_the_pause(register_case, office, freeze):
    application = register_case(date(2026, 6, 1))
    assert application.due_on == date(2026, 6, 30)  # Dragon Boat Festival 06-19 not counted
    freeze(date(2026, 6, 3))
    services.application_fee_notice(
        actor=office.clerk, application=application, method="per_page", pages=31, notice_on=date(2026, 6, 3)
    )
    freeze(date(2026, 6, 8))
    services.application_fee_paid(
        actor=office.clerk,
        application=application,
        paid_on=date(2026, 6, 8),
        receipt_no="21010126-0000000101",
    )
    application.refresh_from_db()
    assert application.due_on == date(2026, 7, 3)  # 06-04, 05, 08 not counted: three working days
    assert application.status == Status.RECEIVED


def test_the_answer_needs_the_office_heads_approval_and_issues_a_letter(register_case, office, freeze):
    application = register_case(date(2026, 9, 18))
    services.application_assign(actor=office.clerk, application=application, handler=office.clerk)
    services.application_answer_save_draft(
        actor=office.clerk,
        application=application,
        outcome="refused.process_info",
        facts="该方案尚在讨论中。",
    )
    services.application_answer_submit(actor=office.clerk, application=application)
    freeze(date(2026, 10, 9))
    with pytest.raises(PermissionDenied):  # the drafter cannot approve their own answer
        services.application_answer(actor=office.clerk, application=application)
    answer = services.application_answer(actor=office.head, application=application)
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert application.outcome == "refused.process_info"
    assert application.closed_on == date(2026, 10, 9)
    letter = application.letters.get(kind=LetterKind.ANSWER)
    text = letters.text_of(letter.file.read())
    assert answer.letter_no == letter.letter_no and letter.letter_no in text
    assert "第十六条第二款" in text
    assert "60日内" in text and "6个月内" in text and "甲市人民政府申请行政复议" in text
    assert "张三：" in text and "2026年10月9日" in text


def test_audit_log_never_holds_identity_numbers_or_phones(register_case, office):
    application = register_case(date(2026, 9, 18))
    services.application_assign(actor=office.clerk, application=application, handler=office.clerk)
    for event in AuditEvent.objects.all():
        blob = f"{event.object_repr} {event.before} {event.after} {event.note}"
        assert application.id_number not in blob
        assert application.phone not in blob


def test_another_organisations_office_cannot_handle_the_case(register_case, office):
    application = register_case(date(2026, 9, 18))
    with pytest.raises(PermissionDenied):
        services.application_assign(actor=office.finance, application=application, handler=office.finance)
    with pytest.raises(ValidationError):  # a handler must belong to the handling office
        services.application_assign(actor=office.clerk, application=application, handler=office.finance)


def test_transfer_restarts_at_the_receiving_organisations_receipt(register_case, office, tree, freeze):
    application = register_case(date(2026, 9, 18))
    freeze(date(2026, 9, 21))
    sent = application
    application = services.application_transfer(
        actor=office.clerk, application=application, to_org=tree.finance, reason="属财政局职责"
    )
    assert (
        application.org == tree.finance
        and application.status == Status.SUBMITTED
        and application.due_on is None
        and application.pk != sent.pk
    )
    sent.refresh_from_db()  # the sender answered: not held here, the organ responsible named (Art. 36(5))
    assert (
        sent.org == tree.eco
        and sent.outcome == "unavailable.not_held"
        and sent.closed_on == date(2026, 9, 21)
    )
    freeze(date(2026, 9, 22))
    services.application_confirm_receipt(
        actor=office.finance, application=application, received_on=date(2026, 9, 22)
    )
    application.refresh_from_db()
    assert application.received_on == date(2026, 9, 22)
    assert application.due_on == date(2026, 10, 27)


def test_calendar_change_recomputes_open_cases(register_case, office, freeze):
    from gongkai.workdays.services import Day, calendar_year_set

    application = register_case(date(2026, 12, 10))
    assert application.due_missing_year == 2027
    # The administrator enters 2027 (here: New Year's Day only) and the case gets a due date.
    calendar_year_set(actor=System("测试"), year=2027, days=[Day(date(2027, 1, 1), "holiday", "元旦")])
    application.refresh_from_db()
    assert application.due_missing_year is None
    assert application.due_on == date(2027, 1, 8)
    assert application.events.filter(kind=EventKind.DUE_RECOMPUTED).exists()


def test_remedies_feed_table_four(register_case, office, freeze):
    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 5, 6))
    with pytest.raises(ValidationError):
        services.remedy_record(
            actor=office.clerk,
            application=application,
            kind="litigation_after_reconsideration",
            filed_on=date(2026, 5, 6),
        )
    remedy = services.remedy_record(
        actor=office.clerk,
        application=application,
        kind="reconsideration",
        filed_on=date(2026, 5, 6),
        authority="甲市人民政府",
    )
    assert remedy.result == "pending" and remedy.decided_on is None
    freeze(date(2026, 6, 30))
    services.remedy_update(
        actor=office.clerk, remedy=remedy, result="corrected", decided_on=date(2026, 6, 30)
    )
    remedy.refresh_from_db()
    assert remedy.result == "corrected"
    with pytest.raises(ValidationError):
        services.remedy_update(
            actor=office.clerk, remedy=remedy, result="upheld", decided_on=date(2026, 4, 1)
        )


def test_the_applicant_corrects_their_own_case_only(register_case, office, freeze):
    """The service, not the portal page, decides who may correct: the applicant of this case or its office."""
    from gongkai.foi.workflow import Applicant

    application = register_case(date(2026, 3, 2))
    freeze(date(2026, 3, 4))
    services.application_request_correction(
        actor=office.clerk, application=application, requested_on=date(2026, 3, 4), items="请写明年度"
    )
    freeze(date(2026, 3, 5))
    with pytest.raises(PermissionDenied):
        services.application_receive_correction(
            actor=Applicant(application.pk + 1), application=application, text="2026年度"
        )
    services.application_receive_correction(
        actor=Applicant(application.pk), application=application, text="2026年度"
    )
    application.refresh_from_db()
    assert application.status == Status.RECEIVED and application.correction_received_on == date(2026, 3, 5)
    event = AuditEvent.objects.filter(action="application.receive_correction").get()
    assert event.actor is None and event.actor_label == "申请人"
