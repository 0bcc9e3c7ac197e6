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


def opens_for(check, message: str):
    """The view opens only for users for whom `check(user)` (a rule of the permission layer) is true.

    The rule is declared once, on the view: the view refuses others with 403 and `message`, and menus and
    links ask the same rule through `can_open` (template tag `{% opens "name" as ok %}`), so no page offers a
    link its reader cannot open."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not check(request.user):
                raise PermissionDenied(message)
            return view(request, *args, **kwargs)

        wrapper.opens_for = check
        return wrapper

    return decorator


def can_open(user, url_name: str, *args) -> bool:
    """Whether `user` may open the page named `url_name`: asks the rule its view declared with `opens_for`
    (staff pages without a rule open for every staff member)."""
    from django.urls import resolve, reverse

    opens_for = getattr(resolve(reverse(url_name, args=args)).func, "opens_for", None)
    if opens_for is not None:
        return bool(opens_for(user))
    return is_staff_member(user)
