"""The proposers' evaluation of the answer (满意 / 基本满意 / 不满意, of attitude and result), online by a one-time
code or entered by staff from the paper form; 不满意 reopens the item with a new deadline; commitments tracked."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import get_random_string

from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.core.validation import strip_controls
from gongkai.proposals import clock, deadlines, rules
from gongkai.proposals.models import (
    Assignment,
    AssignmentRole,
    Commitment,
    CommitmentState,
    Evaluation,
    FeedbackCode,
    Proposal,
    Proposer,
    Rating,
    Reply,
    ReplyState,
    Status,
)
from gongkai.proposals.selectors import policy_for
from gongkai.proposals.services.base import _fields, _locked, _move, _require
from gongkai.workdays.calendar import CalendarMissing

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
ONLINE = System("代表委员网上评价")


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").replace(" ", "").encode()).hexdigest()


@dataclass(frozen=True)
class IssuedCode:
    proposer: Proposer
    code: str


@transaction.atomic
def feedback_codes_issue(*, actor: Actor, proposal: Proposal) -> list[IssuedCode]:
    """One code per proposer for this round, shown once (to print on the 征询意见表 or send by SMS)."""
    proposal = _locked(proposal)
    _require(rules.may_assign(actor, proposal.session.org) or bool(rules.ProposalRules(actor, proposal).answering_units()),
             "您不能为该件发放评价码。")  # fmt: skip
    if proposal.status != Status.ANSWERED:
        raise ValidationError("答复后才能发放评价码。")
    try:
        expires = deadlines.feedback_due(policy_for(proposal.body), proposal.answered_on or clock.today())
    except CalendarMissing as exc:
        raise ValidationError(f"{exc.year}年的工作日历尚未导入。") from None
    issued = []
    evaluated = set(proposal.evaluations.filter(round=proposal.round).values_list("proposer_id", flat=True))
    for proposer in proposal.proposers.exclude(pk__in=evaluated):
        FeedbackCode.objects.filter(proposer=proposer, round=proposal.round, used_on=None).update(
            used_on=clock.today()
        )  # a new code replaces an unused one
        code = get_random_string(CODE_LENGTH, CODE_ALPHABET)
        FeedbackCode.objects.create(
            proposer=proposer, round=proposal.round, code_hash=_hash(code), expires_on=expires
        )
        issued.append(IssuedCode(proposer, code))
    audit.record(actor=actor, action="proposals.feedback_codes", obj=proposal, org=proposal.session.org,
                 after={"round": proposal.round, "codes": len(issued)})  # fmt: skip
    return issued


def _check_rating(value: str, field: str) -> str:
    if value not in Rating.values:
        raise ValidationError({field: "请选择满意、基本满意或不满意。"})
    return value


def _evaluate(
    *, actor: Actor, proposer: Proposer, attitude: str, result: str, comment: str, channel: str, on: date
) -> Evaluation:
    proposal = _locked(proposer.proposal)
    if proposal.status not in (Status.ANSWERED, Status.CLOSED):
        raise ValidationError("该件尚未答复或正在重新办理，现在不能评价。")
    if proposal.evaluations.filter(proposer=proposer, round=proposal.round).exists():
        raise ValidationError("已评价过本次答复。")
    evaluation = Evaluation.objects.create(
        proposal=proposal, proposer=proposer, round=proposal.round, attitude=_check_rating(attitude, "attitude"),
        result=_check_rating(result, "result"), comment=strip_controls(comment or "")[:2000], channel=channel,
        evaluated_on=on,
    )  # fmt: skip
    audit.record(actor=actor, action="proposals.evaluate", obj=proposal, org=proposal.session.org,
                 after={"round": proposal.round, "attitude": attitude, "result": result, "channel": channel})  # fmt: skip
    if result == Rating.UNSATISFIED:
        _reopen(actor=actor, proposal=proposal, on=on)
    elif (
        not proposal.proposers.exclude(evaluations__round=proposal.round).exists()
        and proposal.status != Status.CLOSED
    ):
        _close(actor=actor, proposal=proposal, on=on)
    return evaluation


def _reopen(*, actor: Actor, proposal: Proposal, on: date) -> None:
    """不满意: the item is handled again with a new deadline; each answer so far is kept in its reply's history
    (its published version stays published)."""
    _move(proposal, Status.ASSIGNED)
    for reply in Reply.objects.filter(assignment__proposal=proposal, assignment__active=True):
        reply.history = [*reply.history, {
            "round": proposal.round, "letter_no": reply.letter_no, "text": reply.text, "class": reply.result_class,
            "sent_on": str(reply.sent_on), "catalog_item": reply.catalog_item_id,
        }]  # fmt: skip
        reply.state, reply.sent_on, reply.catalog_item = ReplyState.DRAFT, None, None
        reply.published_on, reply.publish_due_on, reply.publish_late = None, None, False
        reply.save()
        reply.cosigns.filter(valid=True).update(valid=False)
    proposal.round += 1
    proposal.due_on = deadlines.reopen_due(policy_for(proposal.body), on)
    proposal.closed_on = None
    proposal.save(update_fields=["status", "round", "due_on", "closed_on", "updated_at"])
    audit.record(actor=actor, action="proposals.reopen", obj=proposal, org=proposal.session.org,
                 after=_fields(proposal), note="代表委员不满意，重新办理")  # fmt: skip


def _close(*, actor: Actor, proposal: Proposal, on: date) -> None:
    _move(proposal, Status.CLOSED)
    proposal.closed_on = on
    proposal.save(update_fields=["status", "closed_on", "updated_at"])
    audit.record(
        actor=actor, action="proposals.close", obj=proposal, org=proposal.session.org, after=_fields(proposal)
    )


@transaction.atomic
def feedback_submit(*, code: str, attitude: str, result: str, comment: str = "") -> Evaluation:
    """The proposer's own evaluation through the portal, with the one-time code."""
    record = (
        FeedbackCode.objects.select_for_update()
        .select_related("proposer__proposal")
        .filter(code_hash=_hash(code or ""))
        .first()
    )
    today = clock.today()
    if record is None or record.used_on is not None or record.round != record.proposer.proposal.round:
        raise ValidationError({"code": "评价码不正确或已使用。"})
    if today > record.expires_on:
        raise ValidationError({"code": f"评价期限已过（{record.expires_on:%Y年%m月%d日}），请联系承办单位。"})
    evaluation = _evaluate(actor=ONLINE, proposer=record.proposer, attitude=attitude, result=result,
                           comment=comment, channel="online", on=today)  # fmt: skip
    record.used_on = today
    record.save(update_fields=["used_on", "updated_at"])
    return evaluation


