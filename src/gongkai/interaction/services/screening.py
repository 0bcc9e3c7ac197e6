"""Screening a message: accepted (its deadline starts), refused with the reason and the proper channel, or
moved to the information-application intake."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.foi import services as foi_services
from gongkai.foi.models import Channel as FoiChannel
from gongkai.interaction import rules
from gongkai.interaction.models import (
    Message,
    RefusalReason,
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
def message_accept(
    *, actor: Actor, message: Message, complex_: bool = False, now: datetime | None = None
) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ACCEPTED)
    now = now or timezone.now()
    message.accepted_at = now
    message.complex = complex_
    _set_due(message, now)
    message.save()
    _event(message, "accept", actor, f"受理，答复时限：{message.due_explained}", public=True, at=now)
    _audit(actor, "accept", message, before)
    return message


@transaction.atomic
def message_refuse(
    *, actor: Actor, message: Message, reason: str, note: str = "", proper_channel: str = ""
) -> Message:
    """不予受理: the reason and, for matters with their own procedure, the channel to use."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    if reason not in RefusalReason.values:
        raise ValidationError({"reason": ["请选择不予受理的理由。"]})
    proper_channel = _text(proper_channel, "proper_channel", "应通过的渠道", required=False, limit=200)
    if reason in _NEEDS_CHANNEL and not proper_channel:
        raise ValidationError(
            {"proper_channel": ["请告知留言人应通过的渠道（如信访、纪检监察、诉讼或复议）。"]}
        )
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.REFUSED)
    message.refusal_reason = reason
    message.refusal_note = _text(note, "note", "说明", required=False)
    message.proper_channel = proper_channel
    message.save()
    text = f"不予受理：{RefusalReason(reason).label}" + (
        f"，请通过{proper_channel}反映" if proper_channel else ""
    )
    _event(message, "refuse", actor, text, note=message.refusal_note, public=True)
    _audit(actor, "refuse", message, before)
    return message


_NEEDS_CHANNEL = {RefusalReason.OTHER_PROCEDURE, RefusalReason.PETITION, RefusalReason.DISCIPLINE}


@transaction.atomic
def message_move_to_foi(
    *, actor: Actor, message: Message, org: Organization, data: dict[str, Any]
) -> Message:
    """A message that is really an information application goes to the `foi` intake of `org`, received on the
    day the message was received (条例第三十一条: the date it reached the government). `data` completes what the
    application needs (identity document, information sought, delivery)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审查该渠道的留言。")
    _require_status(message, Status.SCREENING)
    values = {
        "applicant_type": "natural",
        "applicant_name": message.writer_name,
        "phone": message.phone,
        "email": message.email,
        "address": message.address,
        "info_title": message.title,
        "info_description": message.body,
        **data,
    }
    submission = foi_services.application_register(
        actor=actor,
        org=org,
        channel=FoiChannel.ONLINE,
        received_on=message.received_on,
        data=values,
        evidence_received_at=message.submitted_at,
        evidence_ref=f"政民互动留言{message.number}",
    )
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.MOVED)
    message.foi_application_id = submission.application.pk
    message.save()
    _event(
        message,
        "move",
        actor,
        f"属于政府信息公开申请，已转{org.name}依申请公开办理（申请编号{submission.application.tracking_no}），"
        f"收到申请之日为{message.received_on.isoformat()}",
        public=True,
    )
    _audit(actor, "move_to_foi", message, before)
    return message
