"""Handling: contacts with the proposers, the reply, co-signing, the head's signature."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.core.validation import strip_controls
from gongkai.proposals import clock, rules
from gongkai.proposals.models import (
    Assignment,
    AssignmentRole,
    Contact,
    ContactMethod,
    ContactStage,
    CoSign,
    Proposal,
    Reply,
    ReplyDisclosure,
    ReplyState,
    ResultClass,
    Status,
)
from gongkai.proposals.selectors import policy_for
from gongkai.proposals.services.base import _fields, _locked, _move, _require
from gongkai.proposals.services.publication import check_disclosure, set_publish_due

# --- Handling: contacts with the proposers, the reply, co-signing, the head's signature ---------------------


def _handled(actor: Actor, assignment: Assignment) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update()
        .select_related("proposal__session", "org")
        .get(pk=assignment.pk)
    )
    _require(rules.may_handle(actor, assignment), "您不能办理该单位承办的件。")
    return assignment


@transaction.atomic
def contact_record(
    *,
    actor: Actor,
    assignment: Assignment,
    stage: str,
    method: str,
    happened_on: date,
    delegates: str,
    note: str = "",
    signed: bool = False,
) -> Contact:
    """办前面商 / 办中沟通 / 办后回访 with the proposers: the source of 见面率 and 走访率."""
    assignment = _handled(actor, assignment)
    proposal = assignment.proposal
    if proposal.status not in (Status.ASSIGNED, Status.REVIEW, Status.ANSWERED):
        raise ValidationError("该件不在办理中，不能登记沟通情况。")
    if stage not in ContactStage.values or method not in ContactMethod.values:
        raise ValidationError("请选择沟通阶段和方式。")
    if happened_on > clock.today() or happened_on < assignment.assigned_on:
        raise ValidationError({"happened_on": "沟通日期应在交办之后、不晚于今天。"})
    delegates = strip_controls((delegates or "").strip())
    if not delegates or len(delegates) > 200:
        raise ValidationError({"delegates": "请填写参加的代表委员（不超过200字）。"})
    contact = Contact.objects.create(
        proposal=proposal, org=assignment.org, stage=stage, method=method, happened_on=happened_on,
        delegates=delegates, note=strip_controls(note or "")[:5000], signed=signed,
    )  # fmt: skip
    audit.record(
        actor=actor, action="proposals.contact", obj=proposal, org=assignment.org,
        after={"stage": stage, "method": method, "on": str(happened_on)},
    )  # fmt: skip
    return contact


def result_classes(body: str) -> list[ResultClass]:
    """The classes of the scheme the body's policy uses."""
    return list(ResultClass.objects.filter(scheme=policy_for(body).class_scheme))


def _check_class(proposal: Proposal, code: str) -> str:
    codes = [c.code for c in result_classes(proposal.body)]
    if code not in codes:
        raise ValidationError({"result_class": f"请选择答复分类（{'/'.join(codes)}）。"})
    return code


_REPLY_LIMITS = {"letter_no": ("文号", 60), "signer": ("签发人", 30), "contact_person": ("联系人", 30),
                 "contact_phone": ("联系电话", 30), "text": ("答复正文", 50000)}  # fmt: skip


@transaction.atomic
def reply_draft(
    *,
    actor: Actor,
    assignment: Assignment,
    letter_no: str,
    signer: str,
    text: str,
    contact_person: str,
    contact_phone: str,
    result_class: str,
    disclosure: str = ReplyDisclosure.FULL,
    disclosure_reason: str = "",
    summary: str = "",
) -> Reply:
    """The lead's (or a split unit's) reply, drafted or redrafted; a changed draft needs the co-signatures again."""
    assignment = _handled(actor, assignment)
    proposal = assignment.proposal
    if assignment.role == AssignmentRole.CO:
        raise ValidationError("会办单位不直接答复代表委员，请向主办单位提出会办意见并会签答复。")
    if proposal.status != Status.ASSIGNED:
        raise ValidationError("该件现在不能起草答复。")
    values = {"letter_no": letter_no, "signer": signer, "text": text, "contact_person": contact_person,
              "contact_phone": contact_phone}  # fmt: skip
    for name, (label, limit) in _REPLY_LIMITS.items():
        values[name] = strip_controls((values[name] or "").strip())
        if not values[name]:
            raise ValidationError({name: f"请填写{label}。"})
        if len(values[name]) > limit:
            raise ValidationError({name: f"{label}不能超过{limit}字。"})
    code = _check_class(proposal, result_class)
    attribute, reason, summary = check_disclosure(proposal, disclosure, disclosure_reason, summary)
    values.update(disclosure=attribute, disclosure_reason=reason, summary=summary)
    reply = Reply.objects.filter(assignment=assignment).first()
    if reply is not None and reply.state != ReplyState.DRAFT:
        raise ValidationError("答复已提交审签，不能修改。")
    if reply is None:
        reply = Reply.objects.create(assignment=assignment, result_class=code, **values)
    else:
        for name, value in values.items():
            setattr(reply, name, value)
        reply.result_class = code
        reply.save()
        reply.cosigns.filter(valid=True).update(valid=False)
    audit.record(
        actor=actor, action="proposals.reply_draft", obj=proposal, org=assignment.org,
        after={"letter_no": reply.letter_no, "class": code, "disclosure": attribute},
    )  # fmt: skip
    return reply


