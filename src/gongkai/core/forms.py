"""What every form of the interfaces shares."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def form_errors_from(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto a form, field by field where the service named fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def text_area(label: str, max_length: int, *, rows: int = 2, **kwargs: Any) -> forms.CharField:
    """A text of several lines: `rows` high, at most `max_length` characters."""
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )
