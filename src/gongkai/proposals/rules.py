"""Who may act on suggestions and proposals, and which actions are open now.

The government office that assigns a session's items (the session's `org`: its office and supervisor roles)
registers, imports, assigns, merges, decides return requests and watches the deadlines. A unit assigned an item
(its office role) handles its part: a lead answers, a co-handler sends its opinion to the lead and never answers
the delegate, any unit may ask to return the item within the window. Reach comes from `orgs.access` only; the
services enforce `may_*`, the interfaces ask `can_*` and `open_actions`.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai.core.actors import Actor, is_system
from gongkai.orgs import access
from gongkai.orgs.models import Organization, Role
from gongkai.proposals.models import (
    Assignment,
    AssignmentRole,
    Commitment,
    CommitmentState,
    Proposal,
    Reply,
    ReplyDisclosure,
    ReplyState,
    ReturnState,
    Session,
    Status,
)

#: Who assigns and supervises at the assigning office; who handles in a unit.
ASSIGNING_ROLES = (Role.OFFICE, Role.SUPERVISOR)
HANDLING_ROLES = (Role.OFFICE,)
#: Who sees items: the assigners, the handlers, the unit's head.
SEEING_ROLES = (Role.OFFICE, Role.SUPERVISOR, Role.HEAD)


def may_assign(user: Actor, org: Organization) -> bool:
    """Register, import, assign, merge, decide returns: the government's general office (政府办公室), or a job
    of the platform (the demo, an import command)."""
    return is_system(user) or (org.is_competent_department and access.has_role(user, org, *ASSIGNING_ROLES))


def may_handle(user: Actor, assignment: Assignment) -> bool:
    return assignment.active and (is_system(user) or access.has_role(user, assignment.org, *HANDLING_ROLES))


def may_sign(user: Actor, org: Organization) -> bool:
    """The unit's head signs its replies (单位负责人审签)."""
    return is_system(user) or access.is_head(user, org)


def assigning_orgs(user: Actor) -> QuerySet[Organization]:
    """The organisations where `user` may open sessions and register items."""
    return access.orgs_for(user, *ASSIGNING_ROLES).filter(is_competent_department=True).order_by("path")


def can_register(user: Actor) -> bool:
    return any(o.is_competent_department for o in access.membership_orgs(user, *ASSIGNING_ROLES))


def visible_q(user: Actor) -> Q | None:
    """Items `user` sees: those of sessions of an organisation reached, or assigned to one (None: all)."""
    by_session = access.orgs_q(user, *SEEING_ROLES, field="session__org")
    by_unit = access.orgs_q(user, *SEEING_ROLES, field="assignments__org")
    if by_session is None or by_unit is None:
        return None
    return by_session | by_unit


