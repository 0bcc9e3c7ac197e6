"""Django admin views of organisations and memberships are read-only: changes go through the back office,
whose services check permissions and write audit events."""

from django.contrib import admin

from gongkai.orgs.models import Guide, Membership, Organization


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Organization)
class OrganizationAdmin(ReadOnlyAdmin):
    list_display = [
        "name",
        "short_name",
        "credit_code",
        "level",
        "kind",
        "is_competent_department",
        "is_active",
    ]
    list_filter = ["level", "kind", "is_active"]
    search_fields = ["name", "short_name", "credit_code"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "org", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "org__name"]


@admin.register(Guide)
class GuideAdmin(ReadOnlyAdmin):
    list_display = ["org", "version", "created_at"]
    search_fields = ["org__name"]
