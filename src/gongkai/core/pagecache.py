"""Generation counters of the public pages' shared cache (docs/scaling.md).

A cached public page's key holds the generation of every scope its content comes from ("orgs", "catalog",
"reports"). Whatever changes a record of a scope bumps its generation once its transaction commits, so every
page built before the change is never served again (it ages out of the cache), while pages of other scopes
stay. Invalidation is therefore exact and costs one counter increment; a page read costs one `get_many`.

The counters live in the default cache (Redis in production, so every app server and every command sees the
same generation). They start from the clock, not from 1, so that a counter evicted or lost while old pages
survive never comes back to a value those pages were stored under.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

SCOPES = ("orgs", "catalog", "reports")
_PREFIX = "gongkai:pagegen:"


def _key(scope: str) -> str:
    if scope not in SCOPES:
        raise ValueError(f"Unknown page-cache scope: {scope!r}")
    return _PREFIX + scope


def generations(scopes) -> tuple[int, ...]:
    """The current generation of each scope (in the given order), creating missing counters."""
    keys = [_key(s) for s in scopes]
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
        if value is None:
            cache.add(key, time.time_ns(), timeout=None)
            value = cache.get(key)
        values.append(int(value))
    return tuple(values)


def _bump_now(scopes) -> None:
    for scope in scopes:
        key = _key(scope)
        try:
            cache.incr(key)
        except ValueError:  # no counter yet (or evicted): start a new one that no old page used
            cache.set(key, time.time_ns(), timeout=None)


def bump(*scopes: str) -> None:
    """Invalidate the cached pages of these scopes: at once, and again when the current transaction commits.

    At once, so that the writer's own reads in its transaction never meet an old page; again after the commit,
    because a reader that rebuilt a page between the first bump and the commit (still seeing the old rows)
    cached the old content under the new generation. A rolled-back change costs one needless bump."""
    for scope in scopes:
        _key(scope)  # fail early on a typo, inside the caller's transaction
    _bump_now(scopes)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _bump_now(scopes), robust=True)
