"""The one way tests set the clock: the `freeze` fixture pins "today" and "now" (Asia/Shanghai) for services
that default to today. Registered for every test by the root conftest."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

import pytest
from django.utils import timezone


@pytest.fixture
def freeze(monkeypatch: pytest.MonkeyPatch) -> Callable[..., date]:
    """`freeze(day, at=time(9, 30))`: from here on `timezone.localdate()` is `day` and `timezone.now()` is
    `day` at `at`, local time; returns `day`."""
    real = timezone.localdate

    def _freeze(day: date, at: time = time(9, 30)) -> date:
        def localdate(value: datetime | None = None, timezone: object = None) -> date:
            return day if value is None else real(value, timezone)  # type: ignore[arg-type]

        monkeypatch.setattr(timezone, "localdate", localdate)
        monkeypatch.setattr(timezone, "now", lambda: timezone.make_aware(datetime.combine(day, at)))
        return day

    return _freeze
