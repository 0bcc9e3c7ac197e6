"""Who acts. Every service takes an `Actor` and every audit event records one.

- A staff user (`User`) acts within the reach `orgs.access` gives their roles. An anonymous visitor is an actor
  every rule refuses.
- A member of the public holding a credential for one record (`Applicant`: the query code of an application)
  acts on that record only.
- A job of the platform (`System`) is named: scheduled publishing, the demo loader, a migration, an import command.
  The audit log shows the name.

`None` is not an actor: `audit.record` refuses it, so a service called without one fails instead of acting as
nobody in particular.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias, TypeGuard

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class System:
    """A job of the platform acting on its own, named for the audit log."""

    job: str

    def __str__(self) -> str:
        return f"系统（{self.job}）"


@dataclass(frozen=True)
class Applicant:
    """An applicant acting through the portal on the one case they opened with its query code (which case a
    browser session opened is `foi.public_access.get_session_application`'s to say)."""

    application_id: int

    def __str__(self) -> str:
        return "申请人"


Actor: TypeAlias = "User | AnonymousUser | Applicant | System"


def is_system(actor: object) -> TypeGuard[System]:
    return isinstance(actor, System)


def is_user(actor: object) -> TypeGuard[User]:
    """A signed-in staff account (a rule still decides what it may do)."""
    return not isinstance(actor, System | Applicant) and bool(getattr(actor, "is_authenticated", False))


def require(actor: object) -> Actor:
    """The actor, or TypeError for a missing one (`None`) or a bare label."""
    if isinstance(actor, System | Applicant) or hasattr(actor, "is_authenticated"):
        return actor  # type: ignore[return-value]
    raise TypeError(f"A service needs an actor (a user, an Applicant or System('job')), not {actor!r}.")


def label(actor: Actor) -> str:
    """The name the audit log and the case history show."""
    if is_user(actor):
        return (actor.get_full_name() or actor.get_username())[:150]
    return str(actor)[:150]
