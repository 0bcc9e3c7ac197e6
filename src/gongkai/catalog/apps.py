from django.apps import AppConfig


def _attachment_text_ready(sender, extraction=None, **kwargs):
    """The text of a file has been read: if it is a catalog attachment, its item's index entry takes it."""
    if extraction is not None and extraction.source_type == "catalog.attachment":
        from gongkai.catalog.services import item_reindex_attachments

        item_reindex_attachments(attachment_id=extraction.source_id)


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    verbose_name = "主动公开目录"

    def ready(self) -> None:
        from gongkai.documents.signals import text_ready

        text_ready.connect(_attachment_text_ready, dispatch_uid="gongkai.catalog.attachment_text")
