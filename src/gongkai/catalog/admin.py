"""Django admin: the taxonomies (topics, genres, focus areas) are reference data edited here; items, reviews,
counters, attachments and publications are read-only (they change only through catalog.services, which check
permissions and write audit events)."""

from django.contrib import admin

from gongkai.catalog.models import (
    Attachment,
    FocusArea,
    Genre,
    IndexCounter,
    Item,
    ItemVersion,
    Publication,
    Review,
    Topic,
)
from gongkai.core.admin import ReadOnlyAdmin


class TaxonomyAdmin(admin.ModelAdmin):
    """Terms in use cannot be deleted (PROTECT); deactivate them instead."""

    list_editable = ["sort_order", "is_active"]
    search_fields = ["code", "name"]
    list_filter = ["is_active"]


@admin.register(Topic)
class TopicAdmin(TaxonomyAdmin):
    list_display = ["code", "name", "parent", "sort_order", "is_active", "lists_disclosure_rules"]
    list_editable = [*TaxonomyAdmin.list_editable, "lists_disclosure_rules"]
    list_select_related = ["parent"]


@admin.register(Genre)
class GenreAdmin(TaxonomyAdmin):
    list_display = ["code", "name", "sort_order", "is_active", "lists_disclosure_rules"]
    list_editable = [*TaxonomyAdmin.list_editable, "lists_disclosure_rules"]


@admin.register(FocusArea)
class FocusAreaAdmin(TaxonomyAdmin):
    list_display = ["code", "name", "vocabulary", "parent", "sort_order", "is_active"]
    list_filter = ["vocabulary", "is_active"]
    list_select_related = ["parent"]


@admin.register(Item)
class ItemAdmin(ReadOnlyAdmin):
    list_display = ["title", "org", "status", "index_no", "written_on", "published_at", "is_late"]
    list_filter = ["status", "is_normative", "validity", "is_late", "disclosure"]
    search_fields = ["title", "index_no", "doc_no_normalized"]
    list_select_related = ["org"]
    show_full_result_count = False


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ["item", "reviewer_label", "conclusion", "reviewed_at"]
    list_filter = ["conclusion"]
    list_select_related = ["item"]


@admin.register(IndexCounter)
class IndexCounterAdmin(ReadOnlyAdmin):
    list_display = ["org", "year", "last_serial"]
    list_select_related = ["org"]


@admin.register(ItemVersion)
class ItemVersionAdmin(ReadOnlyAdmin):
    list_display = ["item", "version", "replaced_at", "reason"]
    list_select_related = ["item"]


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    list_display = ["original_name", "item", "kind", "size", "download_count"]
    list_select_related = ["item"]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    list_display = ["org", "channel", "published_on", "count", "item"]
    list_filter = ["channel"]
    list_select_related = ["org", "item"]
