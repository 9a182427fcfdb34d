"""A published (or draft) event, for the events-area tests: Madison, WI (53703, America/Chicago) by default."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from actlocal.events.models import Event


def make_event(*, hosts=(), **fields) -> Event:
    starts = fields.pop("starts_at", timezone.now() + timedelta(days=7))
    defaults = {
        "title": "Madison follow-up",
        "slug": f"madison-follow-up-{Event.objects.count() + 1}",
        "status": Event.Status.PUBLISHED,
        "kind": Event.Kind.FOLLOW_UP,
        "zip_code": "53703",
        "city": "Madison",
        "state": "WI",
        "lat": 43.0775,
        "lng": -89.3831,
        "timezone": "America/Chicago",
        "venue_name": "Goodman Community Center",
        "street_address": "149 Waubesa St",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=2),
    }
    event = Event.objects.create(**{**defaults, **fields})
    event.hosts.add(*hosts)
    return event
