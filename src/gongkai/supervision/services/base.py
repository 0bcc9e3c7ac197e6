"""What every supervision service shares: permission and field checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.core.actors import Actor, is_user
from gongkai.core.validation import strip_controls

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def text(field: str, label: str, value: str, *, limit: int, required: bool = False) -> str:
    value = strip_controls((value or "").strip())
    if required and not value:
        raise ValidationError({field: f"请填写{label}。"})
    if len(value) > limit:
        raise ValidationError({field: f"{label}不能超过{limit}字。"})
    return value


def user_or_none(actor: Actor) -> User | None:
    return actor if is_user(actor) else None
