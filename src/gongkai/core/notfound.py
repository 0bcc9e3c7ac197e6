"""A record a page or an API call names: the one the caller's query finds, or "not found" (404) with a message
a person can read. Records outside the user's reach are filtered out by the query, so they too are simply not
found (a 404 leaks nothing, a 403 would)."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import Http404

M = TypeVar("M", bound=Model)


def first_or_404(queryset: QuerySet[M], message: str) -> M:
    """The first record of `queryset`, else Http404(`message`)."""
    found = queryset.first()
    if found is None:
        raise Http404(message)
    return found
