"""Reads of interpretations: the staff's by reach, the public's (published ones), and the links between an
item and its interpretations."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Exists, OuterRef, QuerySet

from gongkai.catalog.models import Disclosure, Item, Status
from gongkai.catalog.rules import STAFF_ROLES
from gongkai.core.notfound import first_or_404
from gongkai.interpretation.models import (
    CONFERENCE_PUBLIC,
    ConcernResponse,
    ConferenceMedia,
    ConferenceStatus,
    GazetteEntry,
    GazetteIssue,
    Interpretation,
    Kind,
    MediaAccount,
    MediaMonthlyCount,
    MediaPost,
    Platform,
    PressConference,
    ResponseKind,
)
from gongkai.orgs import access
from gongkai.orgs.models import Organization


def interpretations_visible_to(user: User | AnonymousUser) -> QuerySet[Interpretation]:
    qs = Interpretation.objects.select_related("item", "org").order_by("-item__written_on", "-id")
    return access.filter_by_org(qs, user, *STAFF_ROLES)


def get_interpretation_for_staff(*, user: User | AnonymousUser, pk: int) -> Interpretation:
    return first_or_404(interpretations_visible_to(user).filter(pk=pk), "没有找到该政策解读。")


def published() -> QuerySet[Interpretation]:
    """Interpretations whose item is publicly listed, newest first."""
    return (
        Interpretation.objects.filter(item__status=Status.PUBLISHED, item__disclosure=Disclosure.PROACTIVE)
        .select_related("item", "org")
        .order_by("-item__published_at", "-id")
    )


def interpretations_of(item: Item) -> QuerySet[Interpretation]:
    """The published interpretations of a document."""
    return published().filter(documents=item)


def documents_of(item: Item) -> QuerySet[Item]:
    """The published documents an interpretation's item interprets (none when the item is no interpretation)."""
    return Item.objects.published().filter(interpretations__item=item).order_by("-published_at")


def normative_documents_for(user: User | AnonymousUser) -> QuerySet[Item]:
    """The documents a staff member may link an interpretation to: normative documents in reach."""
    return access.filter_by_org(Item.objects.normative(), user).order_by("-written_on", "-id")


# --- Press conferences, responses, the gazette, new media -----------------------------------------------


def conferences_visible_to(user: User | AnonymousUser) -> QuerySet[PressConference]:
    return access.filter_by_org(PressConference.objects.select_related("org"), user, *STAFF_ROLES)


def get_conference_for_staff(*, user: User | AnonymousUser, pk: int) -> PressConference:
    return first_or_404(conferences_visible_to(user).filter(pk=pk), "没有找到该新闻发布会。")


def public_conferences() -> QuerySet[PressConference]:
    return PressConference.objects.filter(status__in=CONFERENCE_PUBLIC).select_related("org")


def get_public_conference(pk: int) -> PressConference:
    return first_or_404(public_conferences().filter(pk=pk), "没有找到该新闻发布会。")


def get_conference_media_for_staff(*, user: User | AnonymousUser, pk: int, media_pk: int) -> ConferenceMedia:
    found = ConferenceMedia.objects.filter(
        conference__in=conferences_visible_to(user), conference=pk, pk=media_pk
    )
    return first_or_404(found.select_related("conference"), "没有找到该图片或视频。")


def get_public_conference_media(*, pk: int, media_pk: int) -> ConferenceMedia:
    """A picture or video of a conference whose record is published (not at the notice stage)."""
    return first_or_404(
        ConferenceMedia.objects.filter(
            conference=pk, pk=media_pk, conference__status=ConferenceStatus.PUBLISHED
        ),
        "没有找到该图片或视频。",
    )


def responses_visible_to(user: User | AnonymousUser) -> QuerySet[ConcernResponse]:
    return access.filter_by_org(ConcernResponse.objects.select_related("org"), user, *STAFF_ROLES)


def issues_visible_to(user: User | AnonymousUser) -> QuerySet[GazetteIssue]:
    return access.filter_by_org(GazetteIssue.objects.select_related("org"), user, *STAFF_ROLES)


def get_issue_for_staff(*, user: User | AnonymousUser, pk: int) -> GazetteIssue:
    return first_or_404(issues_visible_to(user).filter(pk=pk), "没有找到该期公报。")


def public_issues() -> QuerySet[GazetteIssue]:
    return GazetteIssue.objects.filter(is_published=True).select_related("org")


def get_public_issue(pk: int) -> GazetteIssue:
    return first_or_404(public_issues().filter(pk=pk), "没有找到该期公报。")


