"""Attendance after the event: confirmed people who came, walk-ins, no-shows and the rate."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors_host import event_attendance, rsvps_by_day
from actlocal.events.services.hosting import rsvp_check_in, walk_in_register

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(staff):
    now = timezone.now()
    event = Event.objects.create(
        title="Convening",
        slug="convening",
        status="published",
        timezone="America/Los_Angeles",
        starts_at=now - timedelta(hours=3),
        ends_at=now - timedelta(hours=1),
    )
    return event


def test_attendance_counts_who_came_who_walked_in_and_who_did_not(staff, event):
    rsvps = [
        Rsvp.objects.create(event=event, person=Person.objects.create(first_name=f"P{i}")) for i in range(4)
    ]
    Rsvp.objects.create(event=event, person=Person.objects.create(first_name="C"), status="cancelled")
    Rsvp.objects.create(event=event, person=Person.objects.create(first_name="W"), status="waitlisted")
    for rsvp in rsvps[:3]:
        rsvp_check_in(rsvp=rsvp, actor=staff)
    walk_in_register(event=event, actor=staff, first_name="Walker")

    figures = event_attendance(event)

    assert (figures.expected, figures.came, figures.walk_ins, figures.no_shows) == (4, 3, 1, 1)
    assert figures.total == 4 and figures.rate == 75


def test_no_rsvps_means_no_rate_rather_than_a_division_by_zero(event):
    assert event_attendance(event).rate is None


def test_rsvps_are_counted_by_day_in_the_events_time_zone(event):
    person = Person.objects.create(first_name="Late")
    rsvp = Rsvp.objects.create(event=event, person=person)
    # 03:00 UTC on the 2nd is still the evening of the 1st in California.
    moment = datetime(2026, 3, 2, 3, 0, tzinfo=UTC)
    Rsvp.objects.filter(pk=rsvp.pk).update(created_at=moment)

    assert [(d.isoformat(), n) for d, n in rsvps_by_day(event)] == [("2026-03-01", 1)]
