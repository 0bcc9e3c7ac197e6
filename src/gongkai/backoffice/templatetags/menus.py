"""Menus and links that appear only for those who may open them."""

from django import template

from gongkai.backoffice.decorators import can_open

register = template.Library()


@register.simple_tag(takes_context=True)
def opens(context, url_name: str, *args) -> bool:
    """`{% opens "backoffice:foi_register" as ok %}{% if ok %}<a …>{% endif %}`: asks the rule the view
    declared (`backoffice.decorators.opens_for`), never a rule written in the template."""
    request = context.get("request")
    return request is not None and can_open(request.user, url_name, *args)
