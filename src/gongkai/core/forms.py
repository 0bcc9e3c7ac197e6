"""What every form of the interfaces shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError


def form_errors_from(form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto a form, field by field where the service named fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def text_area(label: str, max_length: int | None = None, *, rows: int = 2, **kwargs: Any) -> forms.CharField:
    """A text of several lines: `rows` high, at most `max_length` characters (if given)."""
    return forms.CharField(
        label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs
    )


def run_service(form: forms.Form, call: Callable[[dict[str, Any]], object]) -> bool:
    """Validate `form` and call its one service with the cleaned data; a refusal (a `ValidationError`, or the
    `PermissionDenied` of a rule) lands on the form. True when the service did it."""
    if not form.is_valid():
        return False
    try:
        call(form.cleaned_data)
    except ValidationError as exc:
        form_errors_from(form, exc)
        return False
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return False
    return True


def run_action(request: Any, call: Callable[[], object], done: str) -> bool:
    """Call the one service of a button without a form: `done` as a success message, or its refusal (a
    `ValidationError`, or the `PermissionDenied` of a rule) as an error message. True when the service did it."""
    try:
        call()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, "；".join(getattr(exc, "messages", [str(exc)])))
        return False
    messages.success(request, done)
    return True
