from django.contrib import admin

from gongkai.workreport.models import WorkReport


@admin.register(WorkReport)
class WorkReportAdmin(admin.ModelAdmin):
    """Read-only: work reports change through the services (the back office)."""

    list_display = ["title", "org", "year", "status", "published_at"]
    list_filter = ["status", "year"]
    readonly_fields = [f.name for f in WorkReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
