from urllib.parse import urlencode

from django import template

from actlocal.core import visibility

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (or dropped when given None)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag(takes_context=True)
def visible(context, obj, field: str, default=""):
    """``{% visible person "email" as email %}``: the value only if the viewer may see it."""
    return visibility.visible_value(obj, field, context["request"].user, default)


@register.filter
def urlencode_pairs(pairs) -> str:
    return urlencode(list(pairs))
