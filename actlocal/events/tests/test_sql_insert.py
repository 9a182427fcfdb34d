"""The hot path's hand-built INSERT hands the database what the ORM's save would; SQLite RSVPs queue."""

from __future__ import annotations

import threading
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from actlocal.core import places
from actlocal.directory.models import Person
from actlocal.events import sql
from actlocal.events.models import Rsvp
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


def orm_params(obj, plan):
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field, _name, _p in plan]


def same_as_orm(obj, plan) -> bool:
    """The columns the fast path may pass straight through hold what the ORM would send (the others take
    the ORM's own path in both; PostgreSQL's JSON wrappers do not compare equal)."""
    fast, orm = sql.PreparedInsert(obj).params, orm_params(obj, plan)
    return [a for (_f, _n, p), a in zip(plan, fast, strict=True) if p] == [
        b for (_f, _n, p), b in zip(plan, orm, strict=True) if p
    ]


@pytest.fixture(autouse=True)
def frozen_clock():
    # auto_now columns read the clock once per call: hold it still so both paths see the same instant.
    with mock.patch("django.utils.timezone.now", return_value=timezone.now()):
        yield


def test_insert_parameters_equal_the_orm_s_for_a_person_and_an_rsvp():
    person = Person(email="ana@example.org", first_name="Ana", last_name="", phone="608-555-0100")
    person.set_place(places.place_for_zip("53703"))
    person.listed = 1  # not a bool: must go through the field's own conversion
    plan, _statement, _returning = sql._insert_sql(Person, connection.vendor)
    assert same_as_orm(person, plan)
    assert any(p is not None for _f, _n, p in plan)  # the fast path is in use

    sql.insert(person)
    event = make_event()
    rsvp = Rsvp(event=event, person=person, status=Rsvp.Status.CONFIRMED, email_kind="x", email_attempts=True)
    plan, _statement, _returning = sql._insert_sql(Rsvp, connection.vendor)
    assert same_as_orm(rsvp, plan)
    sql.insert(rsvp)
    stored = Rsvp.objects.get(pk=rsvp.pk)
    assert (stored.person_id, stored.event_id, stored.email_attempts) == (person.pk, event.pk, 1)
    assert Person.objects.get(pk=person.pk).listed is True


@pytest.mark.django_db(transaction=True)
def test_sqlite_rsvp_writers_wait_their_turn_on_the_os_lock():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL queues on its row locks")
    order = []

    def other():
        with sql.writer_turn():
            order.append("second")

    with sql.writer_turn():
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
    real = sql.checkpoint

    def spy(db):
        # After the turn: no transaction open, and another writer can take the lock without waiting.
        calls.append(db.in_atomic_block)
        return real(db)

    monkeypatch.setattr(sql, "CHECKPOINT_EVERY", 3)
    with sql.writer_turn():
        pass
    for turn in sql._turn_files.__dict__.values():
        turn.turns = 0  # this thread's count so far, from earlier tests
    monkeypatch.setattr(sql, "checkpoint", spy)
    for _ in range(7):
        with sql.writer_turn():
            Person.objects.create(first_name="Turn", email="turn@example.org")
    assert calls == [False, False]


@pytest.mark.django_db(transaction=True)
def test_a_checkpoint_copies_the_whole_log_back_when_nobody_reads():
    if connection.vendor != "sqlite":
        assert sql.checkpoint(sql._db()) is None
        return
    Person.objects.create(first_name="Logged", email="logged@example.org")
    busy, frames, copied = sql.checkpoint(sql._db())
    assert busy == 0
    assert frames > 0
    assert copied == frames
