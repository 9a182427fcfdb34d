"""Creating, editing, publishing and cancelling events, and adding hosts.

Who may: staff create any kind; network members (leaders) create follow-ups, meetings, trainings and
canvasses, and become the event's first host; hosts edit their events. The views check this through
``selectors.user_can_create_event`` / ``selectors.event_for_host``; the services trust their caller.
"""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.accounts.models import User
from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.core.slugs import unique_slug
from actlocal.events import emails_authoring  # noqa: F401  (registers the e-mails queued here)
from actlocal.events.followers import followers_tell_of_event
from actlocal.events.models import Event, Rsvp

# The longest cancellation reason kept (the model's limit; the form asks for less).
REASON_MAX = 2000
# Fields the form hands over that are stored on the event as they are.
_PLAIN_FIELDS = (
    "title",
    "description",
    "kind",
    "mode",
    "series",
    "venue_name",
    "street_address",
    "online_url",
    "waitlist_enabled",
    "accessibility_notes",
    "recurrence",
    "recurrence_until",
    "agenda_open",
    "agenda_closes_at",
    "starts_at",
    "ends_at",
    "capacity",
)


def event_validate(*, fields: dict, event: Event | None = None) -> None:
    """The rules every author (form, importer, API) meets; raises one ValidationError per field."""
    errors: dict[str, str] = {}
    starts, ends = fields.get("starts_at"), fields.get("ends_at")
    start_changed = event is None or (starts is not None and starts != event.starts_at)
    if isinstance(starts, datetime) and start_changed and starts < timezone.now():
        errors["starts_at"] = _("The start is in the past. Pick a date and time still to come.")
    if isinstance(starts, datetime) and isinstance(ends, datetime) and ends <= starts:
        errors["ends_at"] = _("The end must come after the start.")
    capacity = fields.get("capacity")
    if capacity is not None and capacity <= 0:
        errors["capacity"] = _("Capacity must be at least 1. Leave it empty for no limit.")
    if fields.get("mode") in (Event.Mode.ONLINE, Event.Mode.HYBRID) and not fields.get("online_url"):
        errors["online_url"] = _("Online and hybrid events need the link people join with.")
    if "place" in fields and fields["place"] is None:
        errors["zip"] = _("Enter the venue’s ZIP code.")
    if fields.get("recurrence"):
        until = fields.get("recurrence_until")
        if not isinstance(until, date):
            errors["recurrence_until"] = _("Say until when the event repeats.")
        elif isinstance(starts, datetime) and until <= starts.date():
            errors["recurrence_until"] = _("The last date must be after the first event.")
    closes = fields.get("agenda_closes_at")
    if closes and isinstance(starts, datetime) and closes > starts:
        errors["agenda_closes_at"] = _("Agenda voting must close before the event starts.")
    if errors:
        raise ValidationError(errors)


def event_slug(title: str, starts_at: datetime, *, taken: set[str] | None = None) -> str:
    """The title and the date: two "Madison follow-up"s in a series stay apart by day."""
    return unique_slug(f"{title} {starts_at:%Y-%m-%d}", model=Event, taken=taken, fallback="event")


def _apply(event: Event, fields: dict) -> dict:
    """Set the given fields; returns {field: [old, new]} for the audit log."""
    changes = {}
    for name in _PLAIN_FIELDS:
        if name in fields and getattr(event, name) != fields[name]:
            changes[name] = [str(getattr(event, name)), str(fields[name])]
            setattr(event, name, fields[name])
    place = fields.get("place")
    if place is not None and place.zip_code != event.zip_code:
        changes["zip_code"] = [event.zip_code, place.zip_code]
        event.set_place(place)
        event.timezone = place.timezone
    return changes


@transaction.atomic
def event_create(*, creator: User, fields: dict) -> Event:
    """A draft event; the creator becomes its first host (and its host leader, if they have a profile)."""
    event_validate(fields=fields)
    event = Event(created_by=creator, status=Event.Status.DRAFT)
    _apply(event, fields)
    event.slug = event_slug(event.title, event.starts_at)
    event.host_person = getattr(creator, "person", None)
    event.save()
    event.hosts.add(creator)
    audit_log(action="event.create", actor=creator, target=event, changes={"slug": event.slug})
    if event.recurrence:
        from actlocal.events.services.occurrences import event_occurrences_sync

        event_occurrences_sync(event=event, actor=creator)
    return event


