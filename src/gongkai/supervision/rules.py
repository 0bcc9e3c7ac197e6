"""Who may see and do what in supervision.

The competent department (the supervisor role at the government's general office) supervises its region: it
runs the self-checks, issues work plans, holds meetings and inspections, drafts, approves and issues circulars,
assesses, returns and accepts periodic reports. A unit (its office or head; an administrator over its
subtree) sees its own results and reports on its own tasks, findings, problems and periodic reports. Reach comes
from `orgs.access` only; the services enforce `may_*`, the interfaces ask `can_*`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.core.actors import Actor, is_system
from gongkai.orgs import access
from gongkai.orgs.models import Organization, Role

SUPERVISING_ROLES = (Role.SUPERVISOR,)
UNIT_ROLES = (Role.OFFICE, Role.HEAD)
SEEING_ROLES = (Role.SUPERVISOR, Role.OFFICE, Role.HEAD, Role.ADMIN)


def may_supervise(actor: Actor, org: Organization) -> bool:
    """Act as the competent department over `org` (a job of the platform may too)."""
    return is_system(actor) or access.has_role(actor, org, *SUPERVISING_ROLES)


def may_report(actor: Actor, org: Organization) -> bool:
    """Report for unit `org`: its office or head. The competent department never answers for a unit it judges
    (a response, a rectification, a periodic report come from the unit)."""
    return is_system(actor) or access.has_role(actor, org, *UNIT_ROLES)


def may_see(actor: Actor, org: Organization) -> bool:
    return is_system(actor) or access.has_role(actor, org, *SEEING_ROLES)


def may_approve_circular(actor: Actor, org: Organization, drafted_by_id: int | None) -> bool:
    """A supervisor of the issuing organisation other than the drafter (two people for an issued circular)."""
    if is_system(actor):
        return True
    return access.has_role(actor, org, *SUPERVISING_ROLES) and getattr(actor, "pk", None) != drafted_by_id


def supervised_orgs(actor: Actor) -> QuerySet[Organization]:
    return access.orgs_for(actor, *SUPERVISING_ROLES).filter(is_active=True).order_by("path")


def visible_orgs(actor: Actor) -> QuerySet[Organization]:
    return access.orgs_for(actor, *SEEING_ROLES).filter(is_active=True).order_by("path")


def can_open(user: Actor) -> bool:
    """The supervision pages: the competent department and the units' offices, heads and administrators."""
    return access.holds_role(user, *SEEING_ROLES)


def can_supervise(user: Actor) -> bool:
    return access.holds_role(user, *SUPERVISING_ROLES)