@transaction.atomic
def feedback_enter(
    *, actor: Actor, proposer: Proposer, attitude: str, result: str, comment: str = "", on: date | None = None
) -> Evaluation:
    """Staff enter the evaluation from the signed paper form (征询意见表) the proposer returned."""
    _require(rules.may_assign(actor, proposer.proposal.session.org), "只有交办机构可以录入纸质评价表。")
    on = on or clock.today()
    if on > clock.today():
        raise ValidationError({"on": "评价日期不能晚于今天。"})
    return _evaluate(actor=actor, proposer=proposer, attitude=attitude, result=result, comment=comment,
                     channel="paper", on=on)  # fmt: skip


@transaction.atomic
def proposal_close(*, actor: Actor, proposal: Proposal) -> Proposal:
    """办结 by the assigning office once the answer stands (the evaluation window passed without 不满意)."""
    proposal = _locked(proposal)
    _require(rules.may_assign(actor, proposal.session.org), "只有交办机构可以办结。")
    if proposal.status != Status.ANSWERED:
        raise ValidationError("只有已答复的件可以办结。")
    if proposal.evaluations.filter(round=proposal.round, result=Rating.UNSATISFIED).exists():
        raise ValidationError("代表委员不满意的件应重新办理。")
    _close(actor=actor, proposal=proposal, on=clock.today())
    return proposal


@transaction.atomic
def commitment_add(*, actor: Actor, assignment: Assignment, text: str, due_on: date) -> Commitment:
    assignment = Assignment.objects.select_related("proposal__session", "org").get(pk=assignment.pk)
    _require(rules.may_handle(actor, assignment), "您不能为该单位登记承诺事项。")
    if assignment.role == AssignmentRole.CO:
        raise ValidationError("会办单位不直接答复代表委员，承诺事项由主办或分办单位登记。")
    text = strip_controls((text or "").strip())
    if not text or len(text) > 500:
        raise ValidationError({"text": "请填写承诺事项（不超过500字）。"})
    if assignment.proposal.status not in (Status.ASSIGNED, Status.REVIEW, Status.ANSWERED, Status.CLOSED):
        raise ValidationError("该件不能登记承诺事项。")
    commitment = Commitment.objects.create(
        proposal=assignment.proposal, org=assignment.org, text=text, due_on=due_on
    )
    audit.record(actor=actor, action="proposals.commitment_add", obj=assignment.proposal, org=assignment.org,
                 after={"text": text[:200], "due_on": str(due_on)})  # fmt: skip
    return commitment


@transaction.atomic
def commitment_settle(*, actor: Actor, commitment: Commitment, fulfilled: bool, note: str) -> Commitment:
    """Fulfilled, or dropped with the explanation given to the proposer; open ones carry over the year and term."""
    commitment = (
        Commitment.objects.select_for_update()
        .select_related("proposal__session", "org")
        .get(pk=commitment.pk)
    )
    _require(
        any(
            rules.may_handle(actor, a)
            for a in commitment.proposal.assignments.filter(org=commitment.org, active=True)
        ),
        "您不能更新该承诺事项。",
    )
    if commitment.state != CommitmentState.OPEN:
        raise ValidationError("该承诺事项已有结果。")
    note = strip_controls((note or "").strip())
    if not note:
        raise ValidationError({"note": "请写明落实情况或未能落实的原因。"})
    commitment.state = CommitmentState.FULFILLED if fulfilled else CommitmentState.DROPPED
    commitment.done_on, commitment.note = clock.today(), note[:5000]
    commitment.save()
    audit.record(actor=actor, action="proposals.commitment_settle", obj=commitment.proposal, org=commitment.org,
                 after={"state": commitment.state})  # fmt: skip
    return commitment
