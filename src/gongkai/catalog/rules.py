"""Who may do what to a catalog item, and which of its actions are open now.

One object per (user, item), as Wagtail's page permission tester: the services enforce it (`may_*`, the role
half; they check the status themselves and give a validation error for it), the back office, menus and the API
ask it (`can_*`, role and status together). Reach by role is decided by `orgs.access` only.

A `System` actor (imports, scheduled jobs, the demo loader) is granted every role; status still rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from gongkai.catalog.models import EDITABLE_STATUSES, Item, Status
from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import Organization, Role

EDITOR_ROLES = (Role.EDITOR, Role.OFFICE)  # draft, edit, submit, attach files, record channel publications
PUBLISHER_ROLES = (Role.REVIEWER, Role.OFFICE)  # schedule, publish, correct
WITHDRAW_ROLES = (*PUBLISHER_ROLES, Role.ADMIN)  # withdraw, change a normative document's validity
REVIEW_STATUSES = {Status.SUBMITTED, Status.ESCALATED}
STAFF_ROLES = (Role.EDITOR, Role.REVIEWER, Role.OFFICE, Role.SUPERVISOR, Role.ADMIN)  # the catalog's pages
QUEUE_ROLES = (Role.REVIEWER, Role.SUPERVISOR)  # the review queue (a supervisor's: escalated items)
REVIEW_ROLES = (Role.REVIEWER,)  # items submitted for review


def can_draft(user: Actor) -> bool:
    """Whether `user` drafts in some organisation (editors and offices reach their own organisation only)."""
    return actors.is_user(user) and access.holds_role(user, *EDITOR_ROLES)


def work_of(roles: set[str]) -> dict[str, bool]:
    """Which parts of the catalog's work a holder of `roles` (`orgs.access.roles_of`) has, for the menus and the
    dashboard: any at all, drafts, the review queue, publishing."""
    return {
        "any": bool(roles & set(STAFF_ROLES)),
        "drafts": bool(roles & set(EDITOR_ROLES)),
        "review": bool(roles & set(QUEUE_ROLES)),
        "publish": bool(roles & set(PUBLISHER_ROLES)),
    }


def require(allowed: bool, message: str) -> None:
    """PermissionDenied with `message` unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


class ItemRules:
    """What `user` may do to `item`, or, before an item exists, in `org`."""

    def __init__(
        self, user: Actor | None, item: Item | None = None, *, org: Organization | None = None
    ) -> None:
        self.user = user
        self.item = item
        if org is None:
            assert item is not None, "ItemRules needs an item or an organisation"
            org = item.org
        self.org = org

    def _has(self, roles: tuple[str, ...]) -> bool:
        return actors.is_system(self.user) or access.has_role(self.user, self.org, *roles)

    # --- The role half, enforced by the services ---------------------------------------------------

    def may_draft(self) -> bool:
        return self._has(EDITOR_ROLES)

    def reviewer_roles(self) -> tuple[str, ...]:
        """An escalated item may be reviewed by the supervisor as well (the superior's review)."""
        escalated = self.item is not None and self.item.status == Status.ESCALATED
        return (Role.REVIEWER, Role.SUPERVISOR) if escalated else (Role.REVIEWER,)

    def may_review(self) -> bool:
        return self._has(self.reviewer_roles())

    def is_own_draft(self) -> bool:
        """Nobody reviews what they drafted (two people see every item before it is published)."""
        return actors.is_user(self.user) and self.item is not None and self.item.created_by_id == self.user.pk

    def may_publish(self) -> bool:
        return self._has(PUBLISHER_ROLES)

    def may_withdraw(self) -> bool:
        return self._has(WITHDRAW_ROLES)

    # --- Role and status: which actions are open now -----------------------------------------------

    def _status(self) -> str | None:
        return self.item.status if self.item is not None else None

    def can_edit(self) -> bool:
        return self.may_draft() and self._status() in EDITABLE_STATUSES

    def can_submit(self) -> bool:
        return self.can_edit()

    def can_review(self) -> bool:
        return self._status() in REVIEW_STATUSES and self.may_review() and not self.is_own_draft()

    def can_publish(self) -> bool:
        return self.may_publish() and self._status() == Status.APPROVED

    def can_unschedule(self) -> bool:
        return self.may_publish() and self._status() == Status.SCHEDULED

    def can_withdraw(self) -> bool:
        return self.may_withdraw() and self._status() == Status.PUBLISHED

    def can_correct(self) -> bool:
        return self.may_publish() and self._status() == Status.PUBLISHED

    def can_change_validity(self) -> bool:
        return self.can_withdraw() and self.item is not None and self.item.is_normative

    def open_actions(self) -> dict[str, bool]:
        """Every action of the item page with whether it is open now (template flags `can_<name>`)."""
        return {
            "edit": self.can_edit(),
            "submit": self.can_submit(),
            "review": self.can_review(),
            "publish": self.can_publish(),
            "unschedule": self.can_unschedule(),
            "withdraw": self.can_withdraw(),
            "correct": self.can_correct(),
            "validity": self.can_change_validity(),
        }
