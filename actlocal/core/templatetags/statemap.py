"""``{% load statemap %}{% state_map counts noun="leaders" link=url title=... %}``: see ``core.statemap``."""

from django import template
from django.utils.safestring import mark_safe

from actlocal.core.statemap import state_map_svg

register = template.Library()


@register.simple_tag
def state_map(counts, **options):
    # render_to_string escapes every value it puts in; the result is our own template's HTML.
    return mark_safe(state_map_svg(counts or {}, **options))
