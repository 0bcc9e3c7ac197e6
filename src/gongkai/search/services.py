"""Keeping the search index in step with the catalog.

The catalog's services call these inside the transaction that publishes, corrects or withdraws an item, so
the index never disagrees with the catalog. Implemented by the search subsystem (docs/search.md).
"""

from __future__ import annotations


def item_indexed(*, item) -> None:
    """Add or replace a published catalog item in the index."""


def item_unindexed(*, item) -> None:
    """Remove an item (withdrawn, or no longer public) from the index."""
