"""iCalendar feeds (RFC 5545) per event, series, co-host group and state. Public: never drafts, never a
street address (``ics.calendar_for`` leaves it out)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actlocal.core.places import is_state, state_name
from actlocal.directory.models import PartnerGroup
from actlocal.events import selectors
from actlocal.events.ics import calendar_for
from actlocal.events.models import Event

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _feed(events, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_for(events, name=name), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}.ics"'
    return response


@require_safe
def event_feed(request, slug: str):
    # The public feed of one event: published or cancelled only, even for its hosts.
    event = Event.objects.filter(slug=slug, status__in=selectors.PUBLIC_STATUSES).first()
    if event is None:
        raise Http404
    return _feed([event], name=event.title, filename=event.slug)


@require_safe
def series_feed(request, slug: str):
    series = selectors.series_for_slug(slug)
    return _feed(
        selectors.feed_events(series.events.all()),
        name=_("ActLocal: %(series)s") % {"series": series.name},
        filename=series.slug,
    )


@require_safe
def group_feed(request, slug: str):
    group = get_object_or_404(PartnerGroup, slug=slug)
    return _feed(
        selectors.feed_for_group(group.slug),
        name=_("ActLocal: events co-hosted by %(group)s") % {"group": group.name},
        filename=group.slug,
    )


@require_safe
def state_feed(request, state: str):
    state = state.upper()
    if not is_state(state):
        raise Http404
    return _feed(
        selectors.feed_events(Event.objects.filter(state=state)),
        name=_("ActLocal: events in %(state)s") % {"state": state_name(state)},
        filename=f"actlocal-{state.lower()}",
    )
