"""Access checks that core apps ask for and a domain app answers.

Core never imports a domain app (docs/architecture.md), yet some core services need a rule that only the
organisation tree knows: who may maintain the working-day calendar, say. The domain app registers its answer
at start-up (`provide`, from its AppConfig.ready); core services ask by name (`allowed`). A check nobody
provides refuses everyone but superusers.
"""

from __future__ import annotations

from collections.abc import Callable

#: The capability of maintaining platform-wide reference data (the working-day calendar).
PLATFORM_ADMIN = "platform_admin"

_checks: dict[str, Callable[[object], bool]] = {}


def provide(name: str, check: Callable[[object], bool]) -> None:
    """Register the rule deciding whether a user has the capability `name`."""
    _checks[name] = check


def allowed(name: str, user) -> bool:
    """Whether `user` has the capability `name` (superusers only, when no app provides the rule)."""
    check = _checks.get(name)
    if check is None:
        return bool(getattr(user, "is_superuser", False) and getattr(user, "is_active", False))
    return bool(check(user))
