from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.proposals.models import Policy, Proposal, Session


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    """The periods and the class scheme are this city's data: editable here, with their source."""

    list_display = ["body", "answer_months", "difficult_months", "answer_by", "return_window_workdays",
                    "co_opinion_workdays", "publish_workdays", "reopen_months", "class_scheme"]  # fmt: skip


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "year", "org"]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proposal)
class ProposalAdmin(ReadOnlyAdmin):
    """Read-only: items change through the services (and their audit log)."""

    list_display = ["number", "title", "kind", "status", "due_on"]
    list_filter = ["status", "kind"]
    exclude = ["registered_by"]
