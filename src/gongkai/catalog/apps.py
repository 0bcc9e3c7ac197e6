from django.apps import AppConfig


def _recompute_on_calendar_change(*, years=None) -> int:
    """A changed working-day calendar fills in and moves publication deadlines (and flags late items)."""
    from gongkai.catalog.services import items_recompute_due

    return items_recompute_due(years=years or [])


def _attachment_text_ready(sender, extraction=None, **kwargs):
    """The text of a file has been read: if it is a catalog attachment, its item's index entry takes it."""
    if extraction is not None and extraction.source_type == "catalog.attachment":
        from gongkai.catalog.services import item_reindex_attachments

        item_reindex_attachments(attachment_id=extraction.source_id)


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from gongkai.core import deadlines

        deadlines.provide("catalog", _recompute_on_calendar_change)
        from gongkai.documents.signals import text_ready

        text_ready.connect(_attachment_text_ready, dispatch_uid="gongkai.catalog.attachment_text")
        from gongkai.catalog import indexing
        from gongkai.search import services as search_services

        search_services.provide(search_services.Source(indexing.listed_count, indexing.listed_documents))
