"""What every form of the interfaces shares."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def form_errors_from(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto a form, field by field where the service named fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
