"""The settings of information applications, with their defaults (settings.py reads them from the environment).

Values docs/legal.md marks as local are settings, never constants.
"""

from __future__ import annotations

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def correction_period_workdays() -> int:
    """The default "reasonable period" given to the applicant to correct an application (Art. 30) [U]."""
    return _get("GONGKAI_FOI_CORRECTION_WORKDAYS", 15)


def fee_payment_workdays() -> int:
    """Working days to pay after a fee notice, else deemed withdrawn [S]."""
    return _get("GONGKAI_FOI_FEE_PAYMENT_WORKDAYS", 20)


def fee_pauses_clock() -> bool:
    """Whether the time between a fee notice and payment is left out of the answer period [U]."""
    return _get("GONGKAI_FOI_FEE_PAUSES_CLOCK", True)


def two_person_approval() -> bool:
    """Answers and extensions are approved by another office member than the one who drafted them."""
    return _get("GONGKAI_FOI_TWO_PERSON_APPROVAL", True)


def remind_workdays() -> int:
    return _get("GONGKAI_FOI_REMIND_WORKDAYS", 3)


def identity_upload_max_bytes() -> int:
    return _get("GONGKAI_FOI_IDENTITY_UPLOAD_MAX_MB", 5) * 1024 * 1024


def delivered_upload_max_bytes() -> int:
    return _get("GONGKAI_UPLOAD_MAX_MB", 50) * 1024 * 1024


def query_failures_per_ip() -> int:
    """Wrong query codes allowed per client address within the window before it is refused."""
    return _get("GONGKAI_FOI_QUERY_FAILURES", 5)


def query_failures_per_case() -> int:
    """Wrong query codes per tracking number within the window (whatever the address) past which the
    addresses that failed on it are refused (the others, the applicant among them, are not)."""
    return _get("GONGKAI_FOI_QUERY_FAILURES_PER_CASE", 10)


def query_window_minutes() -> int:
    return _get("GONGKAI_FOI_QUERY_WINDOW_MINUTES", 15)


def longer_period_max_workdays() -> int:
    """Art. 35: the ceiling of the longer reasonable period an organ may set [U]."""
    return _get("GONGKAI_FOI_LONGER_PERIOD_MAX_WORKDAYS", 120)


def longer_period_extension_workdays() -> int:
    """Working days of an Art. 33 extension allowed on top of an Art. 35 period (0: not combinable) [U]."""
    return _get("GONGKAI_FOI_LONGER_PERIOD_EXTENSION_WORKDAYS", 0)


def confirm_workdays() -> int:
    """Art. 31: working days staff may take to confirm an online or ordinary-mail application [U]."""
    return _get("GONGKAI_FOI_CONFIRM_WORKDAYS", 2)


def retention_years() -> int:
    """Art. 45: years the archive package of a closed case is kept (档案保管期限) [U]."""
    return _get("GONGKAI_FOI_RETENTION_YEARS", 10)


def proactive_candidate_min() -> int:
    """Art. 44: closed cases asking for the same information that make it a candidate for proactive disclosure."""
    return _get("GONGKAI_FOI_PROACTIVE_CANDIDATE_MIN", 3)


def submissions_per_hour() -> int:
    """Online applications accepted per client address per hour (portal and API together)."""
    return _get("GONGKAI_FOI_SUBMISSIONS_PER_HOUR", 20)
