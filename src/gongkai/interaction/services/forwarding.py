"""Forwarded tickets: assignment to the units, signing, the return of a mis-sent ticket, the unit's notes,
a leader's instruction, and extensions of the deadline."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, label
from gongkai.interaction import deadlines, rules, selectors
from gongkai.interaction.models import (
    Assignment,
    ExtensionRequest,
    Message,
    Status,
)
from gongkai.interaction.services.base import (
    _SNAPSHOT,
    _audit,
    _event,
    _locked,
    _move,
    _require,
    _require_status,
    _set_due,
    _text,
)
from gongkai.orgs.models import Organization


@transaction.atomic
def message_assign(
    *, actor: Actor, message: Message, lead: Organization, co: list[Organization] | None = None
) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能转办该渠道的留言。")
    co = [o for o in (co or []) if o.pk != lead.pk]
    targets = {o.pk for o in selectors.assign_targets(message)}
    if any(o.pk not in targets for o in (lead, *co)):
        raise ValidationError({"lead": ["只能转办给本渠道所属政府的单位。"]})
    if message.is_report and message.reported_org_id in {lead.pk, *(o.pk for o in co)}:
        raise ValidationError({"lead": ["举报件不能转给被举报单位办理。"]})
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ASSIGNED)
    now = timezone.now()
    Assignment.objects.create(message=message, org=lead, lead=True, assigned_at=now)
    for org in co:
        Assignment.objects.create(message=message, org=org, lead=False, assigned_at=now)
    message.save()
    names = lead.name + ("，协办：" + "、".join(o.name for o in co) if co else "")
    _event(message, "assign", actor, f"转办至{names}", public=True, org=lead)
    _audit(actor, "assign", message, before)
    return message


@transaction.atomic
def message_sign(*, actor: Actor, message: Message) -> Message:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能签收该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.HANDLING)
    lead = rules_.lead
    assert lead is not None
    lead.signed_at = timezone.now()
    lead.save(update_fields=["signed_at", "updated_at"])
    message.save()
    _event(message, "sign", actor, f"{lead.org.name}签收", public=True, org=lead.org)
    _audit(actor, "sign", message, before)
    return message


def _policy_window(message: Message) -> int:
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    return policy.return_window_hours if policy else 24


@transaction.atomic
def message_return_request(*, actor: Actor, message: Message, reason: str) -> Message:
    """The unit asks the owner to take back a mis-sent ticket, within the window (it never forwards it itself)."""
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能申请退回该留言。")
    _require_status(message, Status.ASSIGNED, Status.HANDLING)
    lead = rules_.lead
    assert lead is not None
    if lead.return_requested_at is not None:
        raise ValidationError("该留言已申请过退回，不能再次申请。")
    hours = _policy_window(message)
    if timezone.now() > lead.assigned_at + timedelta(hours=hours):
        raise ValidationError(f"申请退回应在转办后{hours}小时内提出，已超过时限，请继续办理。")
    lead.return_reason = _text(reason, "reason", "退回理由", limit=1000)
    lead.return_requested_at = timezone.now()
    lead.save(update_fields=["return_reason", "return_requested_at", "updated_at"])
    _event(
        message, "return_request", actor, f"{lead.org.name}申请退回", note=lead.return_reason, org=lead.org
    )
    _audit(actor, "return_request", message, None, lead.return_reason)
    return message


@transaction.atomic
def message_return_decide(*, actor: Actor, message: Message, grant: bool, note: str = "") -> Message:
    """The owner grants the return (the message goes back to it, to be forwarded again) or refuses it (the unit
    keeps it; no second request)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核退回申请。")
    pending = message.assignments.filter(
        active=True, return_requested_at__isnull=False, return_decision=""
    ).first()
    if pending is None:
        raise ValidationError("没有待审核的退回申请。")
    before = audit.snapshot(message, _SNAPSHOT)
    pending.return_decision = "granted" if grant else "refused"
    pending.save(update_fields=["return_decision", "updated_at"])
    if grant:
        _move(message, Status.ACCEPTED)
        message.assignments.filter(active=True).update(active=False)
        message.save()
    text = "同意退回，待重新转办" if grant else "不同意退回，请承办单位继续办理"
    _event(message, "return_decide", actor, text, note=_text(note, "note", "说明", required=False))
    _audit(actor, "return_decide", message, before, text)
    return message


