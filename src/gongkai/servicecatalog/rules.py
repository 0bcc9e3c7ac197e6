"""Who may do what in the service catalog and the standard catalogs, and which actions are open now.

The roles are the catalog's (`catalog.rules`): editors and offices draft guides and tag items, a reviewer of the
organisation reviews and publishes a version somebody else drafted (two people see every guide before it is
public), supervisors see their region (the list of incomplete guides). Reach comes from `orgs.access` only; the
services enforce `may_*`, the interfaces ask `can_*` and `open_actions`. A `System` actor (imports, the demo)
holds every role; status still rules.
"""

from __future__ import annotations

from django.db.models import Q

from gongkai.catalog.rules import EDITOR_ROLES, STAFF_ROLES
from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import Organization, OrganizationQuerySet, Role
from gongkai.servicecatalog.models import EDITABLE_STATUSES, GuideVersion, StandardCatalog, Status

REVIEW_ROLES = (Role.REVIEWER,)
PUBLISH_ROLES = (Role.REVIEWER, Role.OFFICE)  # publish a standard catalog, cancel an item
SUPERVISE_ROLES = (Role.SUPERVISOR,)


def has(user: Actor, org: Organization, roles: tuple[str, ...]) -> bool:
    return actors.is_system(user) or access.has_role(user, org, *roles)


def visible_q(user: Actor, field: str = "org") -> Q | None:
    """Records of organisations `user` reaches in any staff role (None: all)."""
    return access.orgs_q(user, *STAFF_ROLES, field=field)


def can_work(user: Actor) -> bool:
    """Whether the service catalog's pages are open to `user` at all (menus, dashboard)."""
    return actors.is_user(user) and access.holds_role(user, *STAFF_ROLES)


def sees(roles: set[str]) -> bool:
    """Whether a holder of `roles` (`orgs.access.roles_of`) works with the service catalog (menus, dashboard)."""
    return bool(roles & set(STAFF_ROLES))


def can_draft(user: Actor) -> bool:
    return actors.is_user(user) and access.holds_role(user, *EDITOR_ROLES)


def can_supervise(user: Actor) -> bool:
    return actors.is_user(user) and access.holds_role(user, *SUPERVISE_ROLES, Role.ADMIN)


def reached_orgs(user: Actor) -> OrganizationQuerySet:
    """The organisations whose guides and catalogs `user` sees (a supervisor: the region)."""
    return access.orgs_for(user, *STAFF_ROLES).order_by("path")


def drafting_orgs(user: Actor) -> OrganizationQuerySet:
    return access.orgs_for(user, *EDITOR_ROLES).order_by("path")


def may_draft(user: Actor, org: Organization) -> bool:
    return has(user, org, EDITOR_ROLES)


def may_import(user: Actor, org: Organization) -> bool:
    return has(user, org, EDITOR_ROLES)


def may_tag(user: Actor, catalog: StandardCatalog) -> bool:
    """Tag catalog items with the entries of a standard catalog: its organisation's editors and office."""
    return has(user, catalog.org, EDITOR_ROLES)


def may_publish_catalog(user: Actor, catalog: StandardCatalog) -> bool:
    return has(user, catalog.org, PUBLISH_ROLES)


class GuideRules:
    """What `user` may do to one guide version."""

    def __init__(self, user: Actor, version: GuideVersion) -> None:
        self.user = user
        self.version = version
        self.org = version.item.org

    def may_draft(self) -> bool:
        return has(self.user, self.org, EDITOR_ROLES)

    def may_review(self) -> bool:
        return has(self.user, self.org, REVIEW_ROLES)

    def is_own_draft(self) -> bool:
        return actors.is_user(self.user) and self.version.created_by_id == self.user.pk

    def may_cancel(self) -> bool:
        return has(self.user, self.org, PUBLISH_ROLES)

    def can_edit(self) -> bool:
        return self.may_draft() and self.version.status in EDITABLE_STATUSES

    def can_submit(self) -> bool:
        return self.can_edit()

    def can_review(self) -> bool:
        return self.version.status == Status.SUBMITTED and self.may_review() and not self.is_own_draft()

    def can_new_version(self) -> bool:
        return (
            self.may_draft()
            and self.version.status == Status.PUBLISHED
            and not self.version.item.versions.filter(
                status__in=list(EDITABLE_STATUSES | {Status.SUBMITTED})
            ).exists()
        )

    def can_cancel(self) -> bool:
        return self.may_cancel() and self.version.status == Status.PUBLISHED

    def open_actions(self) -> dict[str, bool]:
        return {
            "edit": self.can_edit(),
            "submit": self.can_submit(),
            "review": self.can_review(),
            "new_version": self.can_new_version(),
            "cancel": self.can_cancel(),
        }
