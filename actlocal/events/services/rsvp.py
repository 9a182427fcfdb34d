"""RSVP writes: create (confirmed or waitlisted), cancel, promote the waitlist, seat at the door.

Seat counting is serialised per event by the database, never by luck: on PostgreSQL every write locks the
Event row (``SELECT ... FOR UPDATE``) before reading its seat counters; on SQLite Django's
``select_for_update`` is a no-op, but every transaction starts with ``BEGIN IMMEDIATE`` (see
``actlocal/config.py``), which takes the database's write lock before the first read, so two writers
never take the same free seat.

The seats taken and the waitlist's length are counters on the Event row (``confirmed_count``,
``waitlist_count``), so taking a seat costs the same on the 10,000th RSVP as on the first. Every write
that changes an RSVP's status goes through this module (``hosting`` calls ``rsvp_seat_at_door`` and
``rsvp_walk_in_create``), changes the counters under the same lock, and so keeps them equal to a fresh
COUNT; ``rsvp_counts_refresh`` recounts for code that wrote RSVPs in bulk. Lock order, everywhere: the
e-mail address, then the event, then the RSVP, so two writers never wait on each other in a cycle.
"""

from __future__ import annotations

import re

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.core.emails import deliver_email, queue_email
from actlocal.directory.models import Person
from actlocal.directory.services import normalize_email, person_match_or_create
from actlocal.events import outbox, sql, write_turns
from actlocal.events.models import Event, Rsvp
from actlocal.events.services.rsvp_take import after_rsvp_commit, fills_blanks, new_person, rsvp_take

PHONE_RE = re.compile(r"^[0-9+()\-. ]{7,32}$")
# A duplicate-person or duplicate-RSVP race on PostgreSQL surfaces as an IntegrityError; the retry finds
# the row the other request committed. Three tries is plenty: the second one always sees it.
CREATE_ATTEMPTS = 3
RESEND_SECONDS = 600
EMAIL_MAX_LENGTH = 254  # Person.email's column (RFC 5321's limit on a path)


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
    elif len(email) > EMAIL_MAX_LENGTH:
        errors["email"] = _("Enter an e-mail address of at most 254 characters.")
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
    "confirmed_count",
    "waitlist_count",
)
# The few Person columns matching reads: whether a blank is left to fill, and whom she is linked to.
MATCH_FIELDS = ("id", "user_id", "first_name", "last_name", "phone", "zip_code")
# The Event counter each RSVP status counts in (a cancelled RSVP counts nowhere).
COUNTERS = {Rsvp.Status.CONFIRMED: "confirmed_count", Rsvp.Status.WAITLISTED: "waitlist_count"}


def _lock_event(event_id: int) -> Event:
    """The event's row, locked (PostgreSQL; SQLite's write lock is already held), with its counters.
    Counters never counted yet (rows loaded in bulk) are counted now, under the lock."""
    event = sql.fetch_one(Event, LOCK_FIELDS, for_update=True, id=event_id)
    if event is None:
        raise Event.DoesNotExist
    if event.confirmed_count is None or event.waitlist_count is None:
        counts = _status_counts(Rsvp.objects.filter(event_id=event_id))
        event.confirmed_count = counts.get(Rsvp.Status.CONFIRMED, 0)
        event.waitlist_count = counts.get(Rsvp.Status.WAITLISTED, 0)
    return event


def _status_counts(rsvps) -> dict[str, int]:
    return dict(rsvps.values_list("status").annotate(n=Count("id")).order_by())


def _count_move(event: Event, before: str | None, after: str | None, n: int = 1) -> None:
    """``n`` RSVPs of ``event`` went from status ``before`` to ``after`` (None: did not exist / deleted)."""
    if before in COUNTERS:
        setattr(event, COUNTERS[before], getattr(event, COUNTERS[before]) - n)
    if after in COUNTERS:
        setattr(event, COUNTERS[after], getattr(event, COUNTERS[after]) + n)


def _counts_save(event: Event) -> None:
    """Write the counters of an event locked by ``_lock_event`` (so absolute values are safe)."""
    sql.update_one(
        Event, event.pk, confirmed_count=event.confirmed_count, waitlist_count=event.waitlist_count
    )


