"""The catalog's side of the search index: what an item's index document is, and when an item is listed.

Search knows no catalog model and no portal URL: the catalog hands it documents (`search.documents.Doc`). The
catalog's services call these inside the transaction that publishes, corrects or withdraws an item, so the
index never disagrees with the catalog (docs/search.md); `gongkai search reindex` reads every listed item
through the source registered at start-up (`catalog.apps`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from gongkai.catalog.models import Item
from gongkai.catalog.selectors import attachment_texts
from gongkai.search import services as search_services
from gongkai.search.documents import AttachedText, Doc, attachment_chars, capped


def _slug_url(slug: str) -> str:
    try:
        return reverse("portal:catalog_item", kwargs={"slug": slug})
    except NoReverseMatch:
        return f"/catalog/{slug}/"


def _url(item) -> str:
    return _slug_url(item.slug)


_PLAIN_SLUG = re.compile(r"[-a-zA-Z0-9_]+")  # what the URL's slug converter takes, and reverse() never quotes
_SENTINEL = "gongkai-slug-placeholder"


class ItemUrls:
    """`_url` for many items (imports, reindex): reverse() once, then the slug in its place (reverse() costs
    about as much as preparing an item's index text)."""

    def __init__(self) -> None:
        self.head, _, self.tail = _slug_url(_SENTINEL).partition(_SENTINEL)

    def __call__(self, item) -> str:
        slug = item.slug or ""
        return self.head + slug + self.tail if _PLAIN_SLUG.fullmatch(slug) else _url(item)


def is_listed(item) -> bool:
    """Publicly listed: published and proactively disclosed (what `Item.objects.published()` selects)."""
    return item.status == "published" and getattr(item, "disclosure", "proactive") == "proactive"


def document_for(
    item, *, urls: Callable[[object], str] = _url, attachments: Sequence[AttachedText] = ()
) -> Doc:
    """The index's copy of a catalog item (`urls`: an ItemUrls for a batch), with the text of its
    attachments as the catalog hands it over (at most GONGKAI_SEARCH_ATTACHMENT_CHARS in all)."""
    published = item.published_at
    day = timezone.localdate(published) if isinstance(published, datetime) else published or item.written_on
    org, topic, genre = item.org, item.topic, item.genre
    parent = getattr(topic, "parent", None) if topic else None
    return Doc(
        item_id=item.pk,
        url=urls(item),
        title=item.title,
        day=day,
        org_id=org.pk,
        org_path=org.path,
        org_name=org.name,
        org_code=org.credit_code,
        body=item.body_text or "",
        doc_no=item.doc_no or "",
        index_no=item.index_no or "",
        summary=item.summary or "",
        keywords=item.keywords or "",
        topic_code=topic.code if topic else "",
        topic_parent_code=parent.code if parent else "",
        topic_name=topic.full_name if topic else "",
        genre_code=genre.code if genre else "",
        genre_name=genre.name if genre else "",
        statutory_class=item.statutory_class or "",
        validity=item.validity or "",
        is_normative=bool(item.is_normative),
        attachments=capped(attachments, attachment_chars()),
    )


def item_indexed(*, item, attachments: Sequence[AttachedText] = ()) -> None:
    """Add or replace a published catalog item in the index (removes it if it is not publicly listed).
    `attachments`: the text of its files, searchable with it."""
    if not is_listed(item):
        item_unindexed(item=item)
        return
    search_services.document_indexed(doc=document_for(item, attachments=attachments))


def items_indexed(*, items) -> None:
    """item_indexed for a batch (imports): publicly listed items are written in one round, the others removed."""
    urls = ItemUrls()
    search_services.documents_indexed(
        docs=[document_for(i, urls=urls) for i in items if is_listed(i)],
        removed=[i.pk for i in items if not is_listed(i)],
    )


def item_unindexed(*, item) -> None:
    """Remove an item (withdrawn, or no longer public) from the index."""
    search_services.document_unindexed(doc_id=item.pk)


def listed_count() -> int:
    return Item.objects.published().count()


def listed_documents(batch: int) -> Iterator[Doc]:
    """Every publicly listed item as its index document, read `batch` items at a time (reindex)."""
    items = Item.objects.published().select_related("org", "topic", "topic__parent", "genre").order_by("pk")
    urls = ItemUrls()

    def with_attachments(chunk: list) -> Iterator[Doc]:
        texts = attachment_texts(chunk) if chunk else {}
        for i in chunk:
            yield document_for(i, urls=urls, attachments=texts.get(i.pk, ()))

    chunk: list = []
    for item in items.iterator(chunk_size=batch):
        chunk.append(item)
        if len(chunk) >= batch:
            yield from with_attachments(chunk)
            chunk = []
    yield from with_attachments(chunk)
