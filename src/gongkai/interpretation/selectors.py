"""Reads of interpretations: the staff's by reach, the public's (published ones), and the links between an
item and its interpretations."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet
from django.http import Http404

from gongkai.catalog.models import Disclosure, Item, Status
from gongkai.catalog.rules import STAFF_ROLES
from gongkai.interpretation.models import Interpretation
from gongkai.orgs import access


def interpretations_visible_to(user: User | AnonymousUser) -> QuerySet[Interpretation]:
    qs = Interpretation.objects.select_related("item", "org").order_by("-item__written_on", "-id")
    return access.filter_by_org(qs, user, *STAFF_ROLES)


def get_interpretation_for_staff(*, user: User | AnonymousUser, pk: int) -> Interpretation:
    found = interpretations_visible_to(user).filter(pk=pk).first()
    if found is None:
        raise Http404("没有找到该政策解读。")
    return found


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
