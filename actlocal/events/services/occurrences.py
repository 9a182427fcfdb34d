"""Occurrences of a recurring follow-up: one Event row per date, each with its own slug, RSVPs, capacity."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from actlocal.core.audit import audit_log
from actlocal.events.models import Event
from actlocal.events.recurrence import occurrence_starts

# What an occurrence copies from its parent (its time comes from the rule).
_COPIED = (
    "title",
    "description",
    "kind",
    "mode",
    "series",
    "venue_name",
    "street_address",
    "online_url",
    "timezone",
    "capacity",
    "waitlist_enabled",
    "accessibility_notes",
    "zip_code",
    "city",
    "state",
    "county",
    "lat",
    "lng",
    "host_person",
    "created_by",
)


@transaction.atomic
def event_occurrences_sync(*, event: Event, actor) -> list[Event]:
    """Make the parent's future occurrences match its rule.

    Future occurrences nobody has RSVP'd to are replaced; ones with RSVPs are kept (and updated in place
    when their date is still in the rule) so nobody loses a seat. Past occurrences are history: untouched.
    """
    now = timezone.now()
    wanted = []
    if event.recurrence and event.recurrence_until:
        wanted = occurrence_starts(
            rule=event.recurrence,
            first_start=event.starts_at,
            tz_name=event.timezone,
            until=event.recurrence_until,
        )
    duration = event.ends_at - event.starts_at
    future = event.occurrences.filter(starts_at__gte=now)
    kept = {o.starts_at: o for o in future.filter(rsvps__isnull=False).distinct()}
    removed = future.filter(rsvps__isnull=True).exclude(starts_at__in=wanted).delete()[0]
    existing = {o.starts_at: o for o in event.occurrences.all()}
    result = []
    created = 0
    for n, starts in enumerate(wanted, start=2):
        occurrence = existing.get(starts)
        if occurrence is not None and occurrence.starts_at < now:
            result.append(occurrence)
            continue
        if occurrence is None:
            occurrence = Event(
                occurrence_of=event, slug=f"{event.slug}-{starts.astimezone(_tz(event)):%Y-%m-%d}"
            )
            if Event.objects.filter(slug=occurrence.slug).exists():
                occurrence.slug = f"{event.slug}-{n}"
            created += 1
        for name in _COPIED:
            setattr(occurrence, name, getattr(event, name))
        occurrence.starts_at, occurrence.ends_at = starts, starts + duration
        occurrence.status = event.status if occurrence.status != Event.Status.CANCELLED else occurrence.status
        occurrence.save()
        occurrence.hosts.set(event.hosts.all())
        result.append(occurrence)
    audit_log(
        action="event.occurrences_sync",
        actor=actor,
        target=event,
        changes={"created": created, "removed": removed, "kept_with_rsvps": len(kept)},
    )
    return result


def _tz(event: Event):
    from zoneinfo import ZoneInfo

    return ZoneInfo(event.timezone)
