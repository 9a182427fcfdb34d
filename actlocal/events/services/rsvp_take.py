"""The common RSVP, taken in the fewest database round trips each engine allows.

Nearly every RSVP in a surge is the simplest kind: someone not signed in, whose address is new to the
network or names a person with nothing left to fill in, RSVPs to an open event for the first time.
``rsvp_take`` does exactly that case: the person matched or made, a seat or a waitlist place taken under
the event's lock, the RSVP with the e-mail it owes (the outbox, ``events/outbox.py``), and its audit
entry, as ``services/rsvp._rsvp_create_once`` writes them. For anything else (a known person whose blanks
this RSVP would fill, an RSVP that already exists, an event closed, full with no waitlist, or whose
counters were never counted) it writes nothing and answers None, and the general path, which knows
every rule and every message, takes over.

Why a second path: in a surge the general one spends most of its time between statements, not in them.
Measured on the RSVP-surge benchmark (``bench/events.py``), it costs the app 2.9 ms of CPU per RSVP on
PostgreSQL, in eleven round trips, and PostgreSQL 1.3 ms more; on SQLite its transaction holds the one
write lock for 0.65 ms of Python. This path: 1.1 ms and 0.55 ms on PostgreSQL; 0.2 ms under SQLite's lock.

- PostgreSQL: one call of ``actlocal_rsvp_take`` (migrations ``0005_rsvp_take_function`` and
  ``0007_rsvp_take_seat_by_update``), one round trip and, outside a transaction, one implicit
  transaction. The rows travel as JSON built here from the models' own fields and defaults, so the
  function lists no column and cannot drift from the models.
- SQLite: the same steps as plain statements on the driver's own cursor, inside the ``BEGIN IMMEDIATE``
  transaction that admits one writer at a time (``write_turns.writer_transaction``).

The two are kept equal by tests that run every case through both this path and the general one and
compare the rows they leave (``tests/test_rsvp_take.py``, on both engines in CI).
"""

from __future__ import annotations

from datetime import UTC
from types import SimpleNamespace

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from actlocal.core import places
from actlocal.core.models import AuditEntry
from actlocal.core.request_context import current_origin
from actlocal.directory.models import Person
from actlocal.events import outbox, sql, write_turns
from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors_rsvp import PANEL_FIELDS

ACTION = "rsvp.create"
# What the steps read of the person: what matching needs. Of the event: what its panel shows (PANEL_FIELDS),
# which holds what the seat rules need.
MATCH_FIELDS = ("id", "first_name", "last_name", "phone", "zip_code")


def rsvp_take(*, data: dict, source: str, event_id: int | None = None, slug: str = "") -> Rsvp | None:
    """RSVP the person in ``data`` (cleaned by ``services/rsvp._clean``) to the event (by id, or by slug),
    if this is the common case and the event is published and open; else None, having written nothing.
    The RSVP returned carries ``created`` (True) and ``waitlist_position``, as ``rsvp_create``'s does,
    and ``event``: its panel's columns as they stood under the lock, so no second look-up is needed."""
    where = {"id": event_id} if event_id is not None else {"slug": slug}
    now = timezone.now()
    person = new_person(data)
    rsvp = sql.new(Rsvp, event_id=event_id, source=source, email_due_at=now)  # event_id set under the lock
    origin = current_origin()
    audit = sql.new(
        AuditEntry,
        action=ACTION,
        target_type=Rsvp._meta.label_lower,
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
    )
    db = connections[DEFAULT_DB_ALIAS]  # not the ``connection`` proxy: see sql._db
    if db.vendor == "postgresql" and not db.in_atomic_block:
        taken = _take_postgresql(where, now, person, rsvp, audit)  # its own implicit transaction
    elif db.vendor == "postgresql":
        with transaction.atomic():  # a savepoint, so a failed call leaves the caller's transaction usable
            taken = _take_postgresql(where, now, person, rsvp, audit)
    else:
        # Every value is converted before queueing for the write lock, which is held for the steps only.
        rows = sql.PreparedInsert(person), sql.PreparedInsert(rsvp), sql.PreparedInsert(audit)
        with write_turns.writer_transaction():
            taken = _take_statements(where, now, data, *rows)
        if taken is not None:  # the event's instance made after the turn, not in it
            *head, values = taken
            taken = (*head, sql.instance(Event, sql.in_model_order(Event, PANEL_FIELDS), values))
    if taken is None:
        return None
    rsvp_id, status, position, person_id, event = taken
    rsvp.pk, rsvp.status, rsvp.person_id, rsvp.event = rsvp_id, status, person_id, event
    rsvp.email_kind = outbox.CONFIRMATION if status == Rsvp.Status.CONFIRMED else outbox.WAITLISTED
    rsvp._state.adding, rsvp._state.db = False, db.alias
    rsvp.created, rsvp.waitlist_position = True, position
    transaction.on_commit(after_rsvp_commit)
    return rsvp


