"""A host's message to attendees: one e-mail per attendee (nobody sees another's address), confirmed only
unless the waitlist is asked for, at most five a day per event, audit-logged, hosts only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.core.models import AuditEntry
from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.services.hosting import MESSAGES_PER_DAY

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/events/madison-follow-up/host/message/"


@pytest.fixture
def event(host):
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
    )
    event.hosts.add(host)
    for first, status in (
        ("Ana", "confirmed"),
        ("Ben", "confirmed"),
        ("Dee", "waitlisted"),
        ("Eve", "cancelled"),
    ):
        person = Person.objects.create(first_name=first, email=f"{first.lower()}@example.org")
        Rsvp.objects.create(event=event, person=person, status=status)
    # A walk-in who gave no address cannot be e-mailed and is skipped.
    Rsvp.objects.create(event=event, person=Person.objects.create(first_name="Wally"), walk_in=True)
    return event


def send(client, **extra):
    return client.post(URL, {"subject": "Parking", "body": "Park behind the library.", **extra})


def test_each_confirmed_attendee_gets_their_own_message(client, host, event):
    client.force_login(host)

    response = send(client)

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        assert message.subject == "Madison follow-up: Parking"
        assert "Park behind the library." in message.body
        others = {"ana@example.org", "ben@example.org"} - {message.to[0]}
        assert not any(address in message.body for address in others)


def test_the_waitlist_is_included_when_asked(client, host, event):
    client.force_login(host)

    send(client, include_waitlist="on")

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org", "dee@example.org"]


def test_the_message_is_audit_logged_with_one_entry_per_recipient(client, host, event):
    client.force_login(host)

    send(client)

    broadcast = audit_trail(event).get(action="events.attendees_message")
    assert broadcast.actor == host
    assert broadcast.changes["subject"] == "Parking" and broadcast.changes["recipients"] == 2
    assert AuditEntry.objects.filter(action="events.attendee_message_sent").count() == 2


def test_a_host_can_send_five_messages_a_day_and_no_more(client, host, event):
    client.force_login(host)
    for _ in range(MESSAGES_PER_DAY):
        assert send(client).status_code == 302
    mail.outbox.clear()

    response = send(client)

    assert response.status_code == 400
    assert "Try again tomorrow" in response.content.decode()
    assert mail.outbox == []


def test_an_empty_message_is_refused_without_sending(client, host, event):
    client.force_login(host)
    response = client.post(URL, {"subject": "", "body": ""})
    assert response.status_code == 400
    assert mail.outbox == []


def test_an_attendee_who_cancels_before_delivery_is_skipped(host, event):
    from actlocal.events.emails_hosting import build_attendee_message
    from actlocal.events.services.hosting import attendees_message

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("actlocal.events.services.hosting.queue_email", lambda kind, pk: None)
        attendees_message(event=event, actor=host, subject="Hi", body="See you")
    entry = AuditEntry.objects.filter(action="events.attendee_message_sent").order_by("id").first()
    Rsvp.objects.filter(pk=entry.target_id).update(status="cancelled")
    assert build_attendee_message(entry.pk) is None


def test_non_hosts_cannot_message_attendees(client, leader, outsider, event):
    for user in (leader, outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert send(client).status_code == 403
    client.logout()
    assert send(client)["Location"].startswith("/accounts/login/")
    assert mail.outbox == []
    assert not audit_trail(event).filter(action="events.attendees_message").exists()
