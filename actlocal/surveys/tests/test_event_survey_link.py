"""A survey attached to an event: its link goes to the attendees by e-mail after the event, once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import Rsvp
from actlocal.surveys.tests.conftest import ended_event, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_survey(host, counties, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    event = ended_event(host)
    for first, status in (("Ana", "confirmed"), ("Ben", "confirmed"), ("Cy", "cancelled")):
        person = Person.objects.create(first_name=first, email=f"{first.lower()}@example.org")
        Rsvp.objects.create(event=event, person=person, status=status)
    survey = make_survey(slug="after-madison")
    survey.event = event
    survey.save()
    return survey


def test_the_host_sends_the_link_to_confirmed_attendees_once(
    client, host, event_survey, django_capture_on_commit_callbacks
):
    client.force_login(host)

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/surveys/after-madison/send/")

    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    assert "http://" in mail.outbox[0].body and "/surveys/after-madison/?via=event" in mail.outbox[0].body
    page = client.post("/surveys/after-madison/send/", follow=True).content.decode()
    assert "already sent" in page
    assert len(mail.outbox) == 2


def test_the_link_waits_until_the_event_is_over(client, host, event_survey):
    event = event_survey.event
    event.ends_at = timezone.now() + timedelta(hours=1)
    event.save()
    client.force_login(host)

    page = client.post("/surveys/after-madison/send/", follow=True).content.decode()

    assert "after the event has ended" in page
    assert mail.outbox == []


def test_the_host_dashboard_can_reach_the_builder_for_the_event(client, host, event_survey):
    client.force_login(host)

    page = client.get("/surveys/after-madison/edit/").content.decode()

    assert "E-mail the link to the attendees" in page
    assert "Madison follow-up" in page


def test_a_leader_who_does_not_host_cannot_send(client, leader, event_survey):
    client.force_login(leader)

    assert client.post("/surveys/after-madison/send/").status_code == 403
    event_survey.refresh_from_db()
    assert event_survey.sent_to_attendees_at is None


def test_the_host_dashboard_links_to_building_a_survey_for_the_event(client, host, event_survey):
    client.force_login(host)

    page = client.get(f"/events/{event_survey.event.slug}/host/").content.decode()

    assert f'href="/surveys/new/?event={event_survey.event.slug}"' in page
    assert 'href="/surveys/after-madison/"' in page


def test_answers_that_come_through_the_e_mail_are_counted_as_from_the_event(client, event_survey):
    from actlocal.surveys.models import Response

    client.post("/surveys/after-madison/?via=event", {"survey": event_survey.pk, "action": "submit",
                                                      "q-priorities": ["climate"]})  # fmt: skip

    assert Response.objects.get().source == "event"
