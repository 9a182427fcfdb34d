"""Filters that pick the Spanish text of a survey, question or choice when the page is in Spanish."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def _language() -> str:
    return get_language() or "en"


@register.filter
def localized_title(survey) -> str:
    return survey.localized_title(_language())


@register.filter
def localized_text(question) -> str:
    return question.localized_text(_language())


@register.filter
def localized_section(question) -> str:
    return question.localized_section(_language())


@register.filter
def localized_label(choice) -> str:
    return choice.localized_label(_language())
