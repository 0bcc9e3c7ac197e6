"""Answering and closing: drafts, the head's approval and the answer letter, closures, delivered files."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

import gongkai.foi.services.events as events
import gongkai.foi.services.steps as steps
from gongkai.core import actors, audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import required_text, strip_controls
from gongkai.documents import services as documents_services
from gongkai.foi import uploads, workflow
from gongkai.foi.models import (
    Answer,
    AnswerState,
    Application,
    ApplicationFile,
    Consultation,
    ConsultationKind,
    ConsultationOpinion,
    EventKind,
    Fee,
    FileKind,
    LetterKind,
    Outcome,
    Status,
)

# --- Answer -----------------------------------------------------------------------------------------


def _consultation_basis(
    application: Application,
    outcome: str,
    consultation: Consultation | int | str | None,
    errors: dict[str, list[str]],
) -> Consultation | None:
    """The consultation an outcome rests on, checked against what the record shows (Art. 15, 32)."""
    ended = application.consultations.filter(ended_on__isnull=False)
    if consultation not in (None, ""):
        pk = consultation.pk if isinstance(consultation, Consultation) else consultation
        basis = ended.filter(pk=pk).first() if str(pk).isdigit() else None
        if basis is None:
            errors["consultation"] = ["请选择本申请已结束的征求意见。"]
            return None
    else:
        basis = None
    third = ended.filter(kind=ConsultationKind.THIRD_PARTY)
    if outcome == Outcome.REFUSED_THIRD_PARTY:
        if basis is None and third.count() == 1:
            basis = third.first()
        if basis is None:
            errors["consultation"] = [
                "以保护第三方合法权益不予公开，须先书面征求第三方意见并登记其意见（条例第三十二条），"
                "并选择所依据的征求意见。"
                if not third.exists()
                else "请选择所依据的第三方征求意见。"
            ]
            return None
        if basis.kind != ConsultationKind.THIRD_PARTY:
            errors["consultation"] = ["保护第三方合法权益不予公开，应依据征求第三方意见的结果。"]
        elif basis.opinion in (ConsultationOpinion.AGREE, ConsultationOpinion.DEEMED_AGREE):
            errors["outcome"] = [
                "第三方同意公开：依照条例第十五条，第三方同意公开的应当予以公开，不能以保护第三方合法权益为由不予公开。"
            ]
    elif basis is None and outcome in (Outcome.GRANTED, Outcome.PARTIAL):
        objecting = third.filter(opinion=ConsultationOpinion.DISAGREE)
        if objecting.count() == 1:
            basis = objecting.first()  # disclosing over the objection: the Art. 32 notice rests on it
    return basis


def third_party_notice_missing(application: Application, answer: Answer) -> Consultation | None:
    """The objecting third party not yet told in writing that its information will be disclosed (Art. 32).

    A full disclosure discloses every third party's information: each objecting one is told, whichever
    consultation the answer names. A partial one rests on the consultation it names."""
    if answer.outcome == Outcome.GRANTED:
        untold = list(
            application.consultations.filter(
                kind=ConsultationKind.THIRD_PARTY,
                ended_on__isnull=False,
                opinion=ConsultationOpinion.DISAGREE,
                disclosure_notice_on__isnull=True,
            ).order_by("started_on", "pk")
        )
        named = [c for c in untold if c.pk == answer.consultation_id]
        return next(iter(named or untold), None)
    basis = answer.consultation
    if (
        basis is not None
        and answer.outcome in (Outcome.GRANTED, Outcome.PARTIAL)
        and basis.opinion == ConsultationOpinion.DISAGREE
        and basis.disclosure_notice_on is None
    ):
        return basis
    return None


#: Outcomes reached by closing without an answer letter (application_close), not by answering.
CLOSING_OUTCOMES = {Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_PAYMENT, Outcome.OTHER_OTHER}


@transaction.atomic
def application_answer_save_draft(
    *,
    actor: Actor,
    application: Application,
    outcome: str,
    facts: str,
    already_disclosed: bool = False,
    referred_org_name: str = "",
    catalog_refs: str = "",
    consultation: Consultation | int | str | None = None,
    partial_reason: str = "",
) -> Answer:
    """Save the handler's draft. An outcome resting on a consultation names it (`consultation`, a Consultation
    or its pk): refusing to protect a third party (Art. 15) needs the third party's recorded answer, and cannot
    be chosen when it agreed; disclosing over its objection (Art. 32) is linked to it for the written notice."""
    application = steps.locked(application)
    workflow.require_office(actor, application.org)
    steps.require_status(
        application, Status.RECEIVED, Status.IN_PROGRESS, Status.CONSULTING, Status.AWAITING_PAYMENT
    )
    errors: dict[str, list[str]] = {}
    if outcome not in Outcome.values or outcome in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_PAYMENT):
        errors["outcome"] = ["请选择办理结果（逾期不补正、逾期不缴费由系统或“办结”操作处理）。"]
    if outcome == Outcome.NOT_HANDLED_EXCESSIVE and not (
        application.reasons_received_on
        or (application.reasons_due_on and steps.today() > application.reasons_due_on)
    ):
        errors["outcome"] = [
            "“无正当理由大量反复申请”须先要求申请人说明理由（条例第三十五条），并在收到理由或说明期限届满后决定。"
        ]
    if outcome == Outcome.UNAVAILABLE_UNCLEAR_AFTER_CORRECTION and not application.correction_received_on:
        errors["outcome"] = ["“补正后申请内容仍不明确”仅适用于已补正的申请。"]
    facts = strip_controls(facts)
    if not facts:
        errors["facts"] = ["请填写答复正文（事实与理由）。"]
    elif len(facts) > 20000:
        errors["facts"] = ["答复正文过长（最多20000字）。"]
    referred_org_name = strip_controls(referred_org_name)
    if len(referred_org_name) > 100:
        errors["referred_org_name"] = ["机关名称过长（最多100字）。"]
    catalog_refs = strip_controls(catalog_refs)
    if len(catalog_refs) > 5000:
        errors["catalog_refs"] = ["内容过长（最多5000字）。"]
    if already_disclosed and outcome != Outcome.GRANTED:
        errors["already_disclosed"] = ["“已主动公开”仅适用于予以公开。"]
    partial_reason = strip_controls(partial_reason)
    if len(partial_reason) > 5000:
        errors["partial_reason"] = ["区分处理说明过长（最多5000字）。"]
    if already_disclosed and not catalog_refs:
        errors["catalog_refs"] = ["已主动公开的，请告知获取该信息的方式和途径（索引号、标题或网址）。"]
    basis = None
    if not errors:
        basis = _consultation_basis(application, outcome, consultation, errors)
    if errors:
        raise ValidationError(errors)
    answer = Answer.objects.filter(application=application).first()
    if answer is not None and answer.state != AnswerState.DRAFT:
        raise ValidationError("答复已提交审批，不能修改。")
    answer = answer or Answer(application=application)
    answer.outcome = outcome
    answer.facts = facts
    answer.already_disclosed = bool(already_disclosed)
    answer.referred_org_name = referred_org_name
    answer.catalog_refs = catalog_refs
    answer.consultation = basis
    answer.partial_reason = partial_reason if outcome == Outcome.PARTIAL else ""
    answer.drafted_by = actor if actors.is_user(actor) else None
    answer.save()
    events.add(
        application,
        EventKind.DRAFT_SAVED,
        actor=actor,
        on=steps.today(),
        summary=f"保存答复草稿：{Outcome(outcome).label}",
    )
    audit.record_on(application, actor=actor, action="application.answer_draft", note=outcome)
    return answer


def _check_partial(application: Application, answer: Answer) -> None:
    """（二）部分公开 delivers the disclosable part: at least one redacted file, or a written reason
    (e.g. what was withheld and how the rest is provided on paper). Art. 37."""
    if answer.outcome != Outcome.PARTIAL or answer.partial_reason.strip():
        return
    if not application.files.filter(kind=FileKind.DELIVERED, redacted_from__isnull=False).exists():
        raise ValidationError(
            {
                "partial_reason": [
                    "部分公开须至少提供一份经遮盖处理的文件，或在“区分处理说明”中写明不予公开的内容、理由及提供方式。"
                ]
            }
        )


def _publish_delivered(application: Application, outcome: str) -> None:
    """What the applicant may download once answered: for a partial disclosure only the redacted copies;
    otherwise every delivered file. A file that has a redacted copy is an original: it is never public."""
    delivered = application.files.filter(kind=FileKind.DELIVERED)
    if outcome == Outcome.PARTIAL:
        delivered.filter(redacted_from__isnull=False).update(public=True)
        delivered.filter(redacted_from__isnull=True).update(public=False)
    else:
        delivered.exclude(redacted_copies__isnull=False).update(public=True)


@steps.case_step("application.answer_submit", statuses=(Status.RECEIVED, Status.IN_PROGRESS))
def application_answer_submit(*, actor: Actor, application: Application) -> Answer:
    answer = Answer.objects.select_for_update().filter(application=application).first()
    if answer is None or answer.state != AnswerState.DRAFT:
        raise ValidationError("请先保存答复草稿。")
    if application.extension_requested_days and not application.extension_days:
        raise ValidationError("延期申请尚待审批，请先审批或撤回。")
    objecting = third_party_notice_missing(application, answer)
    if objecting is not None:
        raise ValidationError(
            f"{objecting.party}不同意公开：决定公开的，须先将决定公开的政府信息内容和理由书面告知第三方（条例第三十二条）。"
        )
    _check_partial(application, answer)
    answer.state = AnswerState.PENDING
    answer.return_note = ""
    answer.save(update_fields=["state", "return_note", "updated_at"])
    if not application.handler_id and actors.is_user(actor):
        application.handler = actor
    steps.move(application, Status.PENDING_APPROVAL)
    steps.save(application, "handler")
    events.add(
        application,
        EventKind.SUBMITTED_FOR_APPROVAL,
        actor=actor,
        on=steps.today(),
        summary="答复提交工作机构负责人审批",
    )
    return answer


@steps.case_step("application.answer_return", approval="answer", statuses=(Status.PENDING_APPROVAL,))
def application_answer_return(*, actor: Actor, application: Application, note: str) -> Answer:
    answer = Answer.objects.select_for_update().get(application=application)
    workflow.require_second_person(actor, answer.drafted_by_id, "答复")
    note = required_text(note, "note", 2000, "请填写退回意见（最多2000字）。")
    answer.state = AnswerState.DRAFT
    answer.return_note = note
    answer.save(update_fields=["state", "return_note", "updated_at"])
    steps.move(application, Status.IN_PROGRESS)
    steps.save(application)
    events.add(
        application, EventKind.RETURNED, actor=actor, on=steps.today(), summary="答复退回修改", note=note
    )
    return answer


@steps.case_step("application.answer", approval="answer", note=lambda answer: answer.outcome)
def application_answer(*, actor: Actor, application: Application, answered_on: date | None = None) -> Answer:
    """The head of the working body approves the answer: the letter (告知书) is issued and the case closes with
    its outcome."""
    steps.require_status(application, Status.PENDING_APPROVAL)
    answer = Answer.objects.select_for_update().get(application=application)
    workflow.require_second_person(actor, answer.drafted_by_id, "答复")
    answered_on = answered_on or steps.today()
    steps.check_date(answered_on, field="answered_on", label="答复日期", not_before=application.received_on)
    steps.require_open_year(application.org, answered_on, field="answered_on", label="答复日期")
    _check_partial(application, answer)
    answer.state = AnswerState.APPROVED
    answer.approved_by = actor if actors.is_user(actor) else None
    answer.approved_on = answered_on
    answer.answered_on = answered_on
    answer.save(update_fields=["state", "approved_by", "approved_on", "answered_on", "updated_at"])
    letter = events.issue_letter(application, LetterKind.ANSWER, on=answered_on, actor=actor, answer=answer)
    answer.letter_no = letter.letter_no
    answer.save(update_fields=["letter_no", "updated_at"])
    _publish_delivered(application, answer.outcome)
    application.outcome = answer.outcome
    application.closed_on = answered_on
    steps.move(application, Status.CLOSED)
    steps.save(application, "outcome", "closed_on")
    late = application.due_on is not None and answered_on > application.due_on
    events.add(
        application,
        EventKind.ANSWERED,
        actor=actor,
        on=answered_on,
        summary=f"作出答复（{letter.letter_no}）：{Outcome(answer.outcome).label}"
        + ("（超过答复期限）" if late else ""),
        public=True,
        data={"outcome": answer.outcome, "late": late},
    )
    return answer


@steps.case_step("application.close", note=lambda application: application.outcome)
def application_close(
    *, actor: Actor, application: Application, outcome: str, closed_on: date, reason: str = ""
) -> Application:
    """Close without an answer letter: no correction in time, no payment in time, or withdrawn and the like."""
    if not application.is_open:
        raise ValidationError("申请已办结。")
    if outcome not in CLOSING_OUTCOMES:
        raise ValidationError(
            {"outcome": ["办结方式只能是逾期不补正、逾期不缴费或其他处理（如申请人撤回）。"]}
        )
    submitted_on = timezone.localdate(application.submitted_at) if application.submitted_at else None
    steps.check_date(
        closed_on, field="closed_on", label="办结日期", not_before=application.received_on or submitted_on
    )
    steps.require_open_year(application.org, closed_on, field="closed_on", label="办结日期")
    reason = strip_controls(reason)
    if len(reason) > 2000:
        raise ValidationError({"reason": ["说明过长（最多2000字）。"]})
    if outcome == Outcome.OTHER_NO_CORRECTION:
        if (
            application.status != Status.AWAITING_CORRECTION
            or application.correction_due_on is None
            or closed_on <= application.correction_due_on
        ):
            raise ValidationError({"outcome": ["只有补正期限届满仍未补正的申请才能按逾期不补正办结。"]})
        reason = (
            reason
            or f"申请人未在补正期限（{application.correction_due_on.isoformat()}）内补正，视为放弃申请（条例第三十条）。"
        )
    elif outcome == Outcome.OTHER_NO_PAYMENT:
        fee = Fee.objects.filter(application=application).first()
        if (
            application.status != Status.AWAITING_PAYMENT
            or fee is None
            or fee.pay_by is None
            or closed_on <= fee.pay_by
        ):
            raise ValidationError({"outcome": ["只有缴费期限届满仍未缴费的申请才能按逾期不缴费办结。"]})
        reason = reason or f"申请人未在缴费期限（{fee.pay_by.isoformat()}）内缴纳信息处理费，视为放弃申请。"
    elif not reason:
        raise ValidationError({"reason": ["请说明办结理由（如申请人撤回申请）。"]})
    if application.status == Status.PENDING_APPROVAL:
        Answer.objects.filter(application=application).update(state=AnswerState.DRAFT)
    application.consultations.filter(ended_on__isnull=True).update(
        ended_on=closed_on, opinion=ConsultationOpinion.OTHER
    )
    if application.received_on is None:
        # Closed before its receipt was confirmed (e.g. withdrawn): both sides never confirmed it (Art. 31), so
        # the organisation's first act on it is this closure. The annual report counts it as received and
        # closed on the closing day: never in an earlier year that may already be published.
        application.received_on = closed_on
    application.outcome = outcome
    application.closed_on = closed_on
    steps.move(application, Status.CLOSED)
    steps.save(application, "outcome", "closed_on", "received_on")
    events.issue_letter(application, LetterKind.ANSWER, on=closed_on, actor=actor, reason=reason)
    events.add(
        application,
        EventKind.CLOSED,
        actor=actor,
        on=closed_on,
        summary=f"办结：{Outcome(outcome).label}",
        note=reason,
        public=True,
        data={"outcome": outcome},
    )
    return application


_LAPSED = System("补正、缴费期限届满自动办结")


def applications_close_lapsed(*, today: date | None = None) -> list[Application]:
    """Close every case whose correction or payment period has run out (scheduled daily). Each in its own
    transaction, so one failure does not undo the others."""
    today = today or steps.today()
    closed = []
    lapsed_corrections = Application.objects.filter(
        status=Status.AWAITING_CORRECTION, correction_due_on__lt=today
    ).values_list("pk", flat=True)
    lapsed_fees = Application.objects.filter(
        status=Status.AWAITING_PAYMENT, fee__pay_by__lt=today
    ).values_list("pk", flat=True)
    for pks, outcome in (
        (list(lapsed_corrections), Outcome.OTHER_NO_CORRECTION),
        (list(lapsed_fees), Outcome.OTHER_NO_PAYMENT),
    ):
        for pk in pks:
            application = Application.objects.get(pk=pk)
            closed.append(
                application_close(actor=_LAPSED, application=application, outcome=outcome, closed_on=today)
            )
    return closed


# --- Files and letters ------------------------------------------------------------------------------


@transaction.atomic
def application_add_file(
    *, actor: Actor, application: Application, upload: UploadedFile, kind: str = FileKind.DELIVERED
) -> ApplicationFile:
    """Attach the information to deliver (shown to the applicant once answered) or other case material."""
    workflow.require_office(actor, application.org)
    if kind not in (FileKind.DELIVERED, FileKind.OTHER, FileKind.IDENTITY_PROOF):
        raise ValidationError({"kind": ["文件类型无效。"]})
    checked = uploads.check_uploads([upload], kind=kind, field="file")
    # Added after the answer: public at once, except under a partial disclosure, which delivers only
    # redacted copies (an upload is never one).
    public = (
        kind == FileKind.DELIVERED
        and application.status == Status.CLOSED
        and application.outcome != Outcome.PARTIAL
    )
    (record,) = events.create_files(application, checked, kind=kind, actor=actor, public=public)
    if kind == FileKind.DELIVERED:
        kind_of = {"application/pdf": "pdf"}.get(record.content_type) or record.name.rsplit(".", 1)[
            -1
        ].lower()
        documents_services.extraction_request(source=record, kind=kind_of, sha256=record.sha256)
    events.add(
        application,
        EventKind.FILE,
        actor=actor,
        on=steps.today(),
        summary=f"上传{FileKind(kind).label}：{record.name}",
    )
    audit.record_on(application, actor=actor, action="application.add_file", note=record.name)
    return record
