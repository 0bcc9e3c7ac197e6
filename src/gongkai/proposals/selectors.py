"""Reads of suggestions and proposals: what a user sees, one 404-not-403 fetch per record, the deadline lists."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet

from gongkai.core.actors import Actor
from gongkai.core.notfound import first_or_404
from gongkai.orgs.models import Organization
from gongkai.proposals import rules
from gongkai.proposals.models import (
    Assignment,
    Commitment,
    CommitmentState,
    Policy,
    Proposal,
    Reply,
    ReplyDisclosure,
    ReplyState,
    Session,
    Status,
)

OPEN = (Status.ASSIGNED, Status.REVIEW)


def policy_for(body: str) -> Policy:
    """The body's policy row (an unsaved row with the sourced defaults when the table has none)."""
    return Policy.objects.filter(body=body).first() or Policy(body=body)


def proposals_visible_to(user: Actor) -> QuerySet[Proposal]:
    q = rules.visible_q(user)
    qs = Proposal.objects.all() if q is None else Proposal.objects.filter(q).distinct()
    return qs.select_related("session", "session__org").order_by("-session__year", "session__body", "number")


def sessions_visible_to(user: Actor) -> QuerySet[Session]:
    q = rules.visible_q(user)
    if q is None:
        return Session.objects.all()
    return Session.objects.filter(
        pk__in=Proposal.objects.filter(q).values("session")
    ) | Session.objects.filter(org__in=rules.assigning_orgs(user))


def get_proposal_for_staff(*, user: Actor, pk: int) -> Proposal:
    return first_or_404(proposals_visible_to(user).filter(pk=pk), "没有找到该建议提案。")


def overdue(user: Actor, today: date) -> QuerySet[Proposal]:
    """Items still open after their answer deadline (the supervising office's list)."""
    return proposals_visible_to(user).filter(status__in=OPEN, due_on__lt=today).order_by("due_on")


def due_soon(user: Actor, today: date, days: int) -> QuerySet[Proposal]:
    return (
        proposals_visible_to(user)
        .filter(status__in=OPEN, due_on__gte=today, due_on__lte=today + timedelta(days=days))
        .order_by("due_on")
    )


def assignable_units(session: Session) -> QuerySet[Organization]:
    """The active organisations under the government whose office assigns the session's items."""
    government = Organization.objects.get_parent(session.org) or session.org
    return Organization.objects.filter(path__startswith=government.path, is_active=True).order_by("path")


def assigned_unit_names(proposal: Proposal) -> str:
    return "、".join(a.org.name for a in proposal.assignments.filter(active=True).select_related("org"))


def replies(proposal: Proposal) -> list[Reply]:
    return list(
        Reply.objects.filter(assignment__proposal=proposal, assignment__active=True)
        .select_related("assignment__org")
        .prefetch_related("cosigns__assignment__org")
    )


def replies_to_publish(user: Actor) -> QuerySet[Reply]:
    """Sent replies to be published and not yet published, by their publication deadline (late ones first)."""
    visible = proposals_visible_to(user).values("pk")
    return (
        Reply.objects.filter(
            assignment__proposal__in=visible, state=ReplyState.SENT, catalog_item__isnull=True
        )
        .exclude(disclosure=ReplyDisclosure.NONE)
        .exclude(assignment__proposal__confidential=True)
        .select_related("assignment__proposal", "assignment__org")
        .order_by("publish_due_on")
    )


def published_replies(*, session: int | None = None, unit: int | None = None, q: str = "") -> QuerySet[Reply]:
    """The public column: replies published in the catalog (and still published there)."""
    qs = Reply.objects.filter(catalog_item__status="published").select_related(
        "assignment__proposal__session", "assignment__org", "catalog_item"
    )
    if session:
        qs = qs.filter(assignment__proposal__session_id=session)
    if unit:
        qs = qs.filter(assignment__org_id=unit)
    if q:
        qs = qs.filter(Q(assignment__proposal__title__icontains=q) | Q(assignment__proposal__number=q))
    return qs.order_by("-published_on", "assignment__proposal__number")


def published_filters() -> tuple[QuerySet[Session], QuerySet[Organization]]:
    """The sessions and units that have published replies (the portal column's choices)."""
    published = Reply.objects.filter(catalog_item__status="published")
    sessions = Session.objects.filter(pk__in=published.values("assignment__proposal__session"))
    units = Organization.objects.filter(pk__in=published.values("assignment__org")).order_by("path")
    return sessions, units


def filter_for_statistics(
    items: QuerySet[Proposal],
    *,
    session: int | None = None,
    year: int | None = None,
    unit: str = "",
    kind: str = "",
) -> QuerySet[Proposal]:
    """Items of a session, of a year (the session's), answered by a unit (lead or split, by name) or of a kind."""
    if session:
        items = items.filter(session_id=session)
    if year:
        items = items.filter(session__year=year)
    if unit:
        pks = Assignment.objects.filter(
            org__name__icontains=unit, active=True, role__in=["lead", "split"]
        ).values("proposal")
        items = items.filter(pk__in=pks)
    if kind:
        items = items.filter(kind=kind)
    return items


def open_commitments(user: Actor) -> QuerySet[Commitment]:
    """Commitments not yet fulfilled, of every session and term, by due date."""
    visible = proposals_visible_to(user).values("pk")
    return (
        Commitment.objects.filter(proposal__in=visible, state=CommitmentState.OPEN)
        .select_related("proposal__session", "org")
        .order_by("due_on")
    )
