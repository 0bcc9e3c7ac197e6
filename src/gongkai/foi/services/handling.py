"""Handling a case: assignment, transfer, notes, correction, consultations, extension, longer period, fees,
and recomputing due dates when the calendar changes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core import actors, audit
from gongkai.core.actors import Actor, Applicant, System
from gongkai.core.validation import required_text, strip_controls
from gongkai.foi import conf, fees, uploads, workflow
from gongkai.foi.clock import (
    CONSULTATION_REPLY_WORKDAYS,
    CORRECTION_REQUEST_WITHIN_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
)
from gongkai.foi.models import (
    Answer,
    Application,
    ApplicationFile,
    Consultation,
    ConsultationKind,
    ConsultationOpinion,
    Event,
    EventKind,
    Fee,
    FeeMethod,
    FileKind,
    LetterKind,
    Outcome,
    Status,
)
from gongkai.foi.services.intake import APPLICATION_FIELDS, _new_tracking_no
from gongkai.orgs.models import Organization
from gongkai.workdays.calendar import CalendarMissing, WorkCalendar

# --- Handling ---------------------------------------------------------------------------------------


@steps.case_step("application.assign")
def application_assign(*, actor: Actor, application: Application, handler: User | None) -> Application:
    if application.status in (Status.SUBMITTED, Status.CLOSED):
        raise ValidationError("请先确认收到申请，再分办给承办人。" if application.is_open else "申请已办结。")
    if handler is None or not handler.is_active or not workflow.may_handle(handler, application.org):
        raise ValidationError({"handler": ["承办人须为本机关政府信息公开工作机构的在岗人员。"]})
    application.handler = handler
    if application.status == Status.RECEIVED:
        steps.move(application, Status.IN_PROGRESS)
    steps.save(application, "handler")
    events.add(
        application,
        EventKind.ASSIGNED,
        actor=actor,
        on=steps.today(),
        summary=f"分办给{actors.label(handler)}",
    )
    return application


@transaction.atomic
def application_transfer(
    *, actor: Actor, application: Application, to_org: Organization, reason: str
) -> Application:
    """Send the application to the organisation that should handle it; its own receipt starts the clock.

    Returns the case at the receiving organisation: the same case when it was never received here, else the
    new case opened there while this organisation answers its own (see `_transfer_received`)."""
    application = steps.locked(application)
    workflow.require_office(actor, application.org)
    steps.require_status(application, Status.SUBMITTED, Status.RECEIVED, Status.IN_PROGRESS)
    reason = strip_controls(reason)
    if not reason:
        raise ValidationError({"reason": ["请说明转送理由。"]})
    if len(reason) > 2000:
        raise ValidationError({"reason": ["转送理由过长（最多2000字）。"]})
    if not isinstance(to_org, Organization) or not workflow.can_receive_applications(to_org):
        raise ValidationError({"to_org": ["请选择接收申请的行政机关。"]})
    if to_org.pk == application.org_id:
        raise ValidationError({"to_org": ["不能转送给本机关。"]})
    if (
        application.correction_requested_on
        or application.extension_days
        or application.consultations.exists()
        or Fee.objects.filter(application=application).exists()
        or Answer.objects.filter(application=application).exists()
    ):
        raise ValidationError(
            "该申请已进入补正、征求意见、收费、延期或答复程序，不能再转送；请依法作出答复。"
        )
    if application.received_on is None:
        return _transfer_unreceived(actor, application, to_org, reason)
    return _transfer_received(actor, application, to_org, reason)


def _transfer_unreceived(
    actor: Actor, application: Application, to_org: Organization, reason: str
) -> Application:
    """Never received here (receipt not confirmed): it is in none of this organisation's figures, so the case
    itself moves to the receiving organisation, whose own receipt starts the clock."""
    before = steps.snapshot(application)
    old_org = application.org
    events.add(
        application,
        EventKind.TRANSFERRED,
        actor=actor,
        on=steps.today(),
        summary=f"转送至{to_org.name}办理，答复期限自该机关收到申请之日起计算",
        note=reason,
        public=True,
        data={"from": old_org.credit_code, "to": to_org.credit_code},
    )
    application.org = to_org
    application.transferred_from = old_org
    application.handler = None
    application.received_on = None
    application.submitted_at = steps.now()
    steps.move(application, Status.SUBMITTED)
    steps.recompute(application)
    steps.save(application, "org", "transferred_from", "handler", "received_on", "submitted_at")
    audit.record(
        actor=actor,
        action="application.transfer",
        obj=application,
        org=old_org,
        before=before,
        after=steps.snapshot(application),
        note=f"转送至{to_org.name}",
    )
    return application


def _transfer_received(
    actor: Actor, application: Application, to_org: Organization, reason: str
) -> Application:
    """Received here, so it is in this organisation's figures: this organisation answers it (Art. 36(5):
    不掌握, naming the organ responsible, annual-report row （四）1) and closes its case on the day of the
    transfer; the receiving organisation gets a new case of its own (a new tracking number, the same query
    code), counted there from the day it confirms receipt. No year already counted changes."""
    from gongkai.orgs.selectors import current_guide

    today = steps.today()
    steps.require_open_year(application.org, today, field="to_org", label="转送日期")
    before = steps.snapshot(application)
    old_org = application.org
    forwarded = Application(
        org=to_org,
        tracking_no=_new_tracking_no(today),
        query_code_hash=application.query_code_hash,
        channel=application.channel,
        applicant_key=application.applicant_key,
        transferred_from=old_org,
        submitted_at=steps.now(),
        status=Status.SUBMITTED,
        **{name: getattr(application, name) for name in APPLICATION_FIELDS},
    )
    forwarded.save()
    for record in application.files.filter(kind__in=[FileKind.IDENTITY_PROOF, FileKind.CORRECTION]):
        ApplicationFile.objects.create(
            application=forwarded, kind=record.kind, file=record.file.name, name=record.name,
            content_type=record.content_type, size=record.size, sha256=record.sha256, public=record.public,
            uploaded_by=record.uploaded_by,
        )  # fmt: skip
    events.add(
        forwarded,
        EventKind.TRANSFERRED,
        actor=actor,
        on=today,
        summary=f"由{old_org.name}转来（原申请编号{application.tracking_no}），答复期限自本机关收到申请之日起计算",
        note=reason,
        public=True,
        data={
            "from": old_org.credit_code,
            "to": to_org.credit_code,
            "from_tracking_no": application.tracking_no,
        },
    )
    guide = current_guide(to_org)
    contact = f"（联系电话：{guide.phone}，地址：{guide.address}）" if guide and guide.phone else ""
    letter_text = (
        f"经核查，你（单位）申请公开的政府信息不属于本机关负责公开，该政府信息由{to_org.name}负责公开{contact}。"
        f"本机关已于{today.isoformat()}将你（单位）的申请转送{to_org.name}办理，新的申请编号为{forwarded.tracking_no}，"
        "查询码不变；答复期限自该机关收到申请之日起计算。" + (f"\n{reason}" if reason else "")
    )
    application.outcome = Outcome.UNAVAILABLE_NOT_HELD
    application.closed_on = today
    steps.move(application, Status.CLOSED)
    steps.save(application, "outcome", "closed_on")
    events.issue_letter(application, LetterKind.ANSWER, on=today, actor=actor, reason=letter_text)
    events.add(
        application,
        EventKind.TRANSFERRED,
        actor=actor,
        on=today,
        summary=f"不属于本机关负责公开（条例第三十六条第（五）项），已转送{to_org.name}办理，"
        f"新申请编号{forwarded.tracking_no}",
        note=reason,
        public=True,
        data={"from": old_org.credit_code, "to": to_org.credit_code, "to_tracking_no": forwarded.tracking_no,
              "outcome": Outcome.UNAVAILABLE_NOT_HELD},
    )  # fmt: skip
    audit.record(
        actor=actor,
        action="application.transfer",
        obj=application,
        org=old_org,
        before=before,
        after=steps.snapshot(application),
        note=f"转送至{to_org.name}（{forwarded.tracking_no}），本机关按“不掌握”答复",
    )
    audit.record(
        actor=actor,
        action="application.transfer_in",
        obj=forwarded,
        org=to_org,
        after=steps.snapshot(forwarded),
        note=f"由{old_org.name}转来（{application.tracking_no}）",
    )
    return forwarded


@transaction.atomic
def application_note(*, actor: Actor, application: Application, text: str) -> Event:
    workflow.require_office(actor, application.org)
    text = strip_controls(text)
    if not text:
        raise ValidationError({"text": ["请填写备注内容。"]})
    if len(text) > 5000:
        raise ValidationError({"text": ["备注过长（最多5000字）。"]})
    event = events.add(
        application, EventKind.NOTE, actor=actor, on=steps.today(), summary="内部备注", note=text
    )
    audit.record_on(application, actor=actor, action="application.note")
    return event


# --- Correction (Art. 30) ---------------------------------------------------------------------------


@steps.case_step("application.request_correction", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_request_correction(
    *,
    actor: Actor,
    application: Application,
    requested_on: date,
    items: str,
    correction_due_on: date | None = None,
) -> Application:
    """Ask the applicant, once and within 7 working days of receipt, to correct an unclear application."""
    if application.correction_requested_on:
        raise ValidationError(
            f"补正只能要求一次（条例第三十条），本申请已于{application.correction_requested_on}告知补正。"
        )
    items = strip_controls(items)
    if not items:
        raise ValidationError({"items": ["请写明需要补正的事项。"]})
    if len(items) > 5000:
        raise ValidationError({"items": ["补正事项过长（最多5000字）。"]})
    received = application.received_on
    assert received is not None  # received or in progress: the receipt is confirmed
    steps.check_date(requested_on, field="requested_on", label="告知补正日期", not_before=received)
    calendar = WorkCalendar()
    # Art. 30: within 7 working days of receipt. Counted up to the request (a year already passed, normally);
    # should that year lack a calendar, 7 calendar days are certainly within the limit.
    try:
        within = calendar.workdays_between(received, requested_on)
    except CalendarMissing as exc:
        within = (requested_on - received).days
        if within > CORRECTION_REQUEST_WITHIN_WORKDAYS:
            raise ValidationError(
                {
                    "requested_on": [
                        f"{exc.year}年工作日历尚未录入，无法核对补正是否在收到申请之日起7个工作日内告知。"
                    ]
                }
            ) from None
    if within > CORRECTION_REQUEST_WITHIN_WORKDAYS:
        last_day = calendar.add_workdays(received, CORRECTION_REQUEST_WITHIN_WORKDAYS)
        raise ValidationError(
            {
                "requested_on": [
                    f"补正应在收到申请之日起{CORRECTION_REQUEST_WITHIN_WORKDAYS}个工作日内告知（条例第三十条）："
                    f"收到申请之日为{received.isoformat()}，最迟应于{last_day.isoformat()}告知。"
                ]
            }
        )
    due_workdays = due_missing = None
    if correction_due_on is None:
        due_workdays = conf.correction_period_workdays()
        correction_due_on, due_missing = steps.workdays_after(requested_on, due_workdays, calendar)
    elif not isinstance(correction_due_on, date) or correction_due_on <= requested_on:
        raise ValidationError({"correction_due_on": ["补正期限应晚于告知补正日期。"]})
    elif correction_due_on > requested_on + timedelta(days=366):
        raise ValidationError({"correction_due_on": ["补正期限过长（不超过一年）。"]})
    application.correction_requested_on = requested_on
    application.correction_due_on = correction_due_on
    application.correction_due_workdays = due_workdays
    application.correction_due_missing_year = due_missing
    application.correction_items = items
    steps.move(application, Status.AWAITING_CORRECTION)
    steps.recompute(application, calendar)
    steps.save(
        application,
        "correction_requested_on", "correction_due_on", "correction_due_workdays", "correction_due_missing_year",
        "correction_items",
    )  # fmt: skip
    until = (
        f"请于{correction_due_on.isoformat()}前补正"
        if correction_due_on
        else f"请于{due_workdays}个工作日内补正（{due_missing}年工作日历尚未录入，日期待录入后计算）"
    )
    events.add(
        application,
        EventKind.CORRECTION_REQUESTED,
        actor=actor,
        on=requested_on,
        summary=f"告知补正，{until}；补正后答复期限重新计算",
        note=items,
        public=True,
    )
    events.issue_letter(application, LetterKind.CORRECTION, on=requested_on, actor=actor)
    return application


@steps.case_step("application.receive_correction", check=False)
def application_receive_correction(
    *, actor: Actor, application: Application, received_on: date | None = None, text: str = "",
    attachments: Iterable[Any] = (), late_reason: str = "",
) -> Application:  # fmt: skip
    """The corrected application arrives: the answer period restarts in full from this day (Art. 30).

    `actor` an `Applicant` is the applicant correcting their own case online through the query-code
    page (received today).
    """
    by_applicant = isinstance(actor, Applicant)
    if by_applicant:
        if not workflow.applicant_may_act(actor, application):
            raise PermissionDenied("您只能补正本人的申请。")
    else:
        workflow.require_office(actor, application.org)
    steps.require_status(application, Status.AWAITING_CORRECTION)
    if by_applicant:
        received_on = steps.today()
    received_on = steps.check_date(
        received_on, field="received_on", label="收到补正之日", not_before=application.correction_requested_on
    )
    text = strip_controls(text)
    if len(text) > 5000:
        raise ValidationError({"text": ["补正内容过长（最多5000字）。"]})
    if by_applicant and not text and not attachments:
        raise ValidationError({"text": ["请填写补正内容或上传补正材料。"]})
    late_reason = strip_controls(late_reason)
    if application.correction_due_on and received_on > application.correction_due_on:
        if by_applicant:
            raise ValidationError(
                f"补正期限（{application.correction_due_on}）已过，无法在线补正，请联系办理机关。"
            )
        if not late_reason:
            raise ValidationError(
                {
                    "late_reason": [
                        "补正期限已过：接受逾期补正须说明申请人的正当理由，否则请按逾期不补正办结。"
                    ]
                }
            )
    checked = uploads.check_uploads(attachments, kind=FileKind.CORRECTION)
    application.correction_received_on = received_on
    steps.move(application, steps.active_status(application))
    clock = steps.recompute(application)
    steps.save(application, "correction_received_on")
    events.create_files(application, checked, kind=FileKind.CORRECTION, actor=actor)
    due = f"，答复期限为{clock.due_on.isoformat()}" if clock.due_on else ""
    events.add(
        application,
        EventKind.CORRECTION_RECEIVED,
        actor=actor,
        on=received_on,
        summary=f"收到补正，答复期限自{received_on.isoformat()}起重新计算{due}",
        note="\n".join(t for t in (text, f"逾期补正的正当理由：{late_reason}" if late_reason else "") if t),
        public=True,
    )
    return application


# --- Consultations (Art. 32, 34) --------------------------------------------------------------------


@steps.case_step(
    "application.consult_start", note=lambda consultation: str(ConsultationKind(consultation.kind).label)
)
def application_consult_start(
    *, actor: Actor, application: Application, kind: str, party: str, started_on: date, note: str = ""
) -> Consultation:
    steps.require_status(application, Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING)
    if kind not in ConsultationKind.values:
        raise ValidationError({"kind": ["请选择征求意见的类型。"]})
    party = required_text(party, "party", 200, "请填写被征求意见的第三方或机关（最多200字）。")
    clock_start = application.correction_received_on or application.received_on
    steps.check_date(started_on, field="started_on", label="发出征求意见日期", not_before=clock_start)
    reply_due_on, missing = steps.workdays_after(started_on, CONSULTATION_REPLY_WORKDAYS)
    consultation = Consultation.objects.create(
        application=application,
        kind=kind,
        party=party,
        started_on=started_on,
        reply_due_on=reply_due_on,
        reply_due_missing_year=missing,
        note=strip_controls(note)[:5000],
    )
    if application.status != Status.CONSULTING:
        steps.move(application, Status.CONSULTING)
    steps.recompute(application)
    steps.save(application)
    label = ConsultationKind(kind).label
    events.add(
        application,
        EventKind.CONSULT_STARTED,
        actor=actor,
        on=started_on,
        summary=f"{label}，征求意见期间不计入答复期限",
        note=f"被征求意见方：{party}；"
        + (
            f"应于{reply_due_on.isoformat()}前答复"
            if reply_due_on
            else f"应自收到之日起{CONSULTATION_REPLY_WORKDAYS}个工作日内答复（{missing}年日历尚未录入，日期待录入后计算）"
        ),
        public=True,
        data={"consultation": consultation.pk},
    )
    events.issue_letter(
        application, LetterKind.CONSULTATION, on=started_on, actor=actor, consultation=consultation
    )
    return consultation


@transaction.atomic
def application_consult_end(
    *, actor: Actor, consultation: Consultation, ended_on: date, opinion: str, note: str = ""
) -> Consultation:
    application = steps.locked(consultation.application)
    workflow.require_office(actor, application.org)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if consultation.ended_on is not None:
        raise ValidationError("该征求意见已经结束。")
    steps.check_date(ended_on, field="ended_on", label="收到意见日期", not_before=consultation.started_on)
    if opinion not in ConsultationOpinion.values:
        raise ValidationError({"opinion": ["请选择征求意见的结果。"]})
    if consultation.kind == ConsultationKind.INTER_AGENCY and opinion == ConsultationOpinion.NO_REPLY:
        opinion = ConsultationOpinion.DEEMED_AGREE  # Art. 34: no answer within 15 working days
    if opinion == ConsultationOpinion.DEEMED_AGREE:
        if consultation.kind != ConsultationKind.INTER_AGENCY:
            raise ValidationError({"opinion": ["“视为同意”仅适用于征求其他机关意见（条例第三十四条）。"]})
        if consultation.reply_due_on is None or steps.today() <= consultation.reply_due_on:
            raise ValidationError(
                {"ended_on": ["被征求意见机关逾期（15个工作日）未答复的，才视为同意（条例第三十四条）。"]}
            )
        ended_on = consultation.reply_due_on
    before = steps.snapshot(application)
    consultation.ended_on = ended_on
    consultation.opinion = opinion
    consultation.note = "\n".join(t for t in (consultation.note, strip_controls(note)[:5000]) if t)
    consultation.save(update_fields=["ended_on", "opinion", "note", "updated_at"])
    if not application.consultations.filter(ended_on__isnull=True).exists():
        steps.move(application, steps.active_status(application))
    clock = steps.recompute(application)
    steps.save(application)
    due = f"，答复期限顺延至{clock.due_on.isoformat()}" if clock.due_on else ""
    events.add(
        application,
        EventKind.CONSULT_ENDED,
        actor=actor,
        on=ended_on,
        summary=f"征求意见结束{due}",
        note=f"{consultation.party}：{ConsultationOpinion(opinion).label}",
        public=True,
        data={"consultation": consultation.pk},
    )
    steps.audit(actor, "application.consult_end", application, before)
    return consultation


@transaction.atomic
def consultations_deemed_agreed(*, today: date | None = None) -> list[Consultation]:
    """Art. 34: another organ consulted that has not answered within 15 working days is deemed to agree. Each
    such consultation ends on its reply deadline with that opinion, in its own transaction (run daily)."""
    today = today or steps.today()
    lapsed = Consultation.objects.filter(
        kind=ConsultationKind.INTER_AGENCY, ended_on__isnull=True, reply_due_on__lt=today
    ).values_list("pk", flat=True)
    ended = []
    for pk in list(lapsed):
        consultation = Consultation.objects.get(pk=pk)
        assert consultation.reply_due_on is not None  # the query's
        ended.append(
            application_consult_end(
                actor=System("征求意见逾期视为同意"),
                consultation=consultation,
                ended_on=consultation.reply_due_on,
                opinion=ConsultationOpinion.DEEMED_AGREE,
                note="逾期未答复，依照条例第三十四条视为同意",
            )
        )
    return ended


@transaction.atomic
def application_third_party_notice(
    *, actor: Actor, consultation: Consultation, notified_on: date, text: str
) -> Consultation:
    """Art. 32: the organ discloses although the third party objected, because not disclosing could seriously
    harm the public interest; it tells the third party in writing what will be disclosed and why, before the
    answer. Recorded on the consultation, with the letter (not shown to the applicant)."""
    application = steps.locked(consultation.application)
    workflow.require_office(actor, application.org)
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not application.is_open:
        raise ValidationError("申请已办结。")
    if (
        consultation.kind != ConsultationKind.THIRD_PARTY
        or consultation.opinion != ConsultationOpinion.DISAGREE
    ):
        raise ValidationError(
            "只有第三方不同意公开而本机关决定公开时，才需书面告知第三方（条例第三十二条）。"
        )
    if consultation.disclosure_notice_on is not None:
        raise ValidationError(f"已于{consultation.disclosure_notice_on.isoformat()}书面告知第三方。")
    answer = Answer.objects.filter(application=application).first()
    if answer is None or answer.outcome not in (Outcome.GRANTED, Outcome.PARTIAL):
        raise ValidationError("请先保存予以公开或部分公开的答复草稿（决定公开），再告知第三方。")
    text = required_text(text, "text", 5000, "请写明决定公开的政府信息内容和理由（最多5000字）。")
    steps.check_date(
        notified_on, field="notified_on", label="告知第三方日期", not_before=consultation.ended_on
    )
    before = steps.snapshot(application)
    consultation.disclosure_notice_on = notified_on
    consultation.disclosure_notice_text = text
    consultation.save(update_fields=["disclosure_notice_on", "disclosure_notice_text", "updated_at"])
    if answer.consultation_id != consultation.pk and answer.state == "draft":
        answer.consultation = consultation
        answer.save(update_fields=["consultation", "updated_at"])
    events.add(
        application,
        EventKind.THIRD_PARTY_NOTIFIED,
        actor=actor,
        on=notified_on,
        summary=f"第三方（{consultation.party}）不同意公开，本机关决定公开，书面告知第三方（条例第三十二条）",
        note=text,
        data={"consultation": consultation.pk},
    )
    events.issue_letter(
        application, LetterKind.THIRD_PARTY_NOTICE, on=notified_on, actor=actor, consultation=consultation
    )
    steps.audit(actor, "application.third_party_notice", application, before)
    return consultation


# --- Extension (Art. 33) and longer period (Art. 35) ------------------------------------------------


@steps.case_step("application.extension_request", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_extension_request(
    *, actor: Actor, application: Application, days: int, reason: str
) -> Application:
    if application.extension_days:
        raise ValidationError("答复期限只能延长一次（条例第三十三条），本申请已经延期。")
    if application.extension_requested_days:
        raise ValidationError("已提请延期，等待工作机构负责人审批。")
    if not isinstance(days, int) or not 1 <= days <= MAX_EXTENSION_WORKDAYS:
        raise ValidationError(
            {"days": [f"延长的期限为1-{MAX_EXTENSION_WORKDAYS}个工作日（条例第三十三条）。"]}
        )
    reason = required_text(reason, "reason", 2000, "请说明延期理由（最多2000字）。")
    if application.due_on and steps.today() > application.due_on:
        raise ValidationError(f"答复期限（{application.due_on}）已过，不能再延期。")
    allowed = conf.longer_period_extension_workdays()
    if application.longer_period_days and days > allowed:
        raise ValidationError(
            {
                "days": [
                    f"已依照条例第三十五条确定答复期限为{application.longer_period_days}个工作日；按本地设定，"
                    + (f"最多只能再延期{allowed}个工作日。" if allowed else "不能再依照第三十三条延期。")
                ]
            }
        )
    application.extension_requested_days = days
    application.extension_requested_by = actor if actors.is_user(actor) else None
    application.extension_reason = reason
    steps.save(application, "extension_requested_days", "extension_requested_by", "extension_reason")
    events.add(
        application,
        EventKind.EXTENSION_REQUESTED,
        actor=actor,
        on=steps.today(),
        summary=f"提请延期{days}个工作日，待工作机构负责人审批",
        note=reason,
    )
    return application


@steps.case_step("application.extend", approval="extension", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_extend(
    *, actor: Actor, application: Application, approved_on: date, notified_on: date | None = None
) -> Application:
    """The head of the working body approves the requested extension (Art. 33: one, at most 20 working days)
    and it is notified."""
    if not application.extension_requested_days:
        raise ValidationError("没有待审批的延期申请。")
    if application.extension_days:
        raise ValidationError("答复期限只能延长一次（条例第三十三条）。")
    workflow.require_second_person(actor, application.extension_requested_by_id, "延期")
    steps.check_date(approved_on, field="approved_on", label="批准日期", not_before=application.received_on)
    notified_on = notified_on or approved_on
    steps.check_date(notified_on, field="notified_on", label="告知申请人日期", not_before=approved_on)
    if application.due_on and approved_on > application.due_on:
        raise ValidationError(
            {"approved_on": [f"延期应在答复期限（{application.due_on.isoformat()}）届满前批准。"]}
        )
    application.extension_days = application.extension_requested_days
    application.extension_approved_by = actor if actors.is_user(actor) else None
    application.extension_approved_on = approved_on
    application.extension_notified_on = notified_on
    clock = steps.recompute(application)
    steps.save(
        application,
        "extension_days", "extension_approved_by", "extension_approved_on", "extension_notified_on",
    )  # fmt: skip
    due = clock.due_on.isoformat() if clock.due_on else "（日历未录入，无法计算）"
    events.add(
        application,
        EventKind.EXTENDED,
        actor=actor,
        on=approved_on,
        summary=f"经工作机构负责人同意，答复期限延长{application.extension_days}个工作日，延至{due}",
        note=application.extension_reason,
        public=True,
        data={"days": application.extension_days, "notified_on": notified_on.isoformat()},
    )
    events.issue_letter(application, LetterKind.EXTENSION, on=notified_on, actor=actor)
    return application


@steps.case_step("application.extension_refuse", approval="extension")
def application_extension_refuse(*, actor: Actor, application: Application, note: str = "") -> Application:
    if not application.extension_requested_days or application.extension_days:
        raise ValidationError("没有待审批的延期申请。")
    workflow.require_second_person(actor, application.extension_requested_by_id, "延期")
    application.extension_requested_days = None
    application.extension_requested_by = None
    steps.save(application, "extension_requested_days", "extension_requested_by")
    events.add(
        application, EventKind.EXTENSION_REFUSED, actor=actor, on=steps.today(), summary="延期未获批准",
        note=strip_controls(note)[:2000],
    )  # fmt: skip
    return application


@steps.case_step("application.reasons_request", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_reasons_request(
    *, actor: Actor, application: Application, requested_on: date, asked: str, due_on: date
) -> Application:
    """Art. 35: the applicant's applications are unreasonably many or frequent; the organ asks for the reasons.
    The answer period keeps running; the organ then either does not handle the application (（五）4) or sets a
    longer reasonable period."""
    if application.reasons_requested_on:
        raise ValidationError(f"已于{application.reasons_requested_on.isoformat()}要求申请人说明理由。")
    asked = required_text(asked, "asked", 2000, "请写明申请的数量、频次情况和需要说明的事项（最多2000字）。")
    clock_start = application.correction_received_on or application.received_on
    steps.check_date(requested_on, field="requested_on", label="要求说明理由日期", not_before=clock_start)
    if application.due_on and requested_on > application.due_on:
        raise ValidationError(
            {"requested_on": [f"应在答复期限（{application.due_on.isoformat()}）内要求申请人说明理由。"]}
        )
    if not isinstance(due_on, date) or due_on <= requested_on:
        raise ValidationError({"due_on": ["说明理由的期限应晚于要求说明理由的日期。"]})
    if due_on > requested_on + timedelta(days=92):
        raise ValidationError({"due_on": ["说明理由的期限过长（不超过三个月）。"]})
    application.reasons_requested_on = requested_on
    application.reasons_asked = asked
    application.reasons_due_on = due_on
    steps.save(application, "reasons_requested_on", "reasons_asked", "reasons_due_on")
    events.add(
        application,
        EventKind.REASONS_REQUESTED,
        actor=actor,
        on=requested_on,
        summary=f"申请数量、频次明显超过合理范围，要求申请人于{due_on.isoformat()}前说明理由（条例第三十五条）",
        note=asked,
        public=True,
    )
    events.issue_letter(application, LetterKind.REASONS, on=requested_on, actor=actor)
    return application


@steps.case_step("application.reasons_receive", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_reasons_receive(
    *, actor: Actor, application: Application, received_on: date, text: str
) -> Application:
    """The applicant's reasons (Art. 35), as received."""
    if not application.reasons_requested_on:
        raise ValidationError("没有要求申请人说明理由。")
    if application.reasons_received_on:
        raise ValidationError(f"已于{application.reasons_received_on.isoformat()}收到申请人说明的理由。")
    text = required_text(text, "text", 5000, "请填写申请人说明的理由（最多5000字）。")
    steps.check_date(
        received_on, field="received_on", label="收到理由日期", not_before=application.reasons_requested_on
    )
    application.reasons_received_on = received_on
    application.reasons_text = text
    steps.save(application, "reasons_received_on", "reasons_text")
    events.add(
        application,
        EventKind.REASONS_RECEIVED,
        actor=actor,
        on=received_on,
        summary="收到申请人说明的理由（条例第三十五条）",
        note=text,
        public=True,
    )
    return application


