"""RSVP writes: create (confirmed or waitlisted), cancel, promote the waitlist.

Seat counting is serialised per event by the database, never by luck: on PostgreSQL every write locks the
Event row (``SELECT ... FOR UPDATE``) before counting; on SQLite Django's ``select_for_update`` is a
no-op, but every transaction starts with ``BEGIN IMMEDIATE`` (see ``actlocal/config.py``), which takes
the database's write lock before the first read, so two writers never count the same free seat.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.directory.models import Person
from actlocal.directory.services import normalize_email, person_match_or_create
from actlocal.events.models import Event, Rsvp

PHONE_RE = re.compile(r"^[0-9+()\-. ]{7,32}$")
# A duplicate-person or duplicate-RSVP race on PostgreSQL surfaces as an IntegrityError; the retry finds
# the row the other request committed. Three tries is plenty: the second one always sees it.
CREATE_ATTEMPTS = 3
RESEND_SECONDS = 600


def event_open_error(event: Event) -> str | None:
    """Why this event takes no RSVPs now, as a sentence to show, or None when it is open."""
    if event.status == Event.Status.CANCELLED:
        return _("This event has been cancelled, so it no longer takes RSVPs.")
    if event.status != Event.Status.PUBLISHED:
        return _("This event is not open for RSVPs yet.")
    if event.ends_at <= timezone.now():
        return _("This event has already taken place.")
    return None


def _clean(*, email: str, first_name: str, last_name: str, zip_code: str, phone: str) -> dict[str, str]:
    """Every field error at once, so the form shows them together and keeps what was typed."""
    errors: dict[str, str] = {}
    email = normalize_email(email)
    if not email:
        errors["email"] = _("Enter your e-mail address.")
    else:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter a valid e-mail address, like name@example.org.")
    first_name = (first_name or "").strip()
    if not first_name:
        errors["first_name"] = _("Enter your first name.")
    elif len(first_name) > 100:
        errors["first_name"] = _("Keep your first name under 100 characters.")
    last_name = (last_name or "").strip()
    if len(last_name) > 100:
        errors["last_name"] = _("Keep your last name under 100 characters.")
    zip_code = (zip_code or "").strip()
    if zip_code:
        try:
            zip_code = places.place_for_zip(zip_code).zip_code
        except places.PlaceError as exc:
            errors["zip_code"] = str(exc)
    phone = (phone or "").strip()
    if phone and not PHONE_RE.match(phone):
        errors["phone"] = _("Enter a phone number with digits only, like 608-555-0100.")
    if errors:
        raise ValidationError(errors)
    return {
        "email": email,
        "first_name": first_name,
        "last_name": last_name,
        "zip_code": zip_code,
        "phone": phone,
    }


# What the seat rules read; fetching only these keeps the locked read cheap (Event is a wide row).
LOCK_FIELDS = (
    "id",
    "slug",
    "title",
    "status",
    "starts_at",
    "ends_at",
    "timezone",
    "capacity",
    "waitlist_enabled",
)


def _lock_event(event: Event) -> Event:
    # Locks the row on PostgreSQL; on SQLite the BEGIN IMMEDIATE write lock is already held.
    return Event.objects.select_for_update().only(*LOCK_FIELDS).get(pk=event.pk)


def _confirmed_count(event: Event) -> int:
    return Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count()


def _person_for(*, user, data: dict, source: str) -> tuple[Person, bool]:
    """The signed-in user's own Person (linked on first RSVP), else the person with this e-mail; and
    whether that Person was just created."""
    if user is not None and user.is_authenticated:
        person = Person.objects.filter(user=user).first()
        if person is not None:
            return person, False
        # The account's address is verified, so an unclaimed record with that address is hers.
        person, created = person_match_or_create(
            **{**data, "email": user.email}, actor=user, source=f"rsvp:{source}"
        )
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user", "updated_at"])
            audit_log(action="person.link_user", actor=user, target=person, changes={"source": "rsvp"})
        return person, created
    return person_match_or_create(**data, actor=None, source=f"rsvp:{source}")


def rsvp_create(
    *,
    event: Event,
    email: str,
    first_name: str,
    last_name: str = "",
    zip_code: str = "",
    phone: str = "",
    user=None,
    source: str = "web",
) -> Rsvp:
    """RSVP someone to ``event``: a seat if one is free, else the waitlist, else a ValidationError.

    With or without an account: a signed-in ``user`` RSVPs as her own Person (her account's address wins
    over ``email``). One RSVP per person per event: the same e-mail again returns the same RSVP (blank
    details filled in); a cancelled one comes back through the capacity rule, at the end of the waitlist.
    Raises ValidationError with field errors (``email``, ``zip_code``...) or a message (event closed,
    full without waitlist). Queues the confirmation or waitlist e-mail after commit.

    The returned RSVP carries ``created`` (False when this person had already RSVPed) and, for a new
    waitlisted RSVP, ``waitlist_position`` (1 = next in line).
    """
    if user is not None and user.is_authenticated:
        email = user.email
    data = _clean(email=email, first_name=first_name, last_name=last_name, zip_code=zip_code, phone=phone)
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            return _rsvp_create_once(event=event, data=data, user=user, source=source)
        except IntegrityError:
            if attempt == CREATE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _lock_email(email: str) -> None:
    """Serialise RSVPs for one e-mail address, so two at once cannot both create its Person.

    PostgreSQL: a transaction-scoped advisory lock on the address. SQLite: nothing to do, since the
    BEGIN IMMEDIATE write lock already admits one writer at a time. Lock order is always e-mail, then
    event, so two transactions never wait on each other in a cycle.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"rsvp:{email}"])


