"""Reads for an event's hosts (fetched with ``selectors.event_for_host``): counts, attendance, the attendee list.

The attendee-list rule, used by the page and the CSV export alike (``attendee_rows``):

* **Name**: always shown to the host. Someone who RSVPs or walks in gives their name to the people running
  the event, whatever their directory profile says about who sees their name.
* **E-mail and phone**: exactly as the person's own visibility setting allows for the viewing host
  (``core.visibility.visible_value``). Hosts are usually network members, so "members" (or, for phone,
  "public") contact details show; "staff" and "only me" details stay hidden unless the host is staff. The
  RSVP form collects an address so that *we* can send confirmations and host messages (which go one per
  attendee without revealing the address), not so that a host can copy it.
* **Status, walk-in, RSVP time, check-in time**: always shown; they are about the event, not the person.

Check-in search matches names only, never e-mail, so a host cannot probe for a hidden address.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.utils import timezone

from actlocal.core.listing import filter_near
from actlocal.core.visibility import visible_value
from actlocal.events.ics import event_zone
from actlocal.events.models import Event, Rsvp

SORTS = {
    "name": ("person__last_name", "person__first_name", "id"),
    "status": ("status", "person__last_name", "person__first_name", "id"),
    "time": ("created_at", "id"),
}
CHECKIN_RESULTS = 25
# "Work together, not twice": another group's published event of the same kind this close, in place and in
# time, is likely the same effort organized twice. Its hosts are shown it on their own event's page.
SAME_EFFORT_MILES = 25
SAME_EFFORT_DAYS = 3
SAME_EFFORT_SHOWN = 5


def rsvp_for_host(*, event: Event, rsvp_id) -> Rsvp:
    """One RSVP of an event the caller already checked the host for; 404 for another event's RSVP."""
    try:
        return event.rsvps.select_related("person").get(pk=int(rsvp_id))
    except (Rsvp.DoesNotExist, TypeError, ValueError):
        raise Http404


def rsvp_for_token(*, rsvp_id: int, event_id: int) -> Rsvp | None:
    return Rsvp.objects.select_related("person", "event").filter(pk=rsvp_id, event_id=event_id).first()


@dataclass(frozen=True)
class Counts:
    confirmed: int
    waitlisted: int
    cancelled: int
    checked_in: int
    walk_ins: int
    capacity: int | None

    @property
    def seats_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed, 0)


def event_counts(event: Event) -> Counts:
    agg = event.rsvps.aggregate(
        confirmed=Count("id", filter=Q(status=Rsvp.Status.CONFIRMED)),
        waitlisted=Count("id", filter=Q(status=Rsvp.Status.WAITLISTED)),
        cancelled=Count("id", filter=Q(status=Rsvp.Status.CANCELLED)),
        checked_in=Count("id", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=Q(walk_in=True)),
    )
    return Counts(capacity=event.capacity, **agg)


@dataclass(frozen=True)
class Attendance:
    expected: int  # confirmed ahead of the day (not walk-ins)
    came: int  # of those, checked in
    walk_ins: int
    no_shows: int
    total: int  # everyone checked in, walk-ins included

    @property
    def rate(self) -> int | None:
        """Per cent of the people expected who came; None when nobody was expected."""
        return round(100 * self.came / self.expected) if self.expected else None


def event_attendance(event: Event) -> Attendance:
    agg = event.rsvps.filter(status=Rsvp.Status.CONFIRMED).aggregate(
        expected=Count("id", filter=Q(walk_in=False)),
        came=Count("id", filter=Q(walk_in=False, checked_in_at__isnull=False)),
        walk_ins=Count("id", filter=Q(walk_in=True, checked_in_at__isnull=False)),
    )
    return Attendance(
        expected=agg["expected"],
        came=agg["came"],
        walk_ins=agg["walk_ins"],
        no_shows=agg["expected"] - agg["came"],
        total=agg["came"] + agg["walk_ins"],
    )


def event_is_over(event: Event) -> bool:
    return event.ends_at < timezone.now()


