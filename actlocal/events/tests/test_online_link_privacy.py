"""The link to join an online or hybrid event follows the street address's one rule: confirmed attendees,
hosts and staff see it (page, their own .ics, their e-mails); everyone else is told it comes to confirmed
attendees, and public calendar feeds never carry it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from actlocal.events.models import Event
from actlocal.events.services.rsvp import rsvp_create
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db(transaction=True)

LINK = "https://meet.example.org/actlocal/madison-secret-room"
LATER = "The link to join online is sent to confirmed attendees."


@pytest.fixture
def event(host):
    return make_event(mode=Event.Mode.HYBRID, online_url=LINK, capacity=1, hosts=[host], slug="hybrid-meet")


def page(client, event) -> str:
    return client.get(event.get_absolute_url()).content.decode()


def test_the_public_is_told_the_link_comes_later_but_never_sees_it(client, event):
    html = page(client, event)
    assert LINK not in html
    assert LATER in html


def test_a_confirmed_attendee_sees_the_link_and_the_waitlist_does_not(client, event, leader, outsider):
    rsvp_create(event=event, email="", first_name="Lena", user=leader)  # the one seat
    rsvp_create(event=event, email="", first_name="Otto", user=outsider)  # waitlisted
    client.force_login(leader)
    assert LINK in page(client, event)
    client.force_login(outsider)
    html = page(client, event)
    assert LINK not in html and LATER in html


def test_hosts_and_staff_see_the_link(client, event, host, staff):
    for viewer in (host, staff):
        client.force_login(viewer)
        assert LINK in page(client, event)


def test_an_anonymous_rsvp_is_answered_without_the_link(client, event):
    response = client.post(
        reverse("events:rsvp", args=[event.slug]),
        {"first_name": "Ana", "email": "ana@example.org"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert "You're in!" in html and LINK not in html and LATER in html


def test_public_calendar_feeds_never_carry_the_link(client, event):
    for url in (
        reverse("events:event_feed", args=[event.slug]),
        reverse("events:state_feed", args=["WI"]),
    ):
        response = client.get(url)
        assert response.status_code == 200
        assert LINK not in response.content.decode()


def test_the_confirmation_and_its_calendar_file_carry_the_link_the_waitlist_mail_does_not(event):
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    rsvp_create(event=event, email="bo@example.org", first_name="Bo")
    confirmation, waitlisted = mail.outbox
    assert LINK in confirmation.body
    ics = confirmation.attachments[1]
    content = ics[1] if isinstance(ics[1], str) else ics[1].decode()
    assert LINK in content.replace("\r\n ", "")  # folded at 75 octets
    assert LINK not in waitlisted.body
    assert len(waitlisted.attachments) == 0
