"""iCalendar (.ics) for events: one event for an attendee's confirmation e-mail, many for calendar feeds.

Times are written in the event's own time zone (``DTSTART;TZID=America/Chicago:...``) with a matching
VTIMEZONE, so a Madison event shows at 6 PM in Madison whatever the reader's calendar is set to. The UID
is stable per event (``event-<id>@<site host>``), so a feed refresh or a second e-mail updates the same
calendar entry instead of adding one; a cancelled event keeps its UID and says ``STATUS:CANCELLED``.

Privacy: the street address and the link to join online are only in a confirmed attendee's own file
(``include_address=True``); public feeds carry the venue name, city and state, never the street nor the
link (the one rule: ``selectors_rsvp.viewer_can_see_address``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import icalendar
from django.conf import settings
from django.utils.translation import gettext as _

from actlocal.events.models import Event

PRODID = "-//ActLocal//Events//EN"
DESCRIPTION_LIMIT = 1000


def event_url(event: Event) -> str:
    return settings.SITE_URL + event.get_absolute_url()


def event_uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "actlocal"
    return f"event-{event.pk}@{host}"


def event_zone(event: Event) -> ZoneInfo:
    try:
        return ZoneInfo(event.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        # A bad stored zone must not break a whole feed; UTC is still the right instant.
        return ZoneInfo("UTC")


def event_location(event: Event, *, include_address: bool = False) -> str:
    if event.mode == Event.Mode.ONLINE:
        return str(Event.Mode.ONLINE.label)
    parts = [event.venue_name]
    if include_address:
        parts.append(event.street_address)
    parts.append(", ".join(p for p in (event.city, f"{event.state} {event.zip_code}".strip()) if p))
    return ", ".join(p for p in parts if p)


def _vevent(event: Event, *, include_address: bool) -> icalendar.Event:
    zone = event_zone(event)
    url = event_url(event)
    vevent = icalendar.Event()
    vevent.add("uid", event_uid(event))
    vevent.add("dtstamp", event.updated_at or event.created_at)
    if event.updated_at:
        vevent.add("last-modified", event.updated_at)
    vevent.add("summary", event.title)
    vevent.add("dtstart", event.starts_at.astimezone(zone))
    vevent.add("dtend", max(event.ends_at, event.starts_at + timedelta(minutes=1)).astimezone(zone))
    location = event_location(event, include_address=include_address)
    if include_address and event.online_url and event.mode == Event.Mode.ONLINE:
        location = event.online_url
    if location:
        vevent.add("location", location)
    if event.lat is not None and event.lng is not None and include_address:
        vevent.add("geo", (event.lat, event.lng))
    vevent.add("url", url)
    description = (event.description or "")[:DESCRIPTION_LIMIT]
    join = ""
    if include_address and event.online_url and event.mode != Event.Mode.IN_PERSON:
        join = f"\n\n{_('Join online')}: {event.online_url}"
    vevent.add("description", f"{description}{join}\n\n{url}".strip())
    cancelled = event.status == Event.Status.CANCELLED
    vevent.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return vevent


def _calendar(name: str | None) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    return cal


def event_ics(event: Event, *, include_address: bool = False) -> bytes:
    """One event as an .ics file: the confirmation e-mail's attachment (with the street address and the
    link to join online for a confirmed attendee: ``include_address=True``)."""
    cal = _calendar(None)
    cal.add_component(_vevent(event, include_address=include_address))
    cal.add_missing_timezones()
    return cal.to_ical()


def calendar_for(events: Iterable[Event], *, name: str) -> bytes:
    """Many events as one calendar feed (``text/calendar`` bytes), named ``name`` in the reader's app.

    For public feeds: no street addresses, no links to join online. Pass only events the feed's viewer may
    see (published or cancelled; drafts only for hosts); cancelled ones come out with ``STATUS:CANCELLED``
    so subscribers' calendars drop them. One VTIMEZONE per zone used. Usage::

        HttpResponse(calendar_for(qs, name="ActLocal: Wisconsin"), content_type="text/calendar; charset=utf-8")
    """
    cal = _calendar(name)
    for event in events:
        cal.add_component(_vevent(event, include_address=False))
    cal.add_missing_timezones()
    return cal.to_ical()
