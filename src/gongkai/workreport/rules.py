"""Who may see, draft and publish a work report: the annual report's rules (`reports.rules`), reused.

The work report is the government's companion of its statutory annual report, compiled by the same people:
the disclosure office, the supervisor of the region and the admin see it, the office and the supervisor draft
it, and the head of the working body (or the office where the head delegated, `orgs.access.can_approve`)
publishes it, as with the annual report.
"""

from __future__ import annotations

from gongkai.core import actors
from gongkai.core.actors import Actor
from gongkai.orgs import access
from gongkai.orgs.models import Kind, Organization, OrganizationQuerySet, Role
from gongkai.reports import rules as report_rules
from gongkai.reports.rules import ReportRules, require
from gongkai.workreport.models import Status, WorkReport

__all__ = ["WorkReportRules", "may_open", "orgs_to_draft", "orgs_to_view", "require", "sees_work_reports"]


def sees_work_reports(roles: set[str]) -> bool:
    """Whether a holder of `roles` has the work reports among their work (the menu asks)."""
    return report_rules.sees_reports(roles)


def orgs_to_view(user: Actor) -> OrganizationQuerySet:
    """Organisations whose work reports `user` sees: those of the annual reports, and the head's own (to approve)."""
    return (report_rules.orgs_reached(user) | access.orgs_for(user, Role.HEAD)).distinct()


def orgs_to_draft(user: Actor) -> OrganizationQuerySet:
    """Governments whose work report `user` may create."""
    return report_rules.orgs_to_draft(user).filter(kind=Kind.GOVERNMENT)


class WorkReportRules:
    def __init__(
        self, user: Actor | None, report: WorkReport | None = None, *, org: Organization | None = None
    ):
        self.user = user
        self.report = report
        org = org if org is not None else (report.org if report is not None else None)
        if org is None:
            raise TypeError("WorkReportRules needs a report or an organisation.")
        self.org = org
        self._rules = ReportRules(user, org=org)

    def may_view(self) -> bool:
        return self._rules.may_view() or access.is_head(self.user, self.org)

    def may_draft(self) -> bool:
        return self._rules.may_draft()

    def may_publish(self) -> bool:
        return actors.is_user(self.user) and self._rules.may_approve()

    def can_edit(self) -> bool:
        return self.may_draft() and self.report is not None and self.report.status == Status.DRAFT

    def can_publish(self) -> bool:
        return self.can_edit_status() and self.may_publish()

    def can_edit_status(self) -> bool:
        return self.report is not None and self.report.status == Status.DRAFT

    def open_actions(self) -> dict[str, bool]:
        return {"edit": self.can_edit(), "publish": self.can_publish()}


def may_open(user: Actor) -> bool:
    """Whether the work report pages open for `user` (the menu and the list ask)."""
    return orgs_to_view(user).filter(kind=Kind.GOVERNMENT).exists()
