"""The hot path's hand-built INSERT hands the database what the ORM's save would; SQLite RSVPs queue."""

from __future__ import annotations

import contextlib
import threading
from datetime import UTC, datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from actlocal.core import places
from actlocal.core.models import AuditEntry
from actlocal.directory.models import Person
from actlocal.events import sql, write_turns
from actlocal.events.models import Event, Rsvp
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


def comparable(value):
    # PostgreSQL's driver takes JSON in a wrapper, which does not compare equal to another holding the same.
    return ("json", value.obj) if type(value).__name__ == "Jsonb" else value


def same_as_orm(obj) -> bool:
    """Every column holds what the ORM's save would send the driver, shortcuts and all."""
    plan, _statement, _returning = sql._insert_sql(type(obj), connection.vendor)
    orm = [field.get_db_prep_save(field.pre_save(obj, True), connection) for field, *_rest in plan]
    fast = sql.PreparedInsert(obj).params
    return [comparable(v) for v in fast] == [comparable(v) for v in orm]


@pytest.fixture(autouse=True)
def frozen_clock():
    # auto_now columns read the clock once per call: hold it still so both paths see the same instant.
    with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
        yield


def test_insert_parameters_equal_the_orm_s_for_a_person_and_an_rsvp():
    person = Person(email="ana@example.org", first_name="Ana", last_name="", phone="608-555-0100")
    person.set_place(places.place_for_zip("53703"))
    person.listed = 1  # not a bool: must go through the field's own conversion
    assert same_as_orm(person)

    sql.insert(person)
    event = make_event()
    rsvp = Rsvp(event=event, person=person, status=Rsvp.Status.CONFIRMED, email_kind="x", email_attempts=True)
    assert same_as_orm(rsvp)
    sql.insert(rsvp)
    stored = Rsvp.objects.get(pk=rsvp.pk)
    assert (stored.person_id, stored.event_id, stored.email_attempts) == (person.pk, event.pk, 1)
    assert Person.objects.get(pk=person.pk).listed is True
    audit = AuditEntry(action="rsvp.create", target_type="events.rsvp", changes={"status": "confirmed"})
    assert same_as_orm(audit)


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Person, {"email": "ana@example.org", "first_name": "Ana", "last_name": "", "phone": "608"}),
        (Person, {}),
        (Rsvp, {"event_id": 7, "source": "web", "email_due_at": timezone.now()}),
        (AuditEntry, {"action": "rsvp.create", "target_type": "events.rsvp", "ip_address": None}),
    ],
)
def test_a_new_instance_is_the_one_keyword_arguments_make(model, values):
    fast, orm = sql.new(model, **values), model(**values)
    state = lambda obj: {k: v for k, v in vars(obj).items() if k != "_state"}  # noqa: E731
    assert state(fast) == state(orm)
    assert fast._state.adding and fast.pk is None
    if model is AuditEntry:  # a callable default is called for each instance, not shared
        assert fast.changes == {} and fast.changes is not sql.new(model, **values).changes


def test_a_new_instance_refuses_a_name_that_is_no_column():
    with pytest.raises(TypeError, match="event"):
        sql.new(Rsvp, event=None)


MOMENT = datetime(2026, 11, 25, 22, 30, 5, 123456, tzinfo=UTC)


@pytest.mark.parametrize(
    ("model", "name", "value"),
    [
        (Rsvp, "email_due_at", MOMENT),
        (Rsvp, "email_due_at", MOMENT.replace(microsecond=0)),  # str() leaves the fraction off
        (Rsvp, "email_due_at", MOMENT.astimezone(ZoneInfo("America/Chicago"))),
        (Rsvp, "email_due_at", MOMENT.replace(tzinfo=ZoneInfo("UTC"))),  # UTC, but not datetime's own
        (Rsvp, "email_due_at", None),
        (AuditEntry, "changes", {}),
        (AuditEntry, "changes", {"status": "confirmed", "name": "Ana Núñez", "ids": [1, 2.5, None, True]}),
        (AuditEntry, "changes", []),
        (AuditEntry, "changes", "text"),
        (AuditEntry, "changes", None),
        (Person, "email", "ana@example.org"),
        (Person, "listed", 1),
    ],
)
def test_each_column_shortcut_gives_what_the_field_would(model, name, value):
    field = model._meta.get_field(name)
    convert = sql._converter(field, connection.vendor)
    assert comparable(convert(value, connection)) == comparable(field.get_db_prep_save(value, connection))


