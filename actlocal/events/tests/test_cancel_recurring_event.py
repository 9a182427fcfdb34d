"""Cancelling an event stores the hosts' reason on it and shows it on the page; cancelling a recurring
event's parent cancels its dates still to come, and their attendees are told, each with the reason."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import Event
from actlocal.events.services.occurrences import event_occurrences_sync
from actlocal.events.services.rsvp import rsvp_create
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "The church hall flooded; we will find a new place."


@pytest.fixture
def series(leader):
    """A weekly follow-up with three dates to come and one already past, each with an attendee."""
    starts = timezone.now() + timedelta(days=2)
    parent = make_event(
        hosts=[leader],
        starts_at=starts,
        recurrence=Event.Recurrence.WEEKLY,
        recurrence_until=(starts + timedelta(days=15)).date(),
        slug="weekly-follow-up",
    )
    future = event_occurrences_sync(event=parent, actor=leader)
    past = make_event(hosts=[leader], occurrence_of=parent, starts_at=timezone.now() - timedelta(days=5))
    for n, event in enumerate([parent, *future]):
        rsvp_create(event=event, email=f"a{n}@example.org", first_name=f"A{n}")
    mail.outbox.clear()
    return parent, future, past


def test_cancelling_the_parent_cancels_every_date_to_come_and_tells_their_attendees(client, leader, series):
    parent, future, past = series
    assert len(future) == 2
    client.force_login(leader)
    response = client.post(reverse("events:cancel", args=[parent.slug]), {"reason": REASON})
    assert response.status_code == 302
    for event in [parent, *future]:
        event.refresh_from_db()
        assert (event.status, event.cancel_reason) == (Event.Status.CANCELLED, REASON)
    past.refresh_from_db()
    assert past.status == Event.Status.PUBLISHED and past.cancel_reason == ""  # history stays
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == ["a0@example.org", "a1@example.org", "a2@example.org"]
    assert all(REASON in m.body for m in mail.outbox)


def test_the_reason_shows_on_each_cancelled_page(client, leader, series):
    parent, future, _past = series
    client.force_login(leader)
    client.post(reverse("events:cancel", args=[parent.slug]), {"reason": REASON})
    client.logout()
    for event in (parent, future[-1]):
        page = client.get(event.get_absolute_url()).content.decode()
        assert "This event has been cancelled." in page
        assert "The church hall flooded; we will find a new place." in page


def test_cancelling_one_date_leaves_the_others(client, leader, series):
    parent, future, _past = series
    client.force_login(leader)
    client.post(reverse("events:cancel", args=[future[0].slug]), {"reason": "Holiday."})
    parent.refresh_from_db()
    future[1].refresh_from_db()
    assert parent.status == future[1].status == Event.Status.PUBLISHED
    assert [m.to for m in mail.outbox] == [["a1@example.org"]]


def test_the_cancel_page_warns_that_dates_to_come_go_too(client, leader, series):
    parent, _future, _past = series
    client.force_login(leader)
    page = client.get(reverse("events:cancel", args=[parent.slug])).content.decode()
    assert "its dates still to come are cancelled too" in page


def test_an_outsider_cannot_cancel_the_series(client, outsider, series):
    parent, future, _past = series
    client.force_login(outsider)
    assert client.post(reverse("events:cancel", args=[parent.slug]), {"reason": REASON}).status_code == 403
    assert not Event.objects.filter(status=Event.Status.CANCELLED).exists()
