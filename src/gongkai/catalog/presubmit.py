"""Checks other apps add to the submission of an item for review (docs/adr/0009-interpretation-app.md).

The catalog imports none of them: an app above it registers, at start-up, a function answering the problems that
keep an item from being submitted (the interpretation app's 三同步: a normative document needing an
interpretation is not submitted without one drafted). `item_submit` asks here and refuses with the messages.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gongkai.catalog.models import Item

_checks: dict[str, Callable[[Item], list[str]]] = {}


def provide(name: str, check: Callable[[Item], list[str]]) -> None:
    """Register (or replace) the check named `name`."""
    _checks[name] = check


def problems(item: Item) -> list[str]:
    """Every registered check's messages for `item` (none before any app provides)."""
    return [message for check in _checks.values() for message in check(item)]