def test_the_shortcuts_skip_the_field_s_conversion_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("the datetime and JSON shortcuts are SQLite's text forms")
    for model, name, value in ((Rsvp, "email_due_at", MOMENT), (AuditEntry, "changes", {"a": 1})):
        field = model._meta.get_field(name)
        with mock.patch.object(type(field), "get_db_prep_save", side_effect=AssertionError("slow path")):
            assert sql._converter(field, "sqlite")(value, connection) is not None


@pytest.mark.django_db(transaction=True)
def test_sqlite_rsvp_writers_wait_their_turn_on_the_os_lock():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL queues on its row locks")
    order = []

    def other():
        with write_turns.writer_turn():
            order.append("second")

    with write_turns.writer_turn():
        waiting = threading.Thread(target=other)
        waiting.start()
        waiting.join(0.3)
        assert waiting.is_alive()  # blocked until this turn ends
        order.append("first")
    waiting.join(5)
    assert order == ["first", "second"]


@pytest.mark.django_db(transaction=True)
def test_sqlite_rsvp_writers_checkpoint_the_log_after_their_turn_every_so_often(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL has no write-ahead log to copy back by hand")
    calls = []
    real = write_turns.checkpoint

    def spy(db):
        # After the turn: no transaction open, and another writer can take the lock without waiting.
        calls.append(db.in_atomic_block)
        return real(db)

    monkeypatch.setattr(write_turns, "CHECKPOINT_EVERY", 3)
    with write_turns.writer_turn():
        pass
    for turn in write_turns._turn_files.__dict__.values():
        turn.turns = 0  # this thread's count so far, from earlier tests
    monkeypatch.setattr(write_turns, "checkpoint", spy)
    for _ in range(7):
        with write_turns.writer_turn():
            Person.objects.create(first_name="Turn", email="turn@example.org")
    assert calls == [False, False]


@pytest.mark.django_db(transaction=True)
def test_a_checkpoint_copies_the_whole_log_back_when_nobody_reads():
    if connection.vendor != "sqlite":
        assert write_turns.checkpoint(sql._db()) is None
        return
    Person.objects.create(first_name="Logged", email="logged@example.org")
    busy, frames, copied = write_turns.checkpoint(sql._db())
    assert busy == 0
    assert frames > 0
    assert copied == frames


def emails():
    return set(Person.objects.filter(email__endswith="@turn.example.org").values_list("email", flat=True))


@pytest.mark.django_db(transaction=True)
def test_a_writer_transaction_commits_what_runs_inside_and_then_its_hooks():
    hooks = []
    with write_turns.writer_transaction():
        Person.objects.create(first_name="A", email="a@turn.example.org")
        with transaction.atomic():  # ORM code inside nests, as in atomic()
            Person.objects.create(first_name="B", email="b@turn.example.org")
            transaction.on_commit(lambda: hooks.append(sorted(emails())))
        try:
            with transaction.atomic():
                Person.objects.create(first_name="C", email="c@turn.example.org")
                raise ValueError("undone to its savepoint")
        except ValueError:
            pass
        assert hooks == []  # not before the commit
    assert hooks == [["a@turn.example.org", "b@turn.example.org"]]
    assert emails() == {"a@turn.example.org", "b@turn.example.org"}
    db = sql._db()
    assert not db.in_atomic_block and db.get_autocommit()


@pytest.mark.django_db(transaction=True)
def test_a_writer_transaction_that_fails_keeps_nothing_and_leaves_the_connection_usable():
    hooks = []
    with pytest.raises(ValueError), write_turns.writer_transaction():
        Person.objects.create(first_name="A", email="a@turn.example.org")
        transaction.on_commit(lambda: hooks.append("ran"))
        raise ValueError("crash mid-turn")
    with write_turns.writer_transaction():
        Person.objects.create(first_name="B", email="b@turn.example.org")
        try:
            with transaction.atomic(savepoint=False):  # no savepoint: the whole transaction is spoilt
                Person.objects.create(first_name="C", email="c@turn.example.org")
                raise ValueError("swallowed below")
        except ValueError:
            pass
        transaction.on_commit(lambda: hooks.append("ran too"))
    assert hooks == []  # rolled back, as atomic() rolls back
    assert emails() == set()
    db = sql._db()
    assert not db.in_atomic_block and db.get_autocommit() and not db.needs_rollback
    with write_turns.writer_transaction():
        Person.objects.create(first_name="D", email="d@turn.example.org")
    assert emails() == {"d@turn.example.org"}


def loaded_state(obj) -> dict:
    return {k: v for k, v in vars(obj).items() if k != "_state"}


def test_a_row_read_here_is_the_instance_the_orm_reads():
    from actlocal.events.selectors_rsvp import PANEL_FIELDS

    event = make_event(capacity=40, street_address="1 Main St", online_url="")
    orm = Event.objects.only(*PANEL_FIELDS).get(pk=event.pk)
    fast = sql.fetch_one(Event, PANEL_FIELDS, id=event.pk)
    assert loaded_state(fast) == loaded_state(orm)
    assert fast.get_deferred_fields() == orm.get_deferred_fields()
    assert (fast._state.adding, fast._state.db) == (False, "default")
    assert fast.description == event.description  # a deferred field loads on access
    if connection.vendor == "postgresql":
        (row,) = sql.run("SELECT to_jsonb(e) FROM events_event e WHERE e.id = %s", [event.pk]).fetchone()
        from_json = sql.instance_from_json(Event, row, PANEL_FIELDS)
        assert loaded_state(from_json) == loaded_state(orm)
        assert from_json.get_deferred_fields() == orm.get_deferred_fields()


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_at_a_request_s_first_statement():
    db = sql._db()
    if db.vendor != "postgresql":
        pytest.skip("a SQLite file has no server connection to lose")
    import psycopg

    def dropped_by_the_server():
        with contextlib.suppress(psycopg.Error):  # the server hangs up on this very statement
            db.connection.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    event = make_event()
    assert db.health_check_enabled  # CONN_HEALTH_CHECKS, as configured
    dropped_by_the_server()
    db.health_check_done = False  # a new request starts on the persistent connection
    assert sql.fetch_values(Event, ("id",), id=event.pk) == (event.pk,)
    # Later in the same request a failure is reported, not hidden by running the statement again.
    dropped_by_the_server()
    with pytest.raises(OperationalError):
        sql.fetch_values(Event, ("id",), id=event.pk)
    db.close()  # as Django does at the end of a request whose connection failed


def test_postgresql_prepares_the_hot_path_s_statements_once_per_connection():
    """Django turns psycopg's prepared statements off unless configured (``config.py`` does): without
    that, ``prepare=True`` was silently ignored and the server parsed and planned each call again."""
    db = sql._db()
    if db.vendor != "postgresql":
        pytest.skip("SQLite's driver keeps its own statement cache")
    event = make_event()
    for _ in range(2):
        assert sql.fetch_values(Event, ("id",), id=event.pk) == (event.pk,)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", ["%events_event%"]
        )
        prepared = [row[0] for row in cursor.fetchall()]
    assert len(prepared) == 1, prepared
    # Django's own cursors still bind values on the client and prepare nothing.
    Event.objects.filter(pk=event.pk).exists()
    Event.objects.filter(pk=event.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE %s", ["%events_event%"]
        )
        assert cursor.fetchone()[0] == 1
