from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.workdays.models import CalendarYear, SpecialDay


class SpecialDayInline(admin.TabularInline):
    model = SpecialDay
    extra = 0
    can_delete = False

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    """Read-only here: years are entered in the back office or with `gongkai workdays import`, which audit."""

    list_display = ["year", "source", "updated_at"]
    inlines = [SpecialDayInline]
