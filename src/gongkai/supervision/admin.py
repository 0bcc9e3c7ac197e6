from django.contrib import admin

from gongkai.supervision.models import ReportingRule, SupervisedColumn, Threshold, UpdateRule


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    """The self-check thresholds are this place's data: editable here, with their source."""

    list_display = ["code", "warning_at", "veto_at", "source"]


@admin.register(UpdateRule)
class UpdateRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "months", "days", "is_key", "source"]


@admin.register(ReportingRule)
class ReportingRuleAdmin(admin.ModelAdmin):
    list_display = ["kind", "due_day", "remind_days", "source"]


@admin.register(SupervisedColumn)
class SupervisedColumnAdmin(admin.ModelAdmin):
    """Read-only: columns change through the services (and their audit log)."""

    list_display = ["org", "name", "genre", "topic", "rule", "is_active"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
