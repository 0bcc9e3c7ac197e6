from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
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
class SupervisedColumnAdmin(ReadOnlyAdmin):
    list_display = ["org", "name", "genre", "topic", "rule", "is_active"]