def contents(issue: GazetteIssue) -> QuerySet[GazetteEntry]:
    """The issue's table of contents, in order."""
    return issue.entries.select_related("item", "item__org").order_by("sort_order", "id")


def issues_of(item: Item) -> QuerySet[GazetteIssue]:
    """The published issues an item appeared in."""
    return public_issues().filter(entries__item=item).distinct()


def publishable_items_for(user: User | AnonymousUser) -> QuerySet[Item]:
    """Published items a gazette editor may put in an issue: every published item in the user's reach."""
    return access.filter_by_org(Item.objects.published(), user).order_by("-published_at", "-id")


def accounts_visible_to(user: User | AnonymousUser) -> QuerySet[MediaAccount]:
    return access.filter_by_org(MediaAccount.objects.select_related("org"), user, *STAFF_ROLES)


def get_account_for_staff(*, user: User | AnonymousUser, pk: int) -> MediaAccount:
    return first_or_404(accounts_visible_to(user).filter(pk=pk), "没有找到该账号。")


# --- Statistics -----------------------------------------------------------------------------------------


def statistics(*, org: Organization, start: date, end: date, region: bool = True) -> dict[str, Any]:
    """The figures of issue 16 for `org` (with its subtree when `region`) from `start` to `end` inclusive
    (docs/interpretation.md, "Statistics"): interpretations published by kind and their on-time rate, press
    conferences held and policies interpreted there, responses, gazette issues and items, new-media posts."""
    where = {"org__path__startswith": org.path} if region else {"org": org}
    done = published().filter(**where, item__published_at__date__gte=start, item__published_at__date__lte=end)
    by_kind = dict.fromkeys(Kind.values, 0)
    for kind, n in done.values_list("kind").annotate(n=Count("id")).order_by():
        by_kind[kind] = n
    with_deadline = done.filter(due_on__isnull=False)
    timed = with_deadline.count()
    late = with_deadline.filter(is_late=True).count()
    conferences = public_conferences().filter(**where, held_on__gte=start, held_on__lte=end)
    conference_rows = list(conferences.annotate(n=Count("documents")).values_list("n", "policies"))
    policies = sum(n + len([x for x in text.splitlines() if x.strip()]) for n, text in conference_rows)
    by_kind[Kind.PRESS_CONFERENCE] += policies
    responses = ConcernResponse.objects.filter(**where, responded_on__gte=start, responded_on__lte=end)
    issues = public_issues().filter(**where, published_on__gte=start, published_on__lte=end)
    media_where = {f"account__{k}": v for k, v in where.items()}
    posts = dict.fromkeys(Platform.values, 0)
    for platform, n in (
        MediaPost.objects.filter(**media_where, posted_on__gte=start, posted_on__lte=end)
        .values_list("account__platform")
        .annotate(n=Count("id"))
        .order_by()
    ):
        posts[platform] += n
    for platform, year, month, n in MediaMonthlyCount.objects.filter(**media_where).values_list(
        "account__platform", "year", "month", "count"
    ):
        if start <= date(year, month, 1) <= end:
            posts[platform] += n
    return {
        "interpretations": sum(by_kind.values()),
        "interpretations_by_kind": {str(Kind(k).label): v for k, v in by_kind.items()},
        "with_deadline": timed,
        "late": late,
        "on_time_rate": round((timed - late) / timed * 100, 1) if timed else None,
        "press_conferences": len(conference_rows),
        "policies_interpreted_at_conferences": policies,
        "responses": responses.count(),
        "clarifications": responses.filter(kind=ResponseKind.CLARIFICATION).count(),
        "gazette_issues": issues.count(),
        "gazette_items": GazetteEntry.objects.filter(issue__in=issues).count(),
        "posts_by_platform": {str(Platform(k).label): v for k, v in posts.items()},
        "posts": sum(posts.values()),
    }


def statistics_orgs(user: User | AnonymousUser) -> QuerySet[Organization]:
    """The organisations whose figures a staff member may read."""
    return access.orgs_for(user, *STAFF_ROLES).order_by("path")


def item_flags() -> dict[str, Exists]:
    """Whether records of this app refer to an item, as annotations read with the item itself (the portal's item
    page asks for the links only where there are some): its published interpretations, whether it is an
    interpretation, the published gazette issues it appeared in."""
    return {
        "has_interpretations": Exists(published().filter(documents=OuterRef("pk"))),
        "is_interpretation": Exists(Interpretation.objects.filter(item=OuterRef("pk"))),
        "in_gazette": Exists(GazetteEntry.objects.filter(item=OuterRef("pk"), issue__is_published=True)),
    }
