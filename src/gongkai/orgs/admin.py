"""Django admin views of organisations and memberships are read-only: changes go through the back office,
whose services check permissions and write audit events."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.orgs.models import Guide, Membership, Organization


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


# Accounts and groups are managed in the back office (user_create, membership_grant, user_set_active), whose
# services audit every change; the Django admin shows them read-only so no change escapes the audit log.
_User = get_user_model()
for _model in (_User, Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)


@admin.register(_User)
class UserAdmin(ReadOnlyAdmin):
    list_display = ["username", "first_name", "email", "is_active", "is_superuser", "last_login"]
    list_filter = ["is_active", "is_superuser"]
    search_fields = ["username", "first_name", "email"]
    exclude = ["password"]


@admin.register(Group)
class GroupAdmin(ReadOnlyAdmin):
    list_display = ["name"]
