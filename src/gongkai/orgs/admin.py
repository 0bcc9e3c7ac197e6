from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from gongkai.orgs.models import Guide, Membership, Organization


@admin.register(Organization)
class OrganizationAdmin(TreeAdmin):
    form = movenodeform_factory(Organization)
    list_display = [
        "name",
        "short_name",
        "credit_code",
        "level",
        "kind",
        "is_competent_department",
        "is_active",
    ]
    search_fields = ["name", "short_name", "credit_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "org", "role"]
    list_filter = ["role"]
    search_fields = ["user__username", "org__name"]
    autocomplete_fields = ["org"]


@admin.register(Guide)
class GuideAdmin(admin.ModelAdmin):
    list_display = ["org", "version", "created_at"]
    search_fields = ["org__name"]

    def has_change_permission(self, request, obj=None):
        return False  # versions are immutable; publish a new one in the back office

    def has_delete_permission(self, request, obj=None):
        return False
