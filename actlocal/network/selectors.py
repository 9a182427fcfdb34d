"""Who may see which space. A space the viewer may not see does not exist for them (404, not 403), so its
name never leaks through a URL."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from actlocal.network.models import Space


def spaces_for_viewer(viewer) -> QuerySet[Space]:
    if viewer.is_authenticated and viewer.is_staff:
        return Space.objects.all()
    visible = Q(access=Space.Access.PUBLIC)
    if viewer.is_authenticated and viewer.is_member:
        visible |= Q(access=Space.Access.MEMBERS)
    return Space.objects.filter(visible)


def hidden_space_count(viewer) -> int:
    """How many members-only spaces a visitor would see by joining (invite-only ones are not counted)."""
    if viewer.is_authenticated and (viewer.is_member or viewer.is_staff):
        return 0
    return Space.objects.filter(access=Space.Access.MEMBERS).count()


def space_for_viewer(*, viewer, slug: str) -> Space:
    space = spaces_for_viewer(viewer).filter(slug=slug).first()
    if space is None:
        raise Http404
    return space
