"""No oversell under concurrent RSVPs, guaranteed by the database (row lock on PostgreSQL, the
BEGIN IMMEDIATE write lock on SQLite): run this file on both engines."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connections
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.services.rsvp import rsvp_cancel, rsvp_create

pytestmark = pytest.mark.django_db(transaction=True)

REQUESTS = 300
SEATS = 100
WORKERS = 24


def make_event(**kwargs) -> Event:
    start = timezone.now() + timedelta(days=3)
    return Event.objects.create(
        title="Packed convening",
        slug="packed-convening",
        status=Event.Status.PUBLISHED,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        timezone="America/Chicago",
        capacity=SEATS,
        waitlist_enabled=True,
        **kwargs,
    )


def fire(event: Event, emails: list[str]) -> tuple[list[Rsvp], list[BaseException]]:
    """Every e-mail RSVPs at once from its own thread and database connection."""
    results: list[Rsvp] = []
    errors: list[BaseException] = []
    start = threading.Barrier(WORKERS)
    lock = threading.Lock()

    def one(email: str) -> None:
        try:
            rsvp = rsvp_create(event=event, email=email, first_name="Surge", zip_code="53703")
            with lock:
                results.append(rsvp)
        except BaseException as exc:  # collected, asserted in the main thread
            errors.append(exc)

    def worker(batch: list[str]) -> None:
        try:
            start.wait()
            for email in batch:
                one(email)
        finally:
            connections.close_all()

    batches = [emails[i::WORKERS] for i in range(WORKERS)]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(worker, batches))
    return results, errors


def test_300_concurrent_rsvps_fill_100_seats_and_a_waitlist_in_arrival_order():
    event = make_event()
    results, errors = fire(event, [f"surge{n}@example.org" for n in range(REQUESTS)])
    assert errors == []
    assert len(results) == REQUESTS

    rows = list(Rsvp.objects.filter(event=event).order_by("id"))
    assert len(rows) == REQUESTS
    assert Person.objects.count() == REQUESTS  # no duplicate people
    assert len({r.person_id for r in rows}) == REQUESTS
    confirmed = [r for r in rows if r.status == Rsvp.Status.CONFIRMED]
    waitlisted = [r for r in rows if r.status == Rsvp.Status.WAITLISTED]
    assert (len(confirmed), len(waitlisted)) == (SEATS, REQUESTS - SEATS)
    # Inserts happen under the per-event lock, so id order is the order RSVPs committed: the first 100
    # to arrive have the seats and the waitlist follows the same order.
    assert confirmed == rows[:SEATS]
    by_waitlist_order = list(
        Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).order_by("created_at", "id")
    )
    assert by_waitlist_order == rows[SEATS:]
    # What each caller was told matches what the database holds, and so do the event's seat counters.
    assert {r.pk: r.status for r in results} == {r.pk: r.status for r in rows}
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (SEATS, REQUESTS - SEATS)

    mail.outbox.clear()
    rsvp_cancel(rsvp=confirmed[37])
    first_waiting = Rsvp.objects.get(pk=rows[SEATS].pk)
    assert first_waiting.status == Rsvp.Status.CONFIRMED
    assert Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count() == SEATS
    assert [m.to for m in mail.outbox] == [[first_waiting.person.email]]
    event.refresh_from_db()
    assert (event.confirmed_count, event.waitlist_count) == (SEATS, REQUESTS - SEATS - 1)


def test_the_same_email_sent_at_once_makes_one_rsvp_and_one_person():
    event = make_event()
    results, errors = fire(event, ["twin@example.org"] * 48)
    assert errors == []
    assert len({r.pk for r in results}) == 1
    assert Rsvp.objects.filter(event=event).count() == 1
    assert Person.objects.filter(email="twin@example.org").count() == 1
