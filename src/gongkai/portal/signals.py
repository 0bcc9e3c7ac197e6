"""What the public pages show, and which page-cache scope a change to it invalidates (docs/scaling.md).

Every save or delete of these records, by a service, the admin or a command, bumps the scope's generation
when its transaction commits. Bulk paths that bypass `save()` (the catalog import) call
`gongkai.core.pagecache.bump` themselves.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models.signals import m2m_changed, post_delete, post_save

from gongkai.core import pagecache


def _models():
    from gongkai.catalog.models import Attachment, FocusArea, Genre, Item, ItemVersion, Topic
    from gongkai.interpretation.models import GazetteEntry, GazetteIssue, Interpretation, PressConference
    from gongkai.orgs.models import Guide, Organization
    from gongkai.reports.models import AnnualReport

    return {
        Organization: ("orgs", "catalog", "reports"),  # names appear on every page
        Guide: ("orgs",),
        Topic: ("catalog",),
        Genre: ("catalog",),
        FocusArea: ("catalog",),
        Item: ("catalog",),
        ItemVersion: ("catalog",),
        Attachment: ("catalog",),
        AnnualReport: ("reports",),
        Interpretation: ("catalog",),  # the links between a document and its interpretations
        GazetteIssue: ("catalog",),  # an item's page names its issue
        GazetteEntry: ("catalog",),
        PressConference: ("catalog",),
    }


def _receiver(scopes):
    def changed(sender, **kwargs):
        if kwargs.get("raw"):  # fixtures being loaded
            return
        pagecache.bump(*scopes)

    return changed


_RECEIVERS: list[Callable[..., None]] = []  # signals hold weak references


def connect() -> None:
    from gongkai.catalog.models import Item
    from gongkai.interpretation.models import Interpretation

    for model, scopes in _models().items():
        receiver = _receiver(scopes)
        _RECEIVERS.append(receiver)
        post_save.connect(receiver, sender=model, dispatch_uid=f"pagecache-save-{model._meta.label}")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"pagecache-delete-{model._meta.label}")
    catalog = _receiver(("catalog",))
    _RECEIVERS.append(catalog)
    for field in (Item.co_orgs, Item.focus_areas, Interpretation.documents):
        m2m_changed.connect(catalog, sender=field.through, dispatch_uid=f"pagecache-m2m-{field.field.name}")
