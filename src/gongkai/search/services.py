"""Keeping the search index: documents in, documents out, and the rebuild from every source.

Search knows no other app's models: an owner of documents (the catalog) hands them over as `Doc`s, inside the
transaction that changes them, so the index never disagrees with its owner (docs/search.md): a withdrawn item
leaves the results when that transaction commits, and a failed publication leaves the index as it was. For a
rebuild, each owner registers a source at start-up (`provide`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.db import transaction

from gongkai.search import selectors
from gongkai.search.backends import get_backend
from gongkai.search.documents import Doc


@dataclass(frozen=True)
class Source:
    """Where a rebuild reads documents: how many there are, and all of them, `batch` rows at a time."""

    count: Callable[[], int]
    documents: Callable[[int], Iterable[Doc]]


_SOURCES: list[Source] = []


def provide(source: Source) -> None:
    """Register a source of documents (an app's ready()); registering the same one twice is harmless."""
    if source not in _SOURCES:
        _SOURCES.append(source)


@transaction.atomic
def document_indexed(*, doc: Doc) -> None:
    """Add or replace one document."""
    get_backend().upsert(doc)
    selectors.index_changed()


@transaction.atomic
def documents_indexed(*, docs: Sequence[Doc], removed: Sequence[int] = ()) -> None:
    """A batch (imports): `docs` written in one round, the documents of `removed` ids taken out."""
    for doc_id in removed:
        document_unindexed(doc_id=doc_id)
    if docs:
        get_backend().upsert_many(list(docs))
        selectors.index_changed()


@transaction.atomic
def document_unindexed(*, doc_id: int) -> None:
    """Remove a document (its owner withdrew it, or it is no longer public)."""
    if get_backend().delete(doc_id):
        selectors.index_changed()


def reindex(*, progress: Callable[[int], None] | None = None, batch: int = 2000) -> int:
    """Rebuild the whole index from every source, in one transaction (searches keep seeing the old index until
    it commits). Returns the number of documents indexed."""
    backend = get_backend()
    done = 0

    def documents() -> Iterable[Doc]:
        for source in _SOURCES:
            yield from source.documents(batch)

    with transaction.atomic():
        backend.clear()
        for added in backend.bulk_load(documents(), batch=batch):
            done += added
            if progress:
                progress(added)
        backend.finish_bulk()
    selectors.index_changed()
    return done


def analyze() -> None:
    """Refresh the database's statistics of the index tables after a large load (PostgreSQL; see
    `catalog.importing.analyze_loaded_tables`)."""
    get_backend().analyze()


def published_count() -> int:
    """The documents a rebuild would index."""
    return sum(source.count() for source in _SOURCES)
