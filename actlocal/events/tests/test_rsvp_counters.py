"""The seat counters on an event (confirmed_count, waitlist_count) always equal a fresh COUNT of its RSVPs,
whichever way an RSVP was written: the form, a cancel and the promotion it triggers, a capacity raise, a
walk-in, a check-in at the door, an event cancelled; and the page shows seats from them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.events.models import Event, Rsvp
from actlocal.events.services.authoring import event_cancel, event_update
from actlocal.events.services.hosting import rsvp_check_in, rsvp_undo_check_in, walk_in_register
from actlocal.events.services.rsvp import rsvp_cancel, rsvp_counts_refresh, rsvp_create
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db(transaction=True)


def assert_counters_match(event: Event) -> None:
    event.refresh_from_db()
    fresh = (
        Rsvp.objects.filter(event=event, status=Rsvp.Status.CONFIRMED).count(),
        Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).count(),
    )
    assert (event.confirmed_count, event.waitlist_count) == fresh


def rsvp(event, n: int) -> Rsvp:
    return rsvp_create(event=event, email=f"c{n}@example.org", first_name=f"C{n}", zip_code="53703")


@pytest.fixture
def event(host):
    return make_event(capacity=2, hosts=[host])


def test_counters_follow_rsvps_the_waitlist_cancels_and_promotions(event):
    first, _second, third, fourth = (rsvp(event, n) for n in range(4))
    assert_counters_match(event)
    assert (event.confirmed_count, event.waitlist_count) == (2, 2)

    rsvp_cancel(rsvp=first)  # the first waitlisted takes the seat
    assert_counters_match(event)
    assert Rsvp.objects.get(pk=third.pk).status == Rsvp.Status.CONFIRMED

    rsvp_cancel(rsvp=fourth)  # leaving the waitlist
    rsvp_cancel(rsvp=fourth)  # twice changes nothing
    assert_counters_match(event)

    back = rsvp(event, 0)  # the first one comes back: a new arrival, at the end of the waitlist
    assert back.pk == first.pk and back.status == Rsvp.Status.WAITLISTED
    assert_counters_match(event)
    assert (event.confirmed_count, event.waitlist_count) == (2, 1)


def test_raising_capacity_promotes_and_counts(event, host):
    for n in range(5):
        rsvp(event, n)
    fields = {"capacity": 4}
    event_update(event=event, actor=host, fields=fields)
    assert_counters_match(event)
    assert (event.confirmed_count, event.waitlist_count) == (4, 1)


def test_walk_ins_and_check_ins_at_the_door_count(event, host):
    seated, _other, waiting = (rsvp(event, n) for n in range(3))
    rsvp_check_in(rsvp=waiting, actor=host)  # the door overrides the list: past capacity
    assert_counters_match(event)
    assert (event.confirmed_count, event.waitlist_count) == (3, 0)

    rsvp_cancel(rsvp=seated)
    rsvp_check_in(rsvp=seated, actor=host)  # cancelled, then came anyway
    assert_counters_match(event)

    walk_in_register(event=event, actor=host, first_name="Walk", email="walk@example.org")
    walk_in_register(event=event, actor=host, first_name="C1", email="c1@example.org")  # had an RSVP
    rsvp_undo_check_in(rsvp=waiting, actor=host)
    assert_counters_match(event)
    assert (event.confirmed_count, event.waitlist_count) == (4, 0)


def test_cancelling_the_event_leaves_the_counts_as_they_are(event, host):
    for n in range(3):
        rsvp(event, n)
    event_cancel(event=event, actor=host, reason="The hall flooded.")
    assert_counters_match(event)


def test_rows_loaded_in_bulk_are_counted_on_the_next_write(event):
    """A seeder or importer writes RSVPs without the services: the counters stay NULL ("not counted
    yet"), the page counts on the fly, and the next RSVP counts once under the lock."""
    from actlocal.directory.models import Person

    people = Person.objects.bulk_create(
        Person(email=f"bulk{n}@example.org", first_name="B") for n in range(2)
    )
    Rsvp.objects.bulk_create(Rsvp(event=event, person=p, status=Rsvp.Status.CONFIRMED) for p in people)
    Event.objects.filter(pk=event.pk).update(confirmed_count=None, waitlist_count=None)

    assert rsvp(event, 9).status == Rsvp.Status.WAITLISTED  # two seats were already taken
    assert_counters_match(event)


def test_recount_repairs_counters_after_a_write_outside_the_services(event):
    for n in range(3):
        rsvp(event, n)
    Rsvp.objects.filter(event=event, status=Rsvp.Status.WAITLISTED).delete()  # e.g. a merge of two people
    assert rsvp_counts_refresh(events=Event.objects.filter(pk=event.pk)) == 1
    assert_counters_match(event)


def test_event_page_shows_seats_left_from_the_counters(client, event):
    rsvp(event, 1)
    page = client.get(reverse("events:detail", args=[event.slug])).content.decode()
    assert "1 of 2 left" in page
