"""How staff are named on back-office pages."""

from django import template

register = template.Library()


@register.filter
def person(user, empty: str = "—") -> str:
    """The user's full name, else the username; `empty` when there is no user (records made by the system).

    A template filter because `{{ x.get_full_name|default:x.username }}` fails with a server error when `x` is
    None: Django resolves filter arguments strictly."""
    if user is None:
        return empty
    return user.get_full_name() or user.username
