from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from gongkai.orgs.access import is_staff_member


def staff_required(view):
    """Logged in and holding at least one role; the role checks proper happen in selectors and services."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_staff_member(request.user):
            raise PermissionDenied("您的账号没有任何岗位，请联系管理员。")
        return view(request, *args, **kwargs)

    return wrapper


def form_errors_from(form, exc) -> None:
    """Put a service's ValidationError onto a form, field by field where the service named fields."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
