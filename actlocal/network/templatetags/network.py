from django import template
from django.utils.translation import gettext as _

from actlocal.network.services._common import handle_for

register = template.Library()


@register.filter
def leader_name(user) -> str:
    """A poster's name; never their e-mail address (``User.__str__`` falls back to it)."""
    if user is None:
        return _("A former member")
    return user.name or _("A leader")


@register.filter
def mention_handle(user) -> str:
    return handle_for(user) if user is not None and user.name else ""
