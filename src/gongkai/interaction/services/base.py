"""What every message service shares: the permission and status checks, the locked row, the move between
states, the step in the ticket's history and the audit event, the checked text, the keys and the deadline."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, label
from gongkai.core.validation import strip_controls
from gongkai.interaction import deadlines
from gongkai.interaction.models import (
    Event,
    Message,
    Status,
)
from gongkai.orgs.models import Organization


def _require(ok: bool, text: str) -> None:
    if not ok:
        raise PermissionDenied(text)


def _require_status(message: Message, *statuses: str) -> None:
    if message.status not in statuses:
        raise ValidationError(f"该留言当前状态为“{message.get_status_display()}”，不能办理此操作。")


def _locked(message: Message) -> Message:
    return Message.objects.select_for_update().select_related("channel", "channel__owner").get(pk=message.pk)


def _move(message: Message, to: str) -> None:
    if not message.can_move_to(to):
        raise ValidationError(f"留言不能从“{message.get_status_display()}”转为“{Status(to).label}”。")
    message.status = to


def _event(
    message: Message,
    action: str,
    actor: Actor,
    summary: str,
    *,
    note: str = "",
    public: bool = False,
    org: Organization | None = None,
    at: datetime | None = None,
) -> None:
    Event.objects.create(
        message=message,
        at=at or timezone.now(),
        action=action,
        actor_label=label(actor),
        org=org,
        summary=summary[:300],
        note=note,
        public=public,
    )


def _audit(
    actor: Actor, action: str, message: Message, before: dict[str, Any] | None, note: str = ""
) -> None:
    audit.record(
        actor=actor,
        action=f"message.{action}",
        obj=message,
        org=message.channel.owner,
        before=before,
        after=audit.snapshot(message, _SNAPSHOT),
        note=note,
    )


_SNAPSHOT = ["status", "due_at", "public_state", "extensions_granted", "rehandled"]


def _text(value: object, field: str, label_: str, *, required: bool = True, limit: int = 5000) -> str:
    text = strip_controls(value)
    if required and not text:
        raise ValidationError({field: [f"请填写{label_}。"]})
    if len(text) > limit:
        raise ValidationError({field: [f"{label_}过长（最多{limit}字，当前{len(text)}字）。"]})
    return text


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def phone_key(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return _key("phone", digits) if digits else ""


def _set_due(message: Message, start: datetime, extra: int = 0) -> None:
    policy = deadlines.policy_for(message.channel, message.kind, message.complex)
    due = deadlines.compute(start, policy, extra=extra)
    message.due_at, message.due_explained = due.at, due.explained[:200]
