"""After the answer: the writer's rating (回访/评价, with 重办), closing and archiving."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, System
from gongkai.interaction import rules
from gongkai.interaction.models import (
    Evaluation,
    Level,
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

#: The writer acting with the number and query code (the portal's rating form).
WRITER = System("留言人评价")


@transaction.atomic
def message_evaluate(
    *,
    actor: Actor,
    message: Message,
    level: str,
    comment: str = "",
    reopen: bool = False,
    now: datetime | None = None,
) -> Message:
    """回访/评价 (several allowed). 不满意 may reopen the message: back to the unit with a new deadline (重办)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen() or isinstance(actor, System), "您不能录入评价。")
    _require_status(message, Status.REPLIED)
    if level not in Level.values:
        raise ValidationError({"level": ["请选择评价。"]})
    now = now or timezone.now()
    Evaluation.objects.create(
        message=message, level=level, comment=_text(comment, "comment", "意见", required=False), at=now
    )
    before = audit.snapshot(message, _SNAPSHOT)
    if reopen:
        if level != Level.UNSATISFIED:
            raise ValidationError({"reopen": ["只有不满意的留言可以退回重办。"]})
        _move(
            message, Status.HANDLING if message.assignments.filter(active=True).exists() else Status.ACCEPTED
        )
        message.rehandled += 1
        message.replied_at = None
        message.replied_on_time = None
        _set_due(message, now)
    message.save()
    text = f"评价：{Level(level).label}" + ("，退回重办" if reopen else "")
    _event(message, "evaluate", actor, text, public=True, at=now)
    _audit(actor, "evaluate", message, before)
    return message


@transaction.atomic
def message_close(*, actor: Actor, message: Message, now: datetime | None = None) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能办结该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.CLOSED)
    message.closed_at = now or timezone.now()
    message.save()
    _event(message, "close", actor, "办结", public=True, at=now)
    _audit(actor, "close", message, before)
    return message


@transaction.atomic
def message_archive(*, actor: Actor, message: Message) -> Message:
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能归档该留言。")
    before = audit.snapshot(message, _SNAPSHOT)
    _move(message, Status.ARCHIVED)
    message.save()
    _event(message, "archive", actor, "归档")
    _audit(actor, "archive", message, before)
    return message
