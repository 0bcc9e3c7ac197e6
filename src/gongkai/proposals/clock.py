""" "Today" for the proposals services: the local date, or the day past handling is recorded as of (the demo,
migrating paper records). Never set by the interfaces."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.utils import timezone

_as_of: ContextVar[date | None] = ContextVar("proposals_as_of", default=None)


@contextmanager
def recording_as_of(day: date) -> Iterator[None]:
    token = _as_of.set(day)
    try:
        yield
    finally:
        _as_of.reset(token)


def today() -> date:
    return _as_of.get() or timezone.localdate()


def recorded_day() -> date | None:
    """The day past handling is being recorded as of, or None for live handling."""
    return _as_of.get()