def rsvp_counts_refresh(*, events=None) -> int:
    """Recount ``events``' seat counters (a queryset; default: every event) from their RSVPs, set-based.

    For code that writes RSVPs without these services: a bulk load, a merge of two people that deletes a
    duplicate RSVP, a deletion in the admin. Returns how many events were recounted."""

    def counted(status: str):
        rows = (
            Rsvp.objects.filter(event=OuterRef("pk"), status=status)
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(rows, output_field=IntegerField()), 0)

    events = Event.objects.all() if events is None else events
    with transaction.atomic():
        return events.update(
            confirmed_count=counted(Rsvp.Status.CONFIRMED), waitlist_count=counted(Rsvp.Status.WAITLISTED)
        )


def _queue_email(kind: str, object_id: int) -> None:
    """Queue an RSVP e-mail in the RSVP's own transaction when tasks live in this database.

    With django-tasks' database backend the task is one more row in this transaction: it commits with the
    RSVP or rolls back with it, so no mail goes out for a write that did not happen (the promise that
    ``queue_email``'s ``on_commit`` keeps), and no worker can see it before the commit. Writing it here
    instead of after the commit saves a second write transaction per RSVP, which on SQLite is a second
    turn at the database's one write lock. Any other backend (the immediate one in tests, a broker such as
    Redis) would act before the commit, so it still goes through ``queue_email`` and ``on_commit``.
    """
    if _tasks_in_this_database() and connection.in_atomic_block:
        deliver_email.enqueue(kind=kind, object_id=object_id, attempt=1)
    else:
        queue_email(kind, object_id)


