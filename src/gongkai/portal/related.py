"""What an item page links to besides itself: its interpretations (政策解读) and related documents.

Each provider answers `(item) -> list[RelatedLink]` for one heading. The interpretation issue registers the
provider for 政策解读 (`register("解读", provider)`) when its records exist; until then that heading has no
provider and the page shows nothing for it. Related documents here are the ones the catalog records: the
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
