"""What the index stores for one item, and the filter tags derived from it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from gongkai.search.models import make_key
from gongkai.search.text import ANALYZER_VERSION, normalize, spaced

#: Between fields, so that no phrase runs from one field into the next (not a single character: queries
#: only ever produce single-character tokens, so it never matches).
FIELD_BREAK = " zzsep "
ORG_STEPLEN = 4  # treebeard's path step (orgs.Organization.steplen)


def _code(value: str) -> str:
    """A value as letters and digits only, the same for any input (tags must be one index token)."""
    return value.encode("utf-8").hex()


def org_tags(org_path: str) -> list[str]:
    return [f"zo{org_path[:i].lower()}" for i in range(ORG_STEPLEN, len(org_path) + 1, ORG_STEPLEN)]


def org_tag(*, org_id: int | None = None, org_path: str | None = None) -> str:
    if org_path is not None:
        return f"zo{org_path.lower()}"
    return f"zi{org_id}"


def topic_tag(code: str) -> str:
    return f"zt{_code(code)}"


def genre_tag(code: str) -> str:
    return f"zg{_code(code)}"


def class_tag(value: str) -> str:
    return f"zc{_code(value)}"


def validity_tag(value: str) -> str:
    return f"zv{_code(value)}"


NORMATIVE_TAG = "znormative"


def attachment_chars() -> int:
    """Characters of attachment text an item brings into the index at most (all its attachments)."""
    return getattr(settings, "GONGKAI_SEARCH_ATTACHMENT_CHARS", 300_000)


@dataclass(frozen=True)
class AttachedText:
    """The text of one file attached to a document, as the owner of the document hands it over."""

    name: str
    url: str
    text: str


def attachments_json(attachments) -> str:
    return (
        json.dumps([[a.name, a.url, a.text] for a in attachments], ensure_ascii=False) if attachments else ""
    )


def attachments_from_json(raw) -> tuple[AttachedText, ...]:
    if not raw:
        return ()
    if isinstance(raw, str):
        raw = json.loads(raw)
    return tuple(AttachedText(*entry) for entry in raw)


def capped(attachments, budget: int) -> tuple[AttachedText, ...]:
    """The attachments with their texts cut so that together they hold at most `budget` characters."""
    out = []
    for a in attachments:
        if budget <= 0:
            break
        text = a.text[:budget]
        budget -= len(text)
        out.append(AttachedText(a.name, a.url, text))
    return tuple(out)


@dataclass
class Doc:
    item_id: int
    url: str
    title: str
    day: date
    org_id: int
    org_path: str
    org_name: str
    org_code: str = ""
    body: str = ""
    doc_no: str = ""
    index_no: str = ""
    summary: str = ""
    keywords: str = ""
    topic_code: str = ""
    topic_parent_code: str = ""
    topic_name: str = ""
    genre_code: str = ""
    genre_name: str = ""
    statutory_class: str = ""
    validity: str = ""
    is_normative: bool = False
    attachments: tuple[AttachedText, ...] = field(default=())

    @property
    def key(self) -> int:
        return make_key(day=self.day, item_id=self.item_id)

    def tags(self) -> list[str]:
        tags = [*org_tags(self.org_path), f"zi{self.org_id}"]
        for code in {self.topic_code, self.topic_parent_code} - {""}:
            tags.append(topic_tag(code))
        if self.genre_code:
            tags.append(genre_tag(self.genre_code))
        if self.statutory_class:
            tags.append(class_tag(self.statutory_class))
        if self.validity:
            tags.append(validity_tag(self.validity))
        if self.is_normative:
            tags.append(NORMATIVE_TAG)
        return tags

    def fields(self) -> list[str]:
        """The searchable texts, title first, attachments last."""
        return [
            self.title, self.doc_no, self.index_no, self.summary, self.keywords, self.body,
            *(a.text for a in self.attachments),
        ]  # fmt: skip

    # SQLite: one token per character, fields apart, tags after.
    def fts_text(self) -> str:
        return FIELD_BREAK.join(spaced(f) for f in self.fields() if f) + FIELD_BREAK + " ".join(self.tags())

    def fts_title(self) -> str:
        return spaced(self.title) + FIELD_BREAK + " ".join(self.tags())

    # PostgreSQL: normalised texts for the exact check, characters and pairs as lexemes.
    def norm_fields(self) -> list[str]:
        return [normalize(f) for f in self.fields() if f]

    def row(self) -> dict:
        return {
            "key": self.key,
            "item_id": self.item_id,
            "url": self.url,
            "title": self.title,
            "doc_no": self.doc_no,
            "index_no": self.index_no,
            "summary": self.summary,
            "keywords": self.keywords,
            "body": self.body,
            "day": self.day,
            "year": self.day.year,
            "org_id": self.org_id,
            "org_path": self.org_path,
            "org_name": self.org_name,
            "org_code": self.org_code,
            "topic_code": self.topic_code,
            "topic_parent_code": self.topic_parent_code,
            "topic_name": self.topic_name,
            "genre_code": self.genre_code,
            "genre_name": self.genre_name,
            "statutory_class": self.statutory_class,
            "validity": self.validity,
            "is_normative": self.is_normative,
            "attachments": attachments_json(self.attachments),
            "analyzer": ANALYZER_VERSION,
        }

    @classmethod
    def from_row(cls, row: dict) -> Doc:
        """Rebuild from a stored row (to remove it from a contentless index)."""
        names = cls.__dataclass_fields__
        values = {k: v for k, v in row.items() if k in names}
        values["attachments"] = attachments_from_json(values.get("attachments"))
        return cls(**values)