def _tasks_in_this_database() -> bool:
    try:
        from django_tasks_db import DatabaseBackend
    except ImportError:  # pragma: no cover - the package is a dependency
        return False
    return isinstance(deliver_email.get_backend(), DatabaseBackend)


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
    # One indexed look-up by e-mail of the few columns matching reads (the directory's matching reads the
    # whole, wide row, which costs more than the rest of the RSVP). Someone known with nothing to fill in
    # is done; someone known with a blank this RSVP can fill goes through the directory's own rule (a
    # stranger typing a known address only fills blanks).
    person = sql.fetch_one(Person, MATCH_FIELDS, order_by="id", email=data["email"])
    if person is not None:
        if fills_blanks(person, data):
            return person_match_or_create(**data, actor=None, source=f"rsvp:{source}")
        return person, False
    # Someone new: made as ``person_match_or_create`` makes her (same fields, same place look-up), without
    # its second look-up of an address just found unknown. Her creation is recorded in the RSVP's own
    # audit entry (``changes["new_person"]``), so an RSVP writes one audit row, not two.
    person = new_person(data)
    sql.insert(person)
    return person, True


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
    short_path: bool = True,
) -> Rsvp:
    """RSVP someone to ``event``: a seat if one is free, else the waitlist, else a ValidationError.

    With or without an account: a signed-in ``user`` RSVPs as her own Person (her account's address wins
    over ``email``). One RSVP per person per event: the same e-mail again returns the same RSVP (blank
    details filled in); a cancelled one comes back through the capacity rule, at the end of the waitlist.
    Raises ValidationError with field errors (``email``, ``zip_code``...) or a message (event closed,
    full without waitlist). The confirmation or waitlist e-mail is owed on the RSVP row (events/outbox.py).

    The returned RSVP carries ``created`` (False when this person had already RSVPed) and, for a new
    waitlisted RSVP, ``waitlist_position`` (1 = next in line). ``short_path=False``: the caller has just
    tried the common case's short path (``rsvp_create_common``), so it is not tried a second time.
    """
    if user is not None and user.is_authenticated:
        email = user.email
    data = _clean(email=email, first_name=first_name, last_name=last_name, zip_code=zip_code, phone=phone)
    # Refuse a closed event before creating anyone (checked again under the lock).
    problem = event_open_error(event)
    if problem:
        raise ValidationError(problem, code="closed")
    if short_path and (user is None or not user.is_authenticated):
        # The common case in one round trip (PostgreSQL) or one short write turn (SQLite); None when
        # this RSVP is not that case, having written nothing.
        try:
            rsvp = rsvp_take(event_id=event.pk, data=data, source=source)
        except IntegrityError:
            rsvp = None  # a race the general path's retries are made for
        if rsvp is not None:
            return rsvp
    for attempt in range(1, CREATE_ATTEMPTS + 1):
        try:
            with write_turns.writer_turn():
                return _rsvp_create_once(event_id=event.pk, data=data, user=user, source=source)
        except IntegrityError:
            if attempt == CREATE_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def rsvp_create_common(
    *,
    slug: str,
    email: str,
    first_name: str,
    last_name: str = "",
    zip_code: str = "",
    phone: str = "",
    source: str = "web",
) -> Rsvp | None:
    """The form's RSVP for someone not signed in, straight from the event's address: the common case
    (``services/rsvp_take.py``) in one step, the event found and locked in it, and returned on the RSVP
    (``rsvp.event``). None when the input is invalid or the case is any other (a draft, an unknown slug,
    a closed or full event, an address already RSVPed): then ``rsvp_create``, given the event as this
    viewer may see it, says why or does the rest. Nothing is written before None."""
    try:
        data = _clean(email=email, first_name=first_name, last_name=last_name, zip_code=zip_code, phone=phone)
    except ValidationError:
        return None
    try:
        return rsvp_take(slug=slug, data=data, source=source)
    except IntegrityError:
        return None  # a race the general path's retries are made for


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
def _rsvp_create_once(*, event_id: int, data: dict, user, source: str) -> Rsvp:
    # Match the person before taking the event lock: that lock is what every RSVP to a popular event
    # queues on, so it is held only for taking a seat and writing the RSVP.
    _lock_email(data["email"])
    person, new_person = _person_for(user=user, data=data, source=source)
    # Someone the network did not know a moment ago has no RSVP yet: skip the look-up on the hot path.
    rsvp = None if new_person else Rsvp.objects.filter(event_id=event_id, person=person).first()
    if rsvp is not None and rsvp.status != Rsvp.Status.CANCELLED:
        rsvp.created = False
        _resend_details(rsvp)
        return rsvp
    event = _lock_event(event_id)
    problem = event_open_error(event)
    if problem:
        raise ValidationError(problem, code="closed")
    if event.capacity is None or event.confirmed_count < event.capacity:
        status = Rsvp.Status.CONFIRMED
    elif event.waitlist_enabled:
        status = Rsvp.Status.WAITLISTED
    else:
        raise ValidationError(_("Sorry, this event is full and has no waitlist."), code="full")
    # The e-mail she is owed is written on the RSVP row itself (the outbox, see events/outbox.py): it
    # commits or rolls back with the RSVP, at no extra statement under the lock.
    kind = outbox.CONFIRMATION if status == Rsvp.Status.CONFIRMED else outbox.WAITLISTED
    now = timezone.now()
    if rsvp is None:
        rsvp = Rsvp(
            event=event, person=person, status=status, source=source, email_kind=kind, email_due_at=now
        )
        sql.insert(rsvp)
        action = "rsvp.create"
    else:
        # Coming back after a cancel is a new arrival: the end of the waitlist, not the old place in it.
        rsvp.event = event
        rsvp.status, rsvp.source, rsvp.created_at = status, source, now
        rsvp.cancelled_at = rsvp.promoted_at = rsvp.confirmation_sent_at = None
        rsvp.reminded_day_at = rsvp.reminded_hours_at = None
        rsvp.email_kind, rsvp.email_due_at, rsvp.email_attempts = kind, now, 0
        rsvp.save()
        action = "rsvp.reactivate"
    _count_move(event, None, status)
    _counts_save(event)
    rsvp.created = True
    # The waitlist is in arrival order and this RSVP just arrived: its place is the waitlist's length.
    rsvp.waitlist_position = event.waitlist_count if status == Rsvp.Status.WAITLISTED else None
    actor = user if user is not None and user.is_authenticated else None
    changes = {"status": status, "source": source}
    if new_person and actor is None:
        changes["new_person"] = person.pk  # met through this RSVP (see _person_for)
    audit_log(action=action, actor=actor, target=rsvp, changes=changes)
    transaction.on_commit(after_rsvp_commit)
    return rsvp


def _resend_details(rsvp: Rsvp) -> None:
    """Someone RSVPed again with the same address, most likely because she lost the e-mail: send it
    again, to that address only, at most once per RESEND_SECONDS so the form cannot be used to flood it."""
    if cache.add(f"rsvp-resend:{rsvp.pk}", 1, RESEND_SECONDS):
        kind = (
            "events.rsvp_confirmation" if rsvp.status == Rsvp.Status.CONFIRMED else "events.rsvp_waitlisted"
        )
        _queue_email(kind, rsvp.pk)