@transaction.atomic
def _rsvp_create_once(*, event: Event, data: dict, user, source: str) -> Rsvp:
    # Refuse a closed event before creating anyone (checked again under the lock below).
    problem = event_open_error(event)
    if problem:
        raise ValidationError(problem, code="closed")
    # Match the person before taking the event lock: that lock is what every RSVP to a popular event
    # queues on, so it is held only for counting seats and writing the RSVP.
    _lock_email(user.email if user is not None and user.is_authenticated else data["email"])
    person, new_person = _person_for(user=user, data=data, source=source)
    event = _lock_event(event)
    problem = event_open_error(event)
    if problem:
        raise ValidationError(problem, code="closed")
    actor = user if user is not None and user.is_authenticated else None
    # Someone the network did not know a moment ago has no RSVP yet: skip the look-up on the hot path.
    rsvp = None if new_person else Rsvp.objects.filter(event=event, person=person).first()
    if rsvp is not None and rsvp.status != Rsvp.Status.CANCELLED:
        rsvp.created = False
        _resend_details(rsvp)
        return rsvp
    # One index scan counts both: seats taken, and the place a newcomer takes at the end of the waitlist.
    counts = dict(
        Rsvp.objects.filter(event=event, status__in=[Rsvp.Status.CONFIRMED, Rsvp.Status.WAITLISTED])
        .values_list("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    confirmed, waiting = counts.get(Rsvp.Status.CONFIRMED, 0), counts.get(Rsvp.Status.WAITLISTED, 0)
    if event.capacity is None or confirmed < event.capacity:
        status = Rsvp.Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Rsvp.Status.WAITLISTED
    else:
        raise ValidationError(_("Sorry, this event is full and has no waitlist."), code="full")
    now = timezone.now()
    if rsvp is None:
        rsvp = Rsvp.objects.create(event=event, person=person, status=status, source=source)
        action = "rsvp.create"
    else:
        # Coming back after a cancel is a new arrival: the end of the waitlist, not the old place in it.
        rsvp.status, rsvp.source, rsvp.created_at = status, source, now
        rsvp.cancelled_at = rsvp.promoted_at = rsvp.confirmation_sent_at = None
        rsvp.reminded_day_at = rsvp.reminded_hours_at = None
        rsvp.save()
        action = "rsvp.reactivate"
    rsvp.created = True
    rsvp.waitlist_position = waiting + 1 if status == Rsvp.Status.WAITLISTED else None
    audit_log(action=action, actor=actor, target=rsvp, changes={"status": status, "source": source})
    kind = "events.rsvp_confirmation" if status == Rsvp.Status.CONFIRMED else "events.rsvp_waitlisted"
    queue_email(kind, rsvp.pk)
    _keep_reminders_scheduled()
    return rsvp


def _resend_details(rsvp: Rsvp) -> None:
    """Someone RSVPed again with the same address, most likely because she lost the e-mail: send it
    again, to that address only, at most once per RESEND_SECONDS so the form cannot be used to flood it."""
    if cache.add(f"rsvp-resend:{rsvp.pk}", 1, RESEND_SECONDS):
        kind = (
            "events.rsvp_confirmation" if rsvp.status == Rsvp.Status.CONFIRMED else "events.rsvp_waitlisted"
        )
        queue_email(kind, rsvp.pk)


def _keep_reminders_scheduled() -> None:
    from actlocal.events.reminders import reminders_ensure_scheduled

    transaction.on_commit(reminders_ensure_scheduled)


@transaction.atomic
def rsvp_cancel(*, rsvp: Rsvp, actor=None) -> Rsvp:
    """Cancel ``rsvp``; a freed seat goes to the first person on the waitlist (arrival order), who is
    e-mailed. Idempotent: cancelling again changes nothing; ``rsvp.cancelled_now`` says which happened.
    """
    event = _lock_event(rsvp.event)
    rsvp = Rsvp.objects.select_related("event").get(pk=rsvp.pk)
    rsvp.event = event
    if rsvp.status == Rsvp.Status.CANCELLED:
        rsvp.cancelled_now = False
        return rsvp
    was = rsvp.status
    rsvp.status, rsvp.cancelled_at = Rsvp.Status.CANCELLED, timezone.now()
    rsvp.save(update_fields=["status", "cancelled_at", "updated_at"])
    rsvp.cancelled_now = True
    audit_log(action="rsvp.cancel", actor=actor, target=rsvp, changes={"status": [was, "cancelled"]})
    if was == Rsvp.Status.CONFIRMED and event.status == Event.Status.PUBLISHED:
        _promote(event, actor=actor)
    return rsvp


@transaction.atomic
def rsvp_promote_waitlist(*, event: Event, actor=None) -> list[Rsvp]:
    """Fill free seats from the waitlist, in arrival order. Call after raising an event's capacity."""
    event = _lock_event(event)
    if event.status != Event.Status.PUBLISHED or event.ends_at <= timezone.now():
        return []
    return _promote(event, actor=actor)


def _promote(event: Event, *, actor) -> list[Rsvp]:
    """Caller holds the event lock."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - _confirmed_count(event)
        if free <= 0:
            return []
    waiting = Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by("created_at", "id")
    promoted = list(waiting if free is None else waiting[:free])
    now = timezone.now()
    for rsvp in promoted:
        rsvp.status, rsvp.promoted_at = Rsvp.Status.CONFIRMED, now
        rsvp.save(update_fields=["status", "promoted_at", "updated_at"])
        audit_log(
            action="rsvp.promote", actor=actor, target=rsvp, changes={"status": ["waitlisted", "confirmed"]}
        )
        queue_email("events.rsvp_promoted", rsvp.pk)
    return promoted