class ProposalRules:
    """One object per (actor, item)."""

    def __init__(self, user: Actor, proposal: Proposal) -> None:
        self.user = user
        self.proposal = proposal

    def may_assign(self) -> bool:
        return may_assign(self.user, self.proposal.session.org)

    def handled_by(self, role: str) -> list[Assignment]:
        return [
            a for a in self.proposal.assignments.filter(active=True, role=role).select_related("org")
            if may_handle(self.user, a)
        ]  # fmt: skip

    def can_assign(self) -> bool:
        return self.may_assign() and self.proposal.status == Status.REGISTERED

    def can_merge(self) -> bool:
        return self.may_assign() and self.proposal.status in (Status.REGISTERED, Status.ASSIGNED)

    def can_set_difficult(self) -> bool:
        return self.may_assign() and self.proposal.status == Status.ASSIGNED and not self.proposal.difficult

    def returnable(self) -> list[Assignment]:
        """The user's assignments of this item without a pending request, while the item is being handled."""
        if self.proposal.status != Status.ASSIGNED:
            return []
        return [
            a for a in self.proposal.assignments.filter(active=True).select_related("org")
            if may_handle(self.user, a) and not a.return_requests.filter(state=ReturnState.PENDING).exists()
        ]  # fmt: skip

    def opinion_open(self) -> list[Assignment]:
        """The user's co-handling parts whose opinion has not been sent yet."""
        if self.proposal.status != Status.ASSIGNED:
            return []
        return [a for a in self.handled_by(AssignmentRole.CO) if a.opinion_sent_on is None]

    def contact_units(self) -> list[Assignment]:
        """The user's active parts of an item being handled or answered (contacts go on after the answer)."""
        if self.proposal.status not in (Status.ASSIGNED, Status.REVIEW, Status.ANSWERED):
            return []
        return [
            a
            for a in self.proposal.assignments.filter(active=True).select_related("org")
            if may_handle(self.user, a)
        ]

    def drafting(self) -> list[Assignment]:
        """The user's answering parts (lead or split) whose reply may be drafted or redrafted now."""
        if self.proposal.status != Status.ASSIGNED:
            return []
        parts = self.handled_by(AssignmentRole.LEAD) + self.handled_by(AssignmentRole.SPLIT)
        return [a for a in parts if (r := reply_of(a)) is None or r.state == ReplyState.DRAFT]

    def cosigning(self) -> list[tuple[Assignment, Reply]]:
        """(the user's co-handling part, the lead's draft) pairs waiting for the user's co-signature."""
        if self.proposal.status != Status.ASSIGNED:
            return []
        lead = self.proposal.assignments.filter(active=True, role=AssignmentRole.LEAD).first()
        reply = reply_of(lead) if lead else None
        if reply is None or reply.state != ReplyState.DRAFT:
            return []
        return [
            (a, reply)
            for a in self.handled_by(AssignmentRole.CO)
            if not reply.cosigns.filter(assignment=a, valid=True).exists()
        ]

    def reviewing(self) -> list[Reply]:
        """Replies waiting for the user's signature as head of the answering unit (单位负责人审签)."""
        return [
            r for r in Reply.objects.filter(assignment__proposal=self.proposal, assignment__active=True,
                                            state=ReplyState.REVIEW).select_related("assignment__org")
            if may_sign(self.user, r.assignment.org)
        ]  # fmt: skip

    def publishable(self) -> list[Reply]:
        """Sent replies to publish, for the answering unit's office or the assigning office."""
        if self.proposal.confidential:
            return []
        return [
            r for r in Reply.objects.filter(assignment__proposal=self.proposal, assignment__active=True,
                                            state=ReplyState.SENT, catalog_item__isnull=True)
            .exclude(disclosure=ReplyDisclosure.NONE).select_related("assignment__org")
            if may_handle(self.user, r.assignment) or self.may_assign()
        ]  # fmt: skip

    def answering_units(self) -> list[Assignment]:
        return self.handled_by(AssignmentRole.LEAD) + self.handled_by(AssignmentRole.SPLIT)

    def open_commitments(self) -> list[Commitment]:
        units = {a.org_id for a in self.answering_units()}
        return [c for c in self.proposal.commitments.filter(state=CommitmentState.OPEN) if c.org_id in units]

    def can_decide_returns(self) -> bool:
        return self.may_assign() and any(
            a.return_requests.filter(state=ReturnState.PENDING).exists()
            for a in self.proposal.assignments.all()
        )

    def open_actions(self) -> dict[str, bool]:
        return {
            "assign": self.can_assign(),
            "merge": self.can_merge(),
            "difficult": self.can_set_difficult(),
            "return_request": bool(self.returnable()),
            "return_decide": self.can_decide_returns(),
            "opinion": bool(self.opinion_open()),
            "contact": bool(self.contact_units()),
            "reply_draft": bool(self.drafting()),
            "reply_submit": any(reply_of(a) is not None for a in self.drafting()),
            "cosign": bool(self.cosigning()),
            "reply_review": bool(self.reviewing()),
            "publish": bool(self.publishable()),
            "feedback_codes": self.proposal.status == Status.ANSWERED
            and (self.may_assign() or bool(self.answering_units())),
            "feedback_enter": self.may_assign() and self.proposal.status in (Status.ANSWERED, Status.CLOSED),
            "close": self.may_assign() and self.proposal.status == Status.ANSWERED,
            "commitment": bool(self.answering_units()) and self.proposal.status != Status.MERGED,
            "commitment_settle": bool(self.open_commitments()),
        }


def reply_of(assignment: Assignment) -> Reply | None:
    try:
        return assignment.reply
    except Reply.DoesNotExist:
        return None


def missing_cosigns(reply: Reply) -> list[Assignment]:
    """The active co-handlers of the item who have not co-signed this draft: a lead's reply goes to review only
    when this is empty."""
    if reply.assignment.role != AssignmentRole.LEAD:
        return []
    signed = set(reply.cosigns.filter(valid=True).values_list("assignment_id", flat=True))
    co = reply.assignment.proposal.assignments.filter(active=True, role=AssignmentRole.CO).select_related(
        "org"
    )
    return [a for a in co if a.pk not in signed]


def may_see_contacts(user: Actor, proposal: Proposal) -> bool:
    """The assigning office and the units handling the item see the proposers' contacts; nobody else."""
    if may_assign(user, proposal.session.org):
        return True
    return any(may_handle(user, a) for a in proposal.assignments.filter(active=True).select_related("org"))


def may_open_session(user: Actor, session: Session) -> bool:
    return may_assign(user, session.org)


def sees_proposals(roles: set[str]) -> bool:
    """Whether a holder of `roles` (`orgs.access.roles_of`) has the proposals panel on the dashboard."""
    return bool(roles & set(SEEING_ROLES))
