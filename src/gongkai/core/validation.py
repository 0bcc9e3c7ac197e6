"""Checks of plain values every service makes: control characters in text, dates in range. Each raises a Chinese
`ValidationError` keyed by the form field, so a form and the API show it next to the field."""

from __future__ import annotations

import re
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

#: C0 controls but tab, line feed and carriage return, and DEL: never part of a text anybody typed.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def strip_controls(value) -> str:
    """The text without control characters, stripped; None is empty."""
    if value is None:
        return ""
    return CONTROL_CHARS.sub("", value if isinstance(value, str) else str(value)).strip()


def check_date(
    value,
    *,
    field: str,
    label: str,
    today: date,
    earliest: date,
    earliest_text: str = "",
    required: bool = True,
) -> date | None:
    """`value` as a date not after `today` nor before `earliest` (named `earliest_text`, else its ISO form).
    Empty is None unless `required`; a datetime counts as its local day."""
    if value in (None, "") and not required:
        return None
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        missing = value in (None, "")
        raise ValidationError(
            {field: [f"请填写{label}。" if missing else f"{label}格式错误，应为 YYYY-MM-DD。"]}
        )
    if value > today:
        raise ValidationError({field: [f"{label}不能晚于今天（{today.isoformat()}）。"]})
    if value < earliest:
        raise ValidationError({field: [f"{label}不能早于{earliest_text or earliest.isoformat()}。"]})
    return value


def required_text(value, field: str, limit: int, message: str) -> str:
    """`value` without control characters; `message` on `field` when it is empty or longer than `limit`."""
    text = strip_controls(value)
    if not text or len(text) > limit:
        raise ValidationError({field: [message]})
    return text


def checked_text(value, field: str, label: str, *, required: bool = True, limit: int = 100000) -> str:
    """`value` without control characters: "请填写…" on `field` when `required` and empty, "…过长" beyond `limit`."""
    text = strip_controls(value)
    if required and not text:
        raise ValidationError({field: [f"请填写{label}。"]})
    if len(text) > limit:
        raise ValidationError({field: [f"{label}过长（最多{limit}字）。"]})
    return text
