"""Writing audit events. Services call `record` inside the transaction of the change they make."""

from __future__ import annotations

from contextvars import ContextVar, Token
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction

from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.core.models import AuditEvent, object_type_label


@dataclass(frozen=True)
class RequestContext:
    """Where a change came from: set by middleware for web requests, by commands for imports."""

    client_ip: str | None = None
    source: str = "system"


_context: ContextVar[RequestContext | None] = ContextVar("audit_context", default=None)


def set_context(context: RequestContext) -> Token[RequestContext | None]:
    return _context.set(context)


def reset_context(token: Token[RequestContext | None]) -> None:
    _context.reset(token)


def current_context() -> RequestContext:
    return _context.get() or RequestContext()


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, as they would be compared before and after a change."""
    data: dict[str, Any] = {}
    for name in fields:
        value = getattr(obj, name)
        if isinstance(value, models.Model):
            value = value.pk
        data[name] = value
    return data


def event(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    org: Any = None,  # an orgs Organization (core does not import orgs)
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    """The event of one change, not saved yet: `record` saves one; a batch service (an import) saves its
    events with `bulk.insert` in the transaction of the batch."""
    context = current_context()
    return AuditEvent(
        actor=actor if actors.is_user(actor) else None,
        actor_label=actors.label(actors.require(actor)),
        org=org,
        action=action,
        object_type=object_type_label(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        note=note,
        client_ip=context.client_ip,
        source=context.source,
    )


def record(
    *,
    actor: Actor,
    action: str,
    obj: models.Model,
    org: Any = None,  # an orgs.Organization (core does not import the domain apps)
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("Audit events are recorded inside the transaction of the change (use atomic).")
    saved = event(actor=actor, action=action, obj=obj, org=org, before=before, after=after, note=note)
    saved.save(force_insert=True)
    return saved


def record_on(obj: Any, **change: Any) -> AuditEvent:
    """`record` a change to a record of one organisation: the event names the record's own `obj.org`."""
    return record(obj=obj, org=obj.org, **change)