@steps.case_step("application.longer_period", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_set_longer_period(
    *, actor: Actor, application: Application, days: int, reason: str, notified_on: date
) -> Application:
    """Art. 35: the applicant's reasons are reasonable but the organ cannot answer within the Art. 33 period: it
    sets a longer reasonable period (at most `GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS`) and notifies it."""
    ceiling = conf.longer_period_max_workdays()
    if not application.reasons_received_on:
        raise ValidationError("确定较长的答复期限前，须先要求申请人说明理由并登记其理由（条例第三十五条）。")
    if application.longer_period_days:
        raise ValidationError(f"已依照条例第三十五条确定答复期限为{application.longer_period_days}个工作日。")
    if not isinstance(days, int) or not 21 <= days <= ceiling:
        raise ValidationError({"days": [f"合理的答复期限应为21-{ceiling}个工作日（本地设定的上限）。"]})
    allowed = conf.longer_period_extension_workdays()
    if application.extension_days and application.extension_days > allowed:
        raise ValidationError(
            f"本申请已延期{application.extension_days}个工作日；按本地设定，第三十五条的答复期限之外"
            + (f"最多只能再延期{allowed}个工作日。" if allowed else "不能再延期，二者不能同时适用。")
        )
    reason = required_text(reason, "reason", 2000, "请说明确定较长答复期限的理由（最多2000字）。")
    steps.check_date(
        notified_on, field="notified_on", label="告知申请人日期", not_before=application.reasons_received_on
    )
    if application.due_on and notified_on > application.due_on:
        raise ValidationError(
            {"notified_on": [f"应在答复期限（{application.due_on.isoformat()}）内确定并告知较长的答复期限。"]}
        )
    application.longer_period_days = days
    application.longer_period_reason = reason
    clock = steps.recompute(application)
    steps.save(application, "longer_period_days", "longer_period_reason")
    due = clock.due_on.isoformat() if clock.due_on else "（日历未录入，无法计算）"
    events.add(
        application,
        EventKind.LONGER_PERIOD,
        actor=actor,
        on=notified_on,
        summary=f"依照条例第三十五条确定答复期限为{days}个工作日，答复期限为{due}",
        note=reason,
        public=True,
    )
    events.issue_letter(application, LetterKind.LONGER_PERIOD, on=notified_on, actor=actor)
    return application


# --- Fees (Art. 42) ---------------------------------------------------------------------------------


def monthly_ordinal(application: Application) -> int:
    """Which application this is of the same applicant to the same organisation in its calendar month."""
    received = application.received_on
    if received is None:
        raise ValidationError("申请尚未确认收到，无法计算当月件数。")
    month_start = received.replace(day=1)
    same_month = Application.objects.filter(
        applicant_key=application.applicant_key,
        org_id=application.org_id,
        received_on__gte=month_start,
        received_on__lte=received,
    )
    earlier = same_month.filter(received_on__lt=received).count()
    same_day = same_month.filter(received_on=received, pk__lte=application.pk).count()
    return earlier + same_day


def fee_quote(*, application: Application, method: str, pages: int | None = None) -> fees.FeeQuote:
    if method == FeeMethod.PER_APPLICATION:
        return fees.quote(method=method, monthly_ordinal=monthly_ordinal(application))
    if method == FeeMethod.PER_PAGE:
        if not isinstance(pages, int) or not 1 <= pages <= fees.MAX_PAGES:
            raise ValidationError({"pages": ["请填写页数（正整数）。"]})
        return fees.quote(method=method, pages=pages)
    raise ValidationError({"method": ["请选择按件或按量计收（二者不得同时适用）。"]})


@steps.case_step("application.fee_notice", note=lambda fee: f"{fee.amount}元")
def application_fee_notice(
    *, actor: Actor, application: Application, method: str, notice_on: date, pages: int | None = None
) -> Fee:
    steps.require_status(application, Status.RECEIVED, Status.IN_PROGRESS)
    if Fee.objects.filter(application=application).exists():
        raise ValidationError("本申请已发出过收费通知（同一申请只能按一种方式收费一次）。")
    quote = fee_quote(application=application, method=method, pages=pages)
    if quote.amount <= 0:
        raise ValidationError(f"按规定本申请不收费：{quote.explanation}。")
    clock_start = application.correction_received_on or application.received_on
    steps.check_date(notice_on, field="notice_on", label="收费通知日期", not_before=clock_start)
    if application.due_on and notice_on > application.due_on:
        raise ValidationError(
            {
                "notice_on": [
                    f"收费通知应在答复期限（{application.due_on.isoformat()}）内发出（国办函〔2020〕109号）；"
                    "期限已过，不能再收费。"
                ]
            }
        )
    pay_by, missing = steps.workdays_after(notice_on, conf.fee_payment_workdays())
    fee = Fee.objects.create(
        application=application,
        method=method,
        monthly_ordinal=quote.monthly_ordinal,
        pages=quote.pages,
        amount=quote.amount,
        notice_on=notice_on,
        pay_by=pay_by,
        pay_by_missing_year=missing,
    )
    steps.move(application, Status.AWAITING_PAYMENT)
    steps.recompute(application)
    steps.save(application)
    events.add(
        application,
        EventKind.FEE_NOTICE,
        actor=actor,
        on=notice_on,
        summary=f"收费通知：{quote.explanation}，"
        + (
            f"请于{pay_by.isoformat()}前缴纳"
            if pay_by
            else f"请于{conf.fee_payment_workdays()}个工作日内缴纳（{missing}年工作日历尚未录入，日期待录入后计算）"
        )
        + "；逾期未缴视为放弃申请",
        public=True,
        data={"amount": str(quote.amount), "method": method},
    )
    events.issue_letter(application, LetterKind.FEE, on=notice_on, actor=actor)
    return fee


@steps.case_step("application.fee_paid", statuses=(Status.AWAITING_PAYMENT,))
def application_fee_paid(
    *, actor: Actor, application: Application, paid_on: date, receipt_no: str = ""
) -> Fee:
    """The applicant paid: the date, and the number of the fiscal bill (财政票据) issued for the payment, which
    the year's fees in annual report part 六 are reconciled against."""
    fee = Fee.objects.select_for_update().get(application=application)
    steps.check_date(paid_on, field="paid_on", label="缴费日期", not_before=fee.notice_on)
    steps.require_open_year(application.org, paid_on, field="paid_on", label="缴费日期")  # report part 六
    if fee.pay_by and paid_on > fee.pay_by:
        raise ValidationError({"paid_on": [f"缴费期限为{fee.pay_by.isoformat()}，逾期未缴视为放弃申请。"]})
    receipt_no = strip_controls(receipt_no)
    if not re.fullmatch(r"[0-9A-Za-z（）()〔〕\-]{4,40}", receipt_no):
        raise ValidationError(
            {"receipt_no": ["请填写财政票据（非税收入票据）号码：4-40位数字或字母，可含“-”和括号。"]}
        )
    if (
        Fee.objects.filter(application__org=application.org, receipt_no=receipt_no)
        .exclude(pk=fee.pk)
        .exists()
    ):
        raise ValidationError({"receipt_no": [f"财政票据号码{receipt_no}已登记在本机关的另一笔缴费上。"]})
    fee.paid_on = paid_on
    fee.receipt_no = receipt_no
    fee.save(update_fields=["paid_on", "receipt_no", "updated_at"])
    steps.move(application, steps.active_status(application))
    clock = steps.recompute(application)
    steps.save(application)
    due = f"，答复期限顺延至{clock.due_on.isoformat()}" if clock.due_on else ""
    events.add(
        application,
        EventKind.FEE_PAID,
        actor=actor,
        on=paid_on,
        summary=f"已缴纳信息处理费{fee.amount}元（财政票据{receipt_no}）{due}",
        public=True,
    )
    return fee


@steps.case_step("application.fee_waive", statuses=(Status.AWAITING_PAYMENT,))
def application_fee_waive(*, actor: Actor, application: Application, waived_on: date, reason: str) -> Fee:
    fee = Fee.objects.select_for_update().get(application=application)
    reason = required_text(reason, "reason", 2000, "请说明减免理由（最多2000字）。")
    steps.check_date(waived_on, field="waived_on", label="减免日期", not_before=fee.notice_on)
    fee.waived = True
    fee.waived_on = waived_on
    fee.waiver_reason = reason
    fee.save(update_fields=["waived", "waived_on", "waiver_reason", "updated_at"])
    steps.move(application, steps.active_status(application))
    steps.recompute(application)
    steps.save(application)
    events.add(
        application,
        EventKind.FEE_WAIVED,
        actor=actor,
        on=waived_on,
        summary="减免信息处理费",
        note=reason,
        public=True,
    )
    return fee


# --- Calendar changes -------------------------------------------------------------------------------


def _fill_in_deadlines(application: Application, calendar: WorkCalendar) -> list[str]:
    """The record deadlines of one case that a missing calendar left open (consultation replies, the correction
    and payment periods), computed again. Returns what changed, for the case's history."""
    changes: list[str] = []
    for consultation in application.consultations.all():
        if consultation.reply_due_missing_year is None and (
            consultation.ended_on is not None or consultation.reply_due_on is None
        ):
            continue  # settled, or an old record without a deadline: history is not rewritten
        due, missing = steps.workdays_after(consultation.started_on, CONSULTATION_REPLY_WORKDAYS, calendar)
        if (due, missing) != (consultation.reply_due_on, consultation.reply_due_missing_year):
            consultation.reply_due_on, consultation.reply_due_missing_year = due, missing
            consultation.save(update_fields=["reply_due_on", "reply_due_missing_year", "updated_at"])
            if due:
                changes.append(f"征求意见（{consultation.party}）的答复期限为{due.isoformat()}")
    if (
        application.correction_due_workdays
        and application.correction_requested_on
        and (application.correction_due_missing_year or application.status == Status.AWAITING_CORRECTION)
    ):
        due, missing = steps.workdays_after(
            application.correction_requested_on, application.correction_due_workdays, calendar
        )
        if (due, missing) != (application.correction_due_on, application.correction_due_missing_year):
            application.correction_due_on, application.correction_due_missing_year = due, missing
            application.save(update_fields=["correction_due_on", "correction_due_missing_year", "updated_at"])
            if due:
                changes.append(f"补正期限为{due.isoformat()}")
    fee = Fee.objects.filter(application=application).first()
    if (
        fee is not None
        and fee.notice_on
        and (fee.pay_by_missing_year or application.status == Status.AWAITING_PAYMENT)
    ):
        due, missing = steps.workdays_after(fee.notice_on, conf.fee_payment_workdays(), calendar)
        if (due, missing) != (fee.pay_by, fee.pay_by_missing_year):
            fee.pay_by, fee.pay_by_missing_year = due, missing
            fee.save(update_fields=["pay_by", "pay_by_missing_year", "updated_at"])
            if due:
                changes.append(f"缴费期限为{due.isoformat()}")
    return changes


_RECOMPUTE = System("工作日历变更重算期限")


@transaction.atomic
def applications_recompute_due(*, years: list[int] | None = None) -> int:
    """After the calendar changed: every open case's due date, the due date of a closed case that a missing
    calendar left open (an answer after it is marked late), and every deadline of a case's records that a
    missing calendar left open (a consultation's reply, the correction and payment periods), whether the case
    is open or not. Each change is an event on the case. Returns how many cases changed."""
    calendar = WorkCalendar()
    changed = 0
    waiting = (
        Q(consultations__reply_due_missing_year__isnull=False)
        | Q(correction_due_missing_year__isnull=False)
        | Q(fee__pay_by_missing_year__isnull=False)
    )
    cases = Application.objects.filter(
        Q(received_on__isnull=False)
        & (~Q(status=Status.CLOSED) | waiting | Q(due_missing_year__isnull=False))
    ).distinct()
    for application in cases.select_related("org").prefetch_related("consultations").iterator(chunk_size=500):
        before = steps.snapshot(application)
        filled = _fill_in_deadlines(application, calendar)
        # A case closed while its due date was unknown gets it now (its clock no longer changes), so an answer
        # after it counts as late like any other.
        if application.is_open or application.due_missing_year is not None:
            steps.recompute(application, calendar)
        late = (
            not application.is_open
            and before["due_missing_year"] is not None
            and application.due_on is not None
            and application.closed_on is not None
            and application.closed_on > application.due_on
        )
        moved = (application.due_on, application.due_missing_year) != (
            before["due_on"],
            before["due_missing_year"],
        )
        if not moved and not filled:
            continue
        if moved:
            application.save(update_fields=["due_on", "due_missing_year", "updated_at"])
        if not moved:
            summary = "工作日历录入"
        elif application.due_on:
            summary = f"工作日历变更，答复期限重新计算为{application.due_on.isoformat()}"
        else:
            summary = (
                f"工作日历变更：{application.due_missing_year}年日历尚未录入，答复期限无法计算"
                if application.due_missing_year
                else "工作日历变更，答复期限重新计算"
            )
        if late and application.closed_on:
            summary += f"；于{application.closed_on.isoformat()}办结，超过答复期限"
        if filled:
            summary += "；" + "；".join(filled)
        events.add(
            application,
            EventKind.DUE_RECOMPUTED,
            actor=_RECOMPUTE,
            on=steps.today(),
            summary=summary,
            public=bool(filled) or moved,
            data={"years": years or [], **({"late": True} if late else {})},
        )
        steps.audit(_RECOMPUTE, "application.recompute_due", application, before, note=f"日历变更：{years}")
        changed += 1
    return changed
