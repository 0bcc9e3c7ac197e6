"""The reports' settings, read from settings.py (environment variables) and checked here."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _month_day(name: str, default: str) -> tuple[int, int]:
    value = str(getattr(settings, name, default) or default)
    try:
        month, day = (int(x) for x in value.split("-"))
        date(2024, month, day)  # a leap year accepts 02-29
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} 须为“月-日”，如 03-31。") from None
    return month, day


def deadline_government() -> tuple[int, int]:
    return _month_day("GONGKAI_REPORT_DEADLINE_GOVERNMENT", "03-31")


def deadline_department() -> tuple[int, int]:
    return _month_day("GONGKAI_REPORT_DEADLINE_DEPARTMENT", "01-31")


def reminder_days() -> list[int]:
    raw = getattr(settings, "GONGKAI_REPORT_REMINDER_DAYS", ["30", "14", "7", "1"])
    try:
        days = sorted({int(x) for x in raw}, reverse=True)
    except (TypeError, ValueError):
        raise ImproperlyConfigured(f"GONGKAI_REPORT_REMINDER_DAYS={raw!r} 须为逗号分隔的天数。") from None
    if any(d < 0 for d in days):
        raise ImproperlyConfigured("GONGKAI_REPORT_REMINDER_DAYS 不能为负数。")
    return days
