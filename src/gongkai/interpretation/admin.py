"""The 三同步 rules are reference data, editable; interpretations change through the services (read-only here)."""

from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.interpretation.models import Interpretation, SyncRule


@admin.register(SyncRule)
class SyncRuleAdmin(admin.ModelAdmin):
    list_display = ["statutory_class", "requires_interpretation", "due_workdays"]
    list_editable = ["requires_interpretation", "due_workdays"]
    list_filter = ["requires_interpretation"]


@admin.register(Interpretation)
class InterpretationAdmin(ReadOnlyAdmin):
    list_display = ["item", "kind", "org", "due_on", "is_late"]
    list_filter = ["kind", "is_late"]
    search_fields = ["item__title"]
