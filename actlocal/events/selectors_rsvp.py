"""Reads about RSVPs: a viewer's own RSVP, waitlist places, who may see an event's street address."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from actlocal.accounts.selectors import user_is_event_host
from actlocal.events import sql
from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors import PUBLIC_STATUSES
from actlocal.events.tokens import BadToken, read_cancel_token

# The columns the RSVP form, its result and the panel read (Event is a wide row; the rest loads on use).
PANEL_FIELDS = (
    "id", "slug", "title", "status", "starts_at", "ends_at", "timezone", "capacity", "waitlist_enabled",
    "mode", "street_address", "online_url", "city", "state", "zip_code", "confirmed_count", "waitlist_count",
)  # fmt: skip


def event_for_rsvp(*, viewer, slug: str) -> Event:
    """The event this viewer may RSVP to (drafts only for its hosts and staff), or 404.

    The same rule as ``events_for_viewer``, asked of one row: the slug is unique, so a plain look-up
    (no DISTINCT over the hosts join) answers the public, and only a draft asks who the viewer is."""
    event = sql.fetch_one(Event, PANEL_FIELDS, slug=slug)
    if event is None:
        raise Http404
    if event.status not in PUBLIC_STATUSES and not user_is_event_host(user=viewer, event=event):
        raise Http404
    return event


def rsvp_for_user(*, event: Event, user) -> Rsvp | None:
    """The signed-in user's RSVP to ``event`` (any status), through her linked Person."""
    if user is None or not user.is_authenticated:
        return None
    return Rsvp.objects.filter(event=event, person__user=user).select_related("person").first()


def viewer_is_host(event: Event, user) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_staff or event.hosts.filter(pk=user.pk).exists()


def viewer_can_see_address(event: Event, user) -> bool:
    """Where to be, the street address and the link to join online, is for confirmed attendees, the
    event's hosts and staff: nobody else. The page, the attendee's .ics file and the e-mails (sent only
    to confirmed attendees with it) all follow this one rule; public feeds never carry either."""
    if user is None or not user.is_authenticated:
        return False
    if viewer_is_host(event, user):
        return True
    return Rsvp.objects.filter(event=event, person__user=user, status=Rsvp.Status.CONFIRMED).exists()


def waitlist_position(rsvp: Rsvp) -> int | None:
    """1 for the first person on the waitlist; None when ``rsvp`` is not waitlisted."""
    if rsvp.status != Rsvp.Status.WAITLISTED:
        return None
    ahead = Rsvp.objects.filter(event_id=rsvp.event_id, status=Rsvp.Status.WAITLISTED).filter(
        Q(created_at__lt=rsvp.created_at) | Q(created_at=rsvp.created_at, id__lt=rsvp.pk)
    )
    return ahead.count() + 1


def seats_taken(event: Event) -> int:
    """Confirmed RSVPs: the event's counter, or a count while it was never counted (bulk-loaded rows)."""
    if event.confirmed_count is not None:
        return event.confirmed_count
    return Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()


def seats_left(event: Event) -> int | None:
    if event.capacity is None:
        return None
    return max(event.capacity - seats_taken(event), 0)


def rsvp_for_cancel_token(token: str) -> Rsvp:
    """The RSVP a signed cancel link names; BadToken when tampered or when the RSVP no longer exists."""
    rsvp_id, event_id = read_cancel_token(token)
    rsvp = Rsvp.objects.filter(pk=rsvp_id, event_id=event_id).select_related("event", "person").first()
    if rsvp is None:
        raise BadToken(token)
    return rsvp


def waitlist(event: Event):
    """Waitlisted RSVPs in the order they will be promoted."""
    return Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by("created_at", "id")
