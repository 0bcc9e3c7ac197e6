"""Publication of a message: the redacted public copy beside the original (公开审核)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from gongkai.core import audit
from gongkai.core.actors import Actor, label
from gongkai.interaction import rules
from gongkai.interaction.models import (
    Message,
    Publication,
    PublicState,
    Status,
)
from gongkai.interaction.redaction import redact
from gongkai.interaction.services.base import (
    _SNAPSHOT,
    _audit,
    _event,
    _locked,
    _require,
    _require_status,
    _text,
)


@transaction.atomic
def message_publish(
    *,
    actor: Actor,
    message: Message,
    publish: bool,
    title: str = "",
    body: str = "",
    reply: str = "",
) -> Message:
    """公开审核: a redacted public copy beside the original. Only with the writer's consent, never a 举报, and the
    writer's personal data only with its separate consent (otherwise it is removed from the copy)."""
    message = _locked(message)
    _require(rules.MessageRules(actor, message).may_screen(), "您不能审核该渠道的公开。")
    _require_status(message, Status.REPLIED, Status.CLOSED, Status.ARCHIVED)
    before = audit.snapshot(message, _SNAPSHOT)
    if publish:
        if message.channel.publication == Publication.NONE:
            raise ValidationError("该渠道的留言不公开。")
        if message.is_report:
            raise ValidationError("举报件不公开。")
        if not message.consent_publish:
            raise ValidationError("留言人未同意公开留言，不能公开。")
        log: list[str] = []
        texts = {}
        for field, value in (
            ("title", title or message.title),
            ("body", body or message.body),
            ("reply", reply or message.reply),
        ):
            value = _text(value, field, "公开内容", limit=10000)
            if not message.consent_personal:
                value, lines = redact(message, value)
                log += lines
            texts[field] = value
        message.public_title, message.public_body, message.public_reply = (
            texts["title"],
            texts["body"],
            texts["reply"],
        )
        message.redaction_log = [
            *message.redaction_log,
            {"at": timezone.now().isoformat(), "by": label(actor), "log": log},
        ]
        message.public_state = PublicState.PUBLISHED
        message.published_at = timezone.now()
    else:
        message.public_state = PublicState.WITHHELD
        message.published_at = None
    message.save()
    _event(message, "publish", actor, "公开审核：公开" if publish else "公开审核：不公开")
    _audit(actor, "publish", message, before)
    return message
