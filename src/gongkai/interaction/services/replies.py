"""The answer: the unit's draft, the unit head's approval, the platform's review, or the owner's direct answer."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor
from gongkai.interaction import deadlines, rules
from gongkai.interaction.models import (
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
    _text,
)


@transaction.atomic
def message_reply_draft(*, actor: Actor, message: Message, text: str) -> Message:
    message = _locked(message)
    rules_ = rules.MessageRules(actor, message)
    _require(rules_.may_handle(), "您不能起草该留言的答复。")
    _require_status(message, Status.HANDLING)
    before = audit.snapshot(message, _SNAPSHOT)
    message.reply = _text(text, "text", "答复内容", limit=10000)
    message.reply_org = rules_.lead.org if rules_.lead else None
    _move(message, Status.UNIT_REVIEW)
    message.save()
    _event(message, "reply_draft", actor, "起草答复，送单位审核", org=message.reply_org)
    _audit(actor, "reply_draft", message, before)
    return message


@transaction.atomic
def message_reply_approve(*, actor: Actor, message: Message, approve: bool, note: str = "") -> Message:
    """The unit's head approves the draft (it goes to the platform) or sends it back."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_approve_reply(), "您不能审核该单位的答复。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.PLATFORM_REVIEW if approve else Status.HANDLING)
    message.save()
    text = "单位审核通过，报送平台审核" if approve else "单位审核退回修改"
    _event(
        message,
        "reply_approve",
        actor,
        text,
        note=_text(note, "note", "意见", required=False),
        org=message.reply_org,
    )
    _audit(actor, "reply_approve", message, before)
    return message


def _replied(message: Message, now: datetime) -> None:
    message.replied_at = now
    due = deadlines.effective_due(message)
    message.replied_on_time = due is None or now <= due


@transaction.atomic
def message_reply_review(
    *, actor: Actor, message: Message, approve: bool, note: str = "", now: datetime | None = None
) -> Message:
    """The platform (the channel's owner) passes the answer (已答复) or returns it for changes (退回修改)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核该渠道的答复。")
    before = audit.snapshot(message, _SNAPSHOT)
    note = _text(note, "note", "退回理由", required=not approve)
    _move(message, Status.REPLIED if approve else Status.HANDLING)
    if approve:
        _replied(message, now or timezone.now())
    message.save()
    target = "留言人" if message.channel.reply_to_writer else "上级平台"
    text = f"答复审核通过，已答复{target}" if approve else "平台审核退回修改"
    _event(message, "reply_review", actor, text, note=note, public=approve, at=now)
    _audit(actor, "reply_review", message, before)
    return message


@transaction.atomic
def message_reply_direct(
    *, actor: Actor, message: Message, text: str, now: datetime | None = None
) -> Message:
    """The owner answers at once (a consultation it can answer itself) without forwarding."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能答复该渠道的留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    message.reply = _text(text, "text", "答复内容", limit=10000)
    message.reply_org = message.channel.owner
    _move(message, Status.REPLIED)
    _replied(message, now or timezone.now())
    message.save()
    _event(message, "reply_direct", actor, "直接答复", public=True, at=now)
    _audit(actor, "reply_direct", message, before)
    return message