@transaction.atomic
def event_update(*, event: Event, actor: User, fields: dict) -> Event:
    """Edit an event. The slug never changes (links in e-mails and feeds keep working)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    event_validate(fields=fields, event=event)
    old_capacity = event.capacity
    rule_before = (event.recurrence, event.recurrence_until, event.starts_at, event.ends_at)
    changes = _apply(event, fields)
    if not changes:
        return event
    event.save()
    audit_log(action="event.update", actor=actor, target=event, changes=changes)
    if old_capacity is not None and (event.capacity is None or event.capacity > old_capacity):
        _promote_waitlist(event)
    if (event.recurrence, event.recurrence_until, event.starts_at, event.ends_at) != rule_before or (
        event.recurrence and changes
    ):
        from actlocal.events.services.occurrences import event_occurrences_sync

        event_occurrences_sync(event=event, actor=actor)
    return event


def _promote_waitlist(event: Event) -> None:
    # The RSVP work owns the waitlist; it may not have landed yet.
    try:
        from actlocal.events.services.rsvp import rsvp_promote_waitlist
    except ImportError:
        return
    rsvp_promote_waitlist(event=event)


@transaction.atomic
def event_publish(*, event: Event, actor: User) -> Event:
    """Draft → published, with its occurrences. Publishing twice is harmless."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        raise ValidationError(_("A cancelled event cannot be published again."))
    if event.status == Event.Status.PUBLISHED:
        return event
    event.status = Event.Status.PUBLISHED
    event.save(update_fields=["status", "updated_at"])
    event.occurrences.filter(status=Event.Status.DRAFT).update(status=Event.Status.PUBLISHED)
    audit_log(action="event.publish", actor=actor, target=event)
    transaction.on_commit(lambda: followers_tell_of_event(event=event, actor=actor))
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor: User, reason: str) -> Event:
    """Cancel with a reason; everyone confirmed or waitlisted gets an e-mail after the commit.

    The event stays visible (marked cancelled, with the reason) so people who follow a link learn what
    happened. Cancelling a recurring event's parent cancels its dates still to come, each with the same
    reason and its own e-mails; dates already past stay as they were (history).
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Tell attendees why the event is cancelled.")})
    if len(reason) > REASON_MAX:
        raise ValidationError({"reason": _("Keep the reason under %(n)s characters.") % {"n": REASON_MAX}})
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status == Event.Status.CANCELLED:
        return event
    _cancel_one(event, actor=actor, reason=reason)
    future = event.occurrences.select_for_update().filter(starts_at__gte=timezone.now())
    for occurrence in future.exclude(status=Event.Status.CANCELLED).order_by("starts_at"):
        _cancel_one(occurrence, actor=actor, reason=reason, parent=event)
    return event


def _cancel_one(event: Event, *, actor: User, reason: str, parent: Event | None = None) -> None:
    event.status, event.cancelled_at, event.cancel_reason = Event.Status.CANCELLED, timezone.now(), reason
    event.save(update_fields=["status", "cancelled_at", "cancel_reason", "updated_at"])
    changes = {"reason": reason} if parent is None else {"reason": reason, "with_parent": parent.pk}
    audit_log(action="event.cancel", actor=actor, target=event, changes=changes)
    rsvps = event.rsvps.filter(status__in=[Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED])
    for rsvp_id in rsvps.values_list("pk", flat=True):
        queue_email("events.event_cancelled", rsvp_id)


@transaction.atomic
def event_host_add(*, event: Event, actor: User, email: str) -> User:
    """Make an existing user a host of ``event``."""
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError({"email": _("No ActLocal account uses that e-mail address.")})
    if event.hosts.filter(pk=user.pk).exists():
        raise ValidationError({"email": _("%(name)s already hosts this event.") % {"name": user.email}})
    event.hosts.add(user)
    audit_log(action="event.host_add", actor=actor, target=event, changes={"host": user.email})
    return user
