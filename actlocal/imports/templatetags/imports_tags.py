"""Matching reasons are stored in English (they are data, kept with each pair and merge) and translated
when shown."""

from django import template
from django.utils.translation import gettext, gettext_noop

register = template.Library()

# Every reason the matchers give, so makemessages collects them.
REASONS = [
    gettext_noop("same e-mail"), gettext_noop("different e-mail"), gettext_noop("same phone"),
    gettext_noop("different phone"), gettext_noop("same first name"), gettext_noop("similar first name"),
    gettext_noop("different first name"), gettext_noop("same last name"), gettext_noop("similar last name"),
    gettext_noop("different last name"), gettext_noop("same names, swapped"), gettext_noop("same ZIP"),
    gettext_noop("different ZIP"), gettext_noop("same street address"), gettext_noop("different street address"),
    gettext_noop("same name"), gettext_noop("nearly the same name"), gettext_noop("similar name"),
    gettext_noop("different name"), gettext_noop("same website"), gettext_noop("different website"),
    gettext_noop("separated by an unmerge"),
]  # fmt: skip


@register.filter
def reasons(values) -> str:
    """["same e-mail", "similar last name"] -> "same e-mail, similar last name", in the reader's language."""
    return ", ".join(gettext(value) for value in values or [])
