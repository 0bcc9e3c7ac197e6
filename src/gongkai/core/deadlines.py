"""Deadline owners that recompute their records when the working-day calendar changes.

The calendar (`gongkai.workdays`) is core and never imports a domain app, yet entering a year must fill in
every deadline that could not be computed without it and move those it shifts: answer periods, consultation
replies, correction and payment periods of applications, publication deadlines of catalog items. Each domain
app registers its recompute function at start-up (`provide`, from its AppConfig.ready); the calendar services
call `recompute(years=...)` in the same transaction as the change.
"""

from __future__ import annotations

from collections.abc import Callable

#: name -> function(years=[...]) returning how many records changed.
_owners: dict[str, Callable[..., int]] = {}


def provide(name: str, recompute_fn: Callable[..., int]) -> None:
    """Register (or replace) the function that recomputes the deadlines of `name` after a calendar change."""
    _owners[name] = recompute_fn


def owners() -> list[str]:
    return sorted(_owners)


def recompute(*, years: list[int]) -> dict[str, int]:
    """Run every registered owner for the changed `years`; returns how many records each one changed."""
    return {name: _owners[name](years=list(years)) for name in sorted(_owners)}
