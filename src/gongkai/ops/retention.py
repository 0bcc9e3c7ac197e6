"""Records the law needs kept (docs/legal.md: catalog items and their versions, applications with every
event and letter, audit events, annual reports as published). No command or admin page deletes them."""

from __future__ import annotations

#: Models whose rows are never deleted by a command or the admin (labels, lower case).
KEPT = (
    "catalog.item",
    "catalog.itemversion",
    "catalog.attachment",
    "catalog.publication",
    "catalog.review",
    "core.auditevent",
    "foi.application",
    "foi.event",
    "foi.letter",
    "foi.applicationfile",
    "foi.consultation",
    "foi.fee",
    "foi.answer",
    "foi.remedy",
    "reports.annualreport",
    "orgs.organization",
    "orgs.guide",
)


def kept_counts(using: str = "default") -> dict[str, int]:
    from django.apps import apps

    return {label: apps.get_model(label)._base_manager.using(using).count() for label in KEPT}


def in_test_environment() -> bool:
    from django.test.utils import _TestState

    return hasattr(_TestState, "saved_data")
