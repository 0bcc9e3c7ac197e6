from django.contrib import admin

from gongkai.core.admin import ReadOnlyAdmin
from gongkai.interaction.models import Channel, ConsultationBasis, DeadlinePolicy, Message


class PolicyInline(admin.TabularInline):
    model = DeadlinePolicy
    extra = 0
    fields = [
        "kind",
        "complex",
        "amount",
        "unit",
        "next_day",
        "include_last",
        "max_extensions",
        "source_text",
    ]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "source", "owner", "publication", "reply_to_writer", "is_active", "order"]
    list_filter = ["kind", "source", "is_active"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["owner"]
    inlines = [PolicyInline]


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "channel",
        "source",
        "kind",
        "complex",
        "amount",
        "unit",
        "next_day",
        "include_last",
    ]
    list_filter = ["source", "kind", "unit"]


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    """Read-only: messages change through the services (the back office)."""

    list_display = ["number", "title", "channel", "kind", "status", "submitted_at"]
    list_filter = ["channel", "status", "kind"]
    search_fields = ["number", "title", "external_no"]


@admin.register(ConsultationBasis)
class ConsultationBasisAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "min_amount", "unit"]