@transaction.atomic
def message_note(*, actor: Actor, message: Message, note: str, contacted: bool = False) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_handle(), "您不能办理该留言。")
    _require_status(message, Status.HANDLING)
    note = _text(note, "note", "办理情况")
    _event(
        message,
        "contact" if contacted else "note",
        actor,
        "联系留言人" if contacted else "办理记录",
        note=note,
    )
    _audit(actor, "note", message, None)
    return message


@transaction.atomic
def message_instruct(*, actor: Actor, message: Message, text: str) -> Message:
    """A leader's instruction (批示), recorded by the owner's office."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能录入批示。")
    _require_status(message, Status.ACCEPTED, Status.ASSIGNED, Status.HANDLING)
    message.instruction = _text(text, "text", "批示内容")
    message.save(update_fields=["instruction", "updated_at"])
    _event(message, "instruct", actor, "录入领导批示", note=message.instruction)
    _audit(actor, "instruct", message, None)
    return message


# ---------------------------------------------------------------------------------------------------- extension


@transaction.atomic
def message_extension_request(
    *, actor: Actor, message: Message, amount: int, reason: str
) -> ExtensionRequest:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能申请延期。")
    _require_status(message, Status.ASSIGNED, Status.HANDLING)
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    limit, most = (policy.max_extensions, policy.extension_amount) if policy else (1, 5)
    if message.extensions_granted >= limit:
        raise ValidationError(f"该留言已延期{message.extensions_granted}次，最多可延期{limit}次。")
    if message.extensions.filter(decision="").exists():
        raise ValidationError("已有待审核的延期申请。")
    if message.due_at and timezone.now() > message.due_at:
        raise ValidationError("已超过答复时限，不能再申请延期。")
    if not isinstance(amount, int) or not 1 <= amount <= most:
        raise ValidationError({"amount": [f"每次延期1至{most}（与时限单位相同）。"]})
    reason = _text(reason, "reason", "延期理由", limit=1000)
    lead = rules_.lead
    assert lead is not None
    request = ExtensionRequest.objects.create(
        message=message, org=lead.org, amount=amount, reason=reason, requested_at=timezone.now()
    )
    _event(message, "extension_request", actor, f"申请延期{amount}", note=reason, org=lead.org)
    _audit(actor, "extension_request", message, None, reason)
    return request


@transaction.atomic
def message_extension_decide(*, actor: Actor, message: Message, grant: bool, note: str = "") -> Message:
    """The channel's owner decides; a granted extension moves the deadline and the writer is told (public step)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "只有渠道的受理机构可以审核延期。")
    request = message.extensions.filter(decision="").first()
    if request is None:
        raise ValidationError("没有待审核的延期申请。")
    before = audit.snapshot(message, _SNAPSHOT)
    request.decision = "granted" if grant else "refused"
    request.decided_at = timezone.now()
    request.decided_by = label(actor)
    request.save()
    if grant:
        message.extensions_granted += 1
        granted = sum(e.amount for e in message.extensions.filter(decision="granted"))
        _set_due(message, message.accepted_at or message.submitted_at, extra=granted)
        message.save()
        _event(
            message,
            "extension",
            actor,
            f"同意延期，新的答复时限：{message.due_explained}",
            note=request.reason,
            public=True,
        )
    else:
        _event(message, "extension", actor, "不同意延期", note=_text(note, "note", "说明", required=False))
    _audit(actor, "extension_decide", message, before)
    return message