def rsvps_by_day(event: Event) -> list[tuple[date, int]]:
    """RSVPs made per calendar day in the event's time zone (walk-ins excluded), oldest first."""
    tz = event_zone(event)
    days: dict[date, int] = {}
    # One column per RSVP; an event has at most a few thousand, so bucketing here keeps it portable.
    for created in event.rsvps.filter(walk_in=False).values_list("created_at", flat=True):
        day = created.astimezone(tz).date()
        days[day] = days.get(day, 0) + 1
    return sorted(days.items())


def event_surveys(event: Event):
    from actlocal.surveys.models import Survey

    return list(Survey.objects.filter(event=event).order_by("-created_at")[:3])


def _attendees(event: Event) -> QuerySet[Rsvp]:
    return event.rsvps.select_related("person", "checked_in_by")


def attendee_rows(*, event: Event, viewer, status: str = "", sort: str = "name") -> list[dict]:
    """The attendee list as ``viewer`` (a host of ``event``) may see it; the rule is the module docstring."""
    qs = _attendees(event)
    if status in Rsvp.Status.values:
        qs = qs.filter(status=status)
    qs = qs.order_by(*SORTS.get(sort, SORTS["name"]))
    rows = []
    for rsvp in qs:
        person = rsvp.person
        rows.append(
            {
                "rsvp": rsvp,
                "name": person.full_name,
                "status": rsvp.status,
                "status_label": rsvp.get_status_display(),
                "walk_in": rsvp.walk_in,
                "created_at": rsvp.created_at,
                "checked_in_at": rsvp.checked_in_at,
                "email": visible_value(person, "email", viewer, default="") or "",
                "phone": visible_value(person, "phone", viewer, default="") or "",
            }
        )
    return rows


def clean_query(raw: str) -> str:
    """Whitespace collapsed, NUL removed (PostgreSQL refuses it in a string), at most 100 characters."""
    return " ".join((raw or "").replace("\x00", " ").split())[:100]


def checkin_search(*, event: Event, q: str) -> QuerySet[Rsvp]:
    """RSVPs whose name matches ``q`` (first, last or "first last"); names only, never e-mail."""
    qs = _attendees(event).order_by("person__first_name", "person__last_name", "id")
    q = clean_query(q)
    if q:
        qs = qs.annotate(full=Concat("person__first_name", Value(" "), "person__last_name")).filter(
            Q(full__icontains=q) | Q(person__last_name__icontains=q)
        )
    return qs[:CHECKIN_RESULTS]


def events_like_it_nearby(event: Event) -> list[Event]:
    """Other hosts' upcoming published events of ``event``'s kind within SAME_EFFORT_MILES of it, starting
    within SAME_EFFORT_DAYS of it, nearest first (each with ``distance`` in miles); at most
    SAME_EFFORT_SHOWN. None for an online event, one without a place, or a cancelled one. Events that
    share a host with it, and the dates of its own recurring gathering, are the hosts' own: left out."""
    if (
        None in (event.lat, event.lng)
        or event.mode == Event.Mode.ONLINE
        or event.status == Event.Status.CANCELLED
    ):
        return []
    window = timedelta(days=SAME_EFFORT_DAYS)
    others = (
        Event.objects.filter(
            status=Event.Status.PUBLISHED,
            kind=event.kind,
            starts_at__gte=event.starts_at - window,
            starts_at__lte=event.starts_at + window,
            ends_at__gte=timezone.now(),
        )
        .exclude(mode=Event.Mode.ONLINE)
        .exclude(pk=event.pk)
        .exclude(occurrence_of=event)
    )
    if event.occurrence_of_id:
        others = others.exclude(pk=event.occurrence_of_id).exclude(occurrence_of=event.occurrence_of_id)
    host_ids = list(event.hosts.values_list("pk", flat=True))
    if host_ids:
        others = others.exclude(hosts__in=host_ids)
    return list(filter_near(others, event, SAME_EFFORT_MILES)[:SAME_EFFORT_SHOWN])
