"""Who may view, draft, enter figures for, approve and publish an annual report, and which actions are open now.

One object per (user, report), as `catalog.rules.ItemRules`: the services enforce the role half (`may_*`) and
check the status themselves; the back office, menus and the API ask `can_*` and `open_actions`. Reach by role is
decided by `orgs.access` only. Approving a report publishes it, so the approver is the publisher.

A `System` actor (the demo loader, scheduled jobs) may draft and enter figures; it approves nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied

from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import ApprovalKind, Organization, OrganizationQuerySet, Role
from gongkai.reports.models import AnnualReport, ReportStatus

VIEW_ROLES = (Role.OFFICE, Role.SUPERVISOR, Role.ADMIN)  # see reports, statistics and the duty list
REMINDED_ROLES = (Role.OFFICE,)  # told by e-mail of their organisation's report deadline
EDIT_ROLES = (Role.OFFICE, Role.SUPERVISOR)  # draft, edit, submit a report; enter the office figures


def require(allowed: bool, message: str) -> None:
    """PermissionDenied with `message` unless `allowed`."""
    if not allowed:
        raise PermissionDenied(message)


def two_person_rule() -> bool:
    return bool(getattr(settings, "GONGKAI_FOI_TWO_PERSON_APPROVAL", True))


def sees_reports(roles: set[str]) -> bool:
    """Whether a holder of `roles` (`orgs.access.roles_of`) has the annual reports among their work."""
    return bool(roles & set(VIEW_ROLES))


def orgs_reached(user: Actor) -> OrganizationQuerySet:
    """Organisations, active or not, whose reports and figures `user` may see."""
    return access.orgs_for(user, *VIEW_ROLES)


def orgs_to_view(user: Actor) -> OrganizationQuerySet:
    """Active organisations whose reports and statistics `user` may see."""
    return orgs_reached(user).filter(is_active=True).order_by("path")


def orgs_to_draft(user: Actor) -> OrganizationQuerySet:
    """Active organisations whose annual reports (and office figures) `user` may edit."""
    return access.orgs_for(user, *EDIT_ROLES).filter(is_active=True).order_by("path")


def may_enter_figures_somewhere(user: Actor) -> bool:
    return orgs_to_draft(user).exists()


class ReportRules:
    """What `user` may do to `report`, or, before a report exists, in `org`."""

    def __init__(
        self, user: Actor | None, report: AnnualReport | None = None, *, org: Organization | None = None
    ) -> None:
        self.user = user
        self.report = report
        if org is None:
            if report is None:
                raise TypeError("ReportRules needs a report or an organisation.")
            org = report.org
        self.org = org

    # --- The role half, enforced by the services ---------------------------------------------------

    def may_view(self) -> bool:
        return actors.is_system(self.user) or access.has_role(self.user, self.org, *VIEW_ROLES)

    def may_draft(self) -> bool:
        """Create, edit, redraft and submit a report; enter the office figures."""
        return actors.is_system(self.user) or access.has_role(self.user, self.org, *EDIT_ROLES)

    may_enter_figures = may_draft

    def may_approve(self) -> bool:
        """The head of the report organisation's working body, or its office where the head delegated."""
        return actors.is_user(self.user) and access.can_approve(self.user, self.org, ApprovalKind.REPORT)

    may_publish = may_approve

    def is_own_submission(self) -> bool:
        """While the two-person rule is on, nobody approves the report they submitted."""
        return (
            two_person_rule()
            and self.report is not None
            and self.report.submitted_by_id is not None
            and self.report.submitted_by_id == getattr(self.user, "pk", None)
        )

    # --- Role and status: which actions are open now -----------------------------------------------

    def can_edit(self) -> bool:
        return self.may_draft() and self.report is not None and self.report.status == ReportStatus.DRAFT

    def can_approve(self) -> bool:
        return (
            self.report is not None
            and self.report.is_submitted
            and self.may_approve()
            and not self.is_own_submission()
        )

    def open_actions(self) -> dict[str, bool]:
        """Every action of the report page with whether it is open now (template flags `can_<name>`)."""
        return {"edit": self.can_edit(), "approve": self.can_approve()}