def _lock_rsvp(rsvp: Rsvp, *, full: bool = False) -> tuple[Event, Rsvp]:
    """The RSVP's event locked, and the RSVP fresh: every status write holds its event's lock, so that lock
    alone serialises them. ``full`` (the door) also locks the RSVP's row, against an undone check-in at
    the same moment, and loads the whole event and the person (for the page that shows them)."""
    event = _lock_event(rsvp.event_id)
    if not full:
        rsvp = Rsvp.objects.get(pk=rsvp.pk)
        rsvp.event = event
        return event, rsvp
    rsvp = Rsvp.objects.select_for_update(of=("self",)).select_related("event", "person").get(pk=rsvp.pk)
    rsvp.event.confirmed_count, rsvp.event.waitlist_count = event.confirmed_count, event.waitlist_count
    return rsvp.event, rsvp


@transaction.atomic
def rsvp_cancel(*, rsvp: Rsvp, actor=None) -> Rsvp:
    """Cancel ``rsvp``; a freed seat goes to the first person on the waitlist (arrival order), who is
    e-mailed. Idempotent: cancelling again changes nothing; ``rsvp.cancelled_now`` says which happened.
    """
    event, rsvp = _lock_rsvp(rsvp)
    if rsvp.status == Rsvp.Status.CANCELLED:
        rsvp.cancelled_now = False
        return rsvp
    was = rsvp.status
    rsvp.status, rsvp.cancelled_at = Rsvp.Status.CANCELLED, timezone.now()
    rsvp.save(update_fields=["status", "cancelled_at", "updated_at"])
    _count_move(event, was, Rsvp.Status.CANCELLED)
    rsvp.cancelled_now = True
    audit_log(action="rsvp.cancel", actor=actor, target=rsvp, changes={"status": [was, "cancelled"]})
    if was == Rsvp.Status.CONFIRMED and event.status == Event.Status.PUBLISHED:
        _promote(event, actor=actor)
    _counts_save(event)
    return rsvp


@transaction.atomic
def rsvp_promote_waitlist(*, event: Event, actor=None) -> list[Rsvp]:
    """Fill free seats from the waitlist, in arrival order. Call after raising an event's capacity."""
    event = _lock_event(event.pk)
    if event.status != Event.Status.PUBLISHED or event.ends_at <= timezone.now():
        return []
    promoted = _promote(event, actor=actor)
    _counts_save(event)
    return promoted


def _promote(event: Event, *, actor) -> list[Rsvp]:
    """Caller holds the event lock and saves its counters."""
    if event.capacity is None:
        free = None
    else:
        free = event.capacity - event.confirmed_count
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
        _queue_email("events.rsvp_promoted", rsvp.pk)
    _count_move(event, Rsvp.Status.WAITLISTED, Rsvp.Status.CONFIRMED, len(promoted))
    return promoted


# --- At the door (called by services/hosting.py, which checks the host) ---------------------------------


def rsvp_lock_for_door(*, rsvp: Rsvp) -> Rsvp:
    """``rsvp`` fresh and locked (its event first), with ``event`` and ``person`` loaded, for a check-in."""
    return _lock_rsvp(rsvp, full=True)[1]


def rsvp_seat_at_door(*, rsvp: Rsvp, now) -> list[str]:
    """Confirm a waitlisted or cancelled RSVP whose person is in the room, even past capacity (the door
    overrides the list). Caller holds the locks (``rsvp_lock_for_door``) and saves the RSVP; returns the
    fields changed."""
    if rsvp.status == Rsvp.Status.CONFIRMED:
        return []
    fields = ["status", "cancelled_at"]
    if rsvp.status == Rsvp.Status.WAITLISTED:
        rsvp.promoted_at = now
        fields.append("promoted_at")
    _count_move(rsvp.event, rsvp.status, Rsvp.Status.CONFIRMED)
    _counts_save(rsvp.event)
    rsvp.status, rsvp.cancelled_at = Rsvp.Status.CONFIRMED, None
    return fields


@transaction.atomic
def rsvp_walk_in_create(*, event: Event, person: Person, actor) -> Rsvp:
    """A confirmed walk-in RSVP for someone at the door without one, even past capacity. The caller
    (``hosting.walk_in_register``) checks the host and makes sure ``person`` has no RSVP yet."""
    event = _lock_event(event.pk)
    rsvp = Rsvp.objects.create(
        event=event, person=person, status=Rsvp.Status.CONFIRMED, source="walk-in", walk_in=True
    )
    _count_move(event, None, Rsvp.Status.CONFIRMED)
    _counts_save(event)
    audit_log(
        action="rsvp.create",
        actor=actor,
        target=rsvp,
        changes={"status": Rsvp.Status.CONFIRMED, "source": "walk-in"},
    )
    return rsvp
