"""The interface both backends implement, and what they share."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from gongkai.search.documents import (
    NORMATIVE_TAG,
    Doc,
    class_tag,
    genre_tag,
    org_tag,
    topic_tag,
    validity_tag,
)
from gongkai.search.query import ParsedQuery

#: Columns of SearchDocument that a search reads for the result page.
PAGE_COLUMNS = (
    "key", "item_id", "url", "title", "doc_no", "index_no", "summary", "body", "day", "year", "org_id",
    "org_name", "org_code", "topic_code", "topic_name", "genre_code", "genre_name", "validity",
    "is_normative", "statutory_class", "attachments",
)  # fmt: skip
STORED_COLUMNS = (*PAGE_COLUMNS, "org_path", "keywords", "topic_parent_code", "analyzer")


class Tier(enum.Enum):
    """Which part of a document must contain the query (the relevance tiers, best first)."""

    TITLE_PHRASE = "title_phrase"  # the title holds all terms run together
    TITLE = "title"  # the title holds every term
    PHRASE = "phrase"  # the document holds all terms run together
    ALL = "all"  # the document holds every term (the result set)


class HitRow(NamedTuple):
    key: int
    org_id: int
    topic_code: str
    year: int


@dataclass(frozen=True)
class Filters:
    org_id: int | None = None  # this organisation only
    org_path: str | None = None  # this organisation and everything below it
    topic_code: str = ""
    statutory_class: str = ""
    genre_code: str = ""
    date_from: date | None = None
    date_to: date | None = None
    validity: str = ""
    normative_only: bool = False
    extra_tags: tuple[str, ...] = field(default=())

    def tags(self) -> list[str]:
        tags = list(self.extra_tags)
        if self.org_path:
            tags.append(org_tag(org_path=self.org_path))
        if self.org_id is not None:
            tags.append(org_tag(org_id=self.org_id))
        if self.topic_code:
            tags.append(topic_tag(self.topic_code))
        if self.statutory_class:
            tags.append(class_tag(self.statutory_class))
        if self.genre_code:
            tags.append(genre_tag(self.genre_code))
        if self.validity:
            tags.append(validity_tag(self.validity))
        if self.normative_only:
            tags.append(NORMATIVE_TAG)
        return tags


class Backend:
    """One full-text engine over the SearchDocument table. Works on Django's default connection, so index
    writes join the caller's transaction."""

    vendor = ""

    # --- writing --------------------------------------------------------------------------------------
    def upsert(self, doc: Doc) -> None:
        raise NotImplementedError

    def upsert_many(self, docs: list[Doc]) -> None:
        """Add or replace several documents (one round of statements for the batch where the engine can)."""
        for doc in docs:
            self.upsert(doc)

    def delete(self, item_id: int) -> bool:
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def bulk_load(self, docs: Iterable[Doc], *, batch: int = 2000) -> Iterator[int]:
        """Add many documents to an empty index, yielding the number added after each batch."""
        raise NotImplementedError

    def finish_bulk(self) -> None:
        """After bulk_load: rebuild what bulk loading skipped, tidy up."""

    def analyze(self) -> None:
        """After many writes (an import): refresh the planner's statistics of the index tables, if it has any."""

    # --- reading --------------------------------------------------------------------------------------
    def hits(
        self,
        *,
        tier: Tier,
        query: ParsedQuery,
        filters: Filters,
        key_lo: int | None,
        key_hi: int | None,
        limit: int,
        probe_density: float | None = None,
    ) -> list[HitRow]:
        """The first `limit` matching documents in key order (newest first) within [key_lo, key_hi].

        `probe_density` is a hint: the share of documents the caller expects to match, when known."""
        raise NotImplementedError

    def day_counts(self) -> list[tuple[int, int]]:
        """(day ordinal, number of documents) for every day with documents, in key order."""
        raise NotImplementedError
