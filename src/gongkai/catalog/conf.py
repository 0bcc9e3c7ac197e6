"""The catalog's settings, with their defaults (set in settings.py from environment variables)."""

from __future__ import annotations

from django.conf import settings


def deadline_workdays(statutory_class: str) -> int:
    """Working days to publish an item of `statutory_class` after it is formed or changed (Art. 26: 20;
    other laws may set other periods: GONGKAI_PUBLICATION_DEADLINE_BY_CLASS)."""
    by_class: dict[str, int] = getattr(settings, "GONGKAI_PUBLICATION_DEADLINE_BY_CLASS", {}) or {}
    return by_class.get(statutory_class, settings.GONGKAI_PUBLICATION_DEADLINE_WORKDAYS)


def at_risk_workdays() -> int:
    """Items due within this many working days are listed as at risk."""
    return getattr(settings, "GONGKAI_CATALOG_AT_RISK_WORKDAYS", 5)


def upload_max_bytes() -> int:
    return settings.GONGKAI_UPLOAD_MAX_MB * 1024 * 1024


def max_attachments() -> int:
    return getattr(settings, "GONGKAI_CATALOG_MAX_ATTACHMENTS", 20)