def after_rsvp_commit() -> None:
    """What every committed RSVP starts: the e-mail sweep and the reminders' clock."""
    from actlocal.events.reminders import reminders_ensure_scheduled

    outbox.rsvp_emails_kick()
    reminders_ensure_scheduled()


def new_person(data: dict) -> Person:
    """The Person an RSVP with ``data`` makes for an address nobody has, unsaved: made as the directory's
    ``person_match_or_create`` makes her (same fields, same place look-up)."""
    person = sql.new(
        Person,
        email=data["email"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        phone=data["phone"],
    )
    person.set_place(places.place_or_none(data["zip_code"]) if data["zip_code"] else None)
    return person


def fills_blanks(person: Person, data: dict) -> bool:
    """Whether an RSVP with ``data`` has a detail the known ``person`` left blank: then she goes through
    the directory's own matching rule (a stranger typing a known address only fills blanks)."""
    if data["zip_code"] and not person.zip_code:
        return True
    return any(data[field] and not getattr(person, field) for field in ("first_name", "last_name", "phone"))


def _take_postgresql(where, now, person, rsvp, audit):
    row = sql.run(
        "SELECT * FROM actlocal_rsvp_take(%s, %s, %s, %s::jsonb, %s::jsonb, %s::jsonb, %s, %s, %s, %s, %s)",
        [
            where.get("id"),
            where.get("slug"),
            now,
            sql.row_json(person),
            sql.row_json(rsvp),
            sql.row_json(audit),
            Event.Status.PUBLISHED,
            Rsvp.Status.CONFIRMED,
            Rsvp.Status.WAITLISTED,
            outbox.CONFIRMATION,
            outbox.WAITLISTED,
        ],
    ).fetchone()
    if row is None:
        return None
    *taken, event = row
    return (*taken, sql.instance_from_json(Event, event, PANEL_FIELDS))


def _take_statements(where, now, data, person_row, rsvp_row, audit_row):
    """The function's steps, one statement each, in the caller's transaction: SQLite's, whose write lock
    (taken at BEGIN IMMEDIATE) lets nothing interleave. Reads are raw values: text and numbers only."""
    fields = sql.in_model_order(Event, PANEL_FIELDS)
    row = sql.fetch_values(Event, fields, **where)
    if row is None:
        return None
    event = dict(zip(fields, row, strict=True))
    # SQLite's driver hands a datetime back naive, in UTC (as Django stores it there).
    if (
        event["status"] != Event.Status.PUBLISHED
        or event["ends_at"].replace(tzinfo=UTC) <= now
        or event["confirmed_count"] is None
        or event["waitlist_count"] is None
    ):
        return None
    event_id = event["id"]
    found = sql.fetch_values(Person, MATCH_FIELDS, order_by="id", email=data["email"])
    if found is not None:
        if fills_blanks(SimpleNamespace(**dict(zip(MATCH_FIELDS, found, strict=True))), data):
            return None
        if sql.fetch_values(Rsvp, ("id",), event_id=event_id, person_id=found[0]) is not None:
            return None
    capacity, confirmed = event["capacity"], event["confirmed_count"]
    if capacity is None or confirmed < capacity:
        status, position, counter = Rsvp.Status.CONFIRMED, None, "confirmed_count"
    elif event["waitlist_enabled"]:
        status, position, counter = Rsvp.Status.WAITLISTED, event["waitlist_count"] + 1, "waitlist_count"
    else:
        return None
    event[counter] += 1
    sql.update_one(Event, event_id, **{counter: event[counter]})
    person_id = person_row.run() if found is None else found[0]
    rsvp_row.set("event_id", event_id)
    rsvp_row.set("person_id", person_id)
    rsvp_row.set("status", status)
    rsvp_row.set("email_kind", outbox.CONFIRMATION if status == Rsvp.Status.CONFIRMED else outbox.WAITLISTED)
    # Arrival order is the order of taking the lock (the waitlist is sorted by it): stamped now.
    arrived = timezone.now()
    rsvp_row.set("created_at", arrived)
    rsvp_row.set("updated_at", arrived)
    rsvp_id = rsvp_row.run()
    changes = {"status": status, "source": rsvp_row.obj.source}
    if found is None:
        changes["new_person"] = person_id
    audit_row.set("target_id", str(rsvp_id))
    audit_row.set("target_repr", str(rsvp_row.obj))
    audit_row.set("changes", changes)
    audit_row.run()
    return rsvp_id, status, position, person_id, tuple(event.values())
