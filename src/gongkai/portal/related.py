"""What an item page links to besides itself: its interpretations (政策解读) and related documents.

Each provider answers `(item) -> list[RelatedLink]` for one heading. The interpretation issue registers the
providers for 政策解读 (a document's interpretations) and 解读的文件 (an interpretation's documents), read from
the interpretation app's selectors. Related documents here are the ones the catalog records: the
document this one replaced, and the documents that replaced it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class RelatedLink:
    title: str
    url: str
    note: str = ""


#: heading -> provider, in the order the page shows them.
PROVIDERS: dict[str, Callable] = {}


def register(heading: str, provider: Callable) -> None:
    PROVIDERS[heading] = provider


def item_annotations() -> dict:
    """What the item page's query reads with the item, so a provider asks no query where it has nothing to show
    (an item without interpretations or gazette issues costs no query here)."""
    from gongkai.interpretation import selectors

    return selectors.item_flags()


def related_for(item) -> list[tuple[str, list[RelatedLink]]]:
    """The non-empty headings with their links, in registration order."""
    out = []
    for heading, provider in PROVIDERS.items():
        links = provider(item)
        if links:
            out.append((heading, links))
    return out


def _replacements(item) -> list[RelatedLink]:
    """The document that replaced this one and the documents this one replaced (normative documents)."""
    from django.urls import reverse

    from gongkai.catalog import selectors
    from gongkai.catalog.models import Status

    links = []
    newer = item.replaced_by
    if newer is not None and newer.slug and newer.status == Status.PUBLISHED:
        links.append(
            RelatedLink(newer.title, reverse("portal:catalog_item", args=[newer.slug]), "替代本文件")
        )
    if item.is_normative:
        for older in selectors.replacements_of(item):
            links.append(
                RelatedLink(
                    older.title,
                    reverse("portal:catalog_item", args=[older.slug]),
                    f"本文件替代（{older.get_validity_display()}）",
                )
            )
    return links


def _interpretations(item) -> list[RelatedLink]:
    """The published interpretations of a document (政策解读)."""
    from django.urls import reverse

    from gongkai.interpretation import selectors

    if not getattr(item, "has_interpretations", True):
        return []
    return [
        RelatedLink(i.item.title, reverse("portal:catalog_item", args=[i.item.slug]), i.get_kind_display())
        for i in selectors.interpretations_of(item)
    ]


def _interpreted(item) -> list[RelatedLink]:
    """The documents an interpretation interprets."""
    from django.urls import reverse

    from gongkai.interpretation import selectors

    if not getattr(item, "is_interpretation", True):
        return []
    return [
        RelatedLink(d.title, reverse("portal:catalog_item", args=[d.slug]), d.doc_no)
        for d in selectors.documents_of(item)
    ]


def _gazette(item) -> list[RelatedLink]:
    """The gazette issues the item appeared in."""
    from django.urls import reverse

    from gongkai.interpretation import selectors

    if not getattr(item, "in_gazette", True):
        return []
    return [
        RelatedLink(
            f"{i.org.name}公报 {i}",
            reverse("portal:gazette_issue", args=[i.pk]),
            f"{i.published_on:%Y-%m-%d}",
        )
        for i in selectors.issues_of(item)
    ]


register("政策解读", _interpretations)
register("解读的文件", _interpreted)
register("刊登于政府公报", _gazette)
register("相关文件", _replacements)


def _consultations(item) -> list[RelatedLink]:
    """The public consultation on this document's draft and its 采纳情况反馈 (interaction)."""
    from django.urls import reverse

    from gongkai.interaction import selectors as interaction_selectors

    return [
        RelatedLink(
            c.title, reverse("portal:interaction_consultation", args=[c.pk]), "征求意见及采纳情况反馈"
        )
        for c in interaction_selectors.consultations_of_item(item.pk)
    ]


register("公众意见采纳情况", _consultations)
