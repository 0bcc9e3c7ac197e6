from django.contrib import admin

from gongkai.core.models import AuditEvent


class ReadOnlyAdmin(admin.ModelAdmin):
    """A record that changes only through its app's services (which check permissions and audit): shown, never
    added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "actor_label", "action", "object_type", "object_repr", "client_ip"]
    list_filter = ["action", "object_type", "source"]
    search_fields = ["object_repr", "actor_label", "action"]
    date_hierarchy = "occurred_at"
