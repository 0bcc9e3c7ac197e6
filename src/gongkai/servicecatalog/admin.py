from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.servicecatalog.models import (
    BasicItem,
    Code,
    CompletenessElement,
    Domain,
    GuideVersion,
    ServiceItem,
    StandardCatalog,
)


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    """The code lists of GB/T 39046-2020 附录A and the channel checklist: data with their source."""

    list_display = ["list", "code", "name", "sort", "active"]
    list_filter = ["list", "active"]
    fields = ["list", "code", "name", "sort", "active", "source"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CompletenessElement)
class CompletenessElementAdmin(admin.ModelAdmin):
    """Which key elements the completeness check asks for (国办秘函〔2019〕19号), editable with the source."""

    list_display = ["name", "key", "sort", "active"]
    fields = ["key", "name", "sort", "active", "source"]


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    """The standard catalogs' domains: the 26 pilot domains (国办发〔2019〕54号) and local ones."""

    list_display = ["name", "sort", "pilot", "active"]
    fields = ["name", "sort", "pilot", "active", "source"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BasicItem)
class BasicItemAdmin(admin.ModelAdmin):
    list_display = ["basic_code", "name", "item_type", "set_by"]
    search_fields = ["basic_code", "name"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceItem)
class ServiceItemAdmin(ReadOnlyAdmin):
    list_display = ["handling_code", "name", "org"]
    search_fields = ["handling_code", "name"]


@admin.register(GuideVersion)
class GuideVersionAdmin(ReadOnlyAdmin):
    list_display = ["item", "number", "status", "published_at"]
    list_filter = ["status"]


@admin.register(StandardCatalog)
class StandardCatalogAdmin(ReadOnlyAdmin):
    list_display = ["org", "domain", "year", "status"]