@transaction.atomic
def reply_cosign(*, actor: Actor, reply: Reply, assignment: Assignment, note: str = "") -> CoSign:
    """A co-handler co-signs the lead's draft online (会签)."""
    assignment = _handled(actor, assignment)
    reply = Reply.objects.select_for_update().select_related("assignment").get(pk=reply.pk)
    if assignment.role != AssignmentRole.CO or assignment.proposal_id != reply.assignment.proposal_id:
        raise ValidationError("只有该件的会办单位会签主办单位的答复。")
    if reply.state != ReplyState.DRAFT or reply.assignment.role != AssignmentRole.LEAD:
        raise ValidationError("该答复现在不能会签。")
    if reply.cosigns.filter(assignment=assignment, valid=True).exists():
        raise ValidationError("本单位已会签。")
    cosign = CoSign.objects.create(
        reply=reply,
        assignment=assignment,
        signed_on=clock.today(),
        note=strip_controls(note or "")[:500],
    )
    audit.record(
        actor=actor, action="proposals.cosign", obj=assignment.proposal, org=assignment.org,
        after={"letter_no": reply.letter_no},
    )  # fmt: skip
    return cosign


def _answering(proposal: Proposal) -> list[Assignment]:
    return list(
        proposal.assignments.filter(active=True, role__in=[AssignmentRole.LEAD, AssignmentRole.SPLIT])
    )


def _replies_all(proposal: Proposal, states: tuple[str, ...]) -> bool:
    parts = _answering(proposal)
    return bool(parts) and all(Reply.objects.filter(assignment=a, state__in=states).exists() for a in parts)


@transaction.atomic
def reply_submit(*, actor: Actor, reply: Reply) -> Reply:
    """To the unit head's signature: only once every co-handler has co-signed."""
    reply = Reply.objects.select_for_update().select_related("assignment").get(pk=reply.pk)
    assignment = _handled(actor, reply.assignment)
    proposal = _locked(assignment.proposal)
    if reply.state != ReplyState.DRAFT or proposal.status != Status.ASSIGNED:
        raise ValidationError("该答复现在不能提交审签。")
    missing = rules.missing_cosigns(reply)
    if missing:
        raise ValidationError(
            f"会办单位尚未会签：{'、'.join(a.org.name for a in missing)}。全部会签后才能提交审签。"
        )
    reply.state = ReplyState.REVIEW
    reply.return_note = ""
    reply.save(update_fields=["state", "return_note", "updated_at"])
    if _replies_all(proposal, (ReplyState.REVIEW, ReplyState.SENT)):
        _move(proposal, Status.REVIEW)
        proposal.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor,
        action="proposals.reply_submit",
        obj=proposal,
        org=assignment.org,
        after=_fields(proposal),
    )
    return reply


@transaction.atomic
def reply_review(
    *, actor: Actor, reply: Reply, approve: bool, result_class: str = "", note: str = ""
) -> Reply:
    """The unit's head signs (the reply is sent to every proposer) or returns it; the class may change here."""
    reply = Reply.objects.select_for_update().select_related("assignment__org").get(pk=reply.pk)
    assignment = reply.assignment
    _require(rules.may_sign(actor, assignment.org), "只有承办单位负责人可以审签答复。")
    proposal = _locked(assignment.proposal)
    if reply.state != ReplyState.REVIEW:
        raise ValidationError("该答复不在待审签状态。")
    before = reply.result_class
    if result_class:
        reply.result_class = _check_class(proposal, result_class)
    note = strip_controls((note or "").strip())
    today = clock.today()
    if approve:
        reply.state, reply.sent_on = ReplyState.SENT, today
        set_publish_due(reply)
    else:
        if not note:
            raise ValidationError({"note": "退回修改时请写明意见。"})
        reply.state, reply.return_note = ReplyState.DRAFT, note[:2000]
        reply.cosigns.filter(valid=True).update(valid=False)
    reply.save()
    if approve and _replies_all(proposal, (ReplyState.SENT,)):
        _move(proposal, Status.ANSWERED)
        proposal.answered_on = today
        proposal.save(update_fields=["status", "answered_on", "updated_at"])
    elif not approve and proposal.status == Status.REVIEW:
        _move(proposal, Status.ASSIGNED)
        proposal.save(update_fields=["status", "updated_at"])
    audit.record(
        actor=actor, action="proposals.reply_approve" if approve else "proposals.reply_return", obj=proposal,
        org=assignment.org, before={"class": before}, after={**_fields(proposal), "class": reply.result_class},
        note=note[:500],
    )  # fmt: skip
    return reply
