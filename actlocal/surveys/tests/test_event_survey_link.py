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


def _ended(survey, ago):
    event = survey.event
    event.ends_at = timezone.now() - ago
    event.starts_at = event.ends_at - timedelta(hours=2)
    event.save()


def test_the_link_goes_out_by_itself_an_hour_after_the_event(
    event_survey, django_capture_on_commit_callbacks
):
    from actlocal.surveys.services.builder import surveys_send_due

    _ended(event_survey, timedelta(hours=2))
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys_send_due() == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        assert surveys_send_due() == 0  # once
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("ago", [timedelta(minutes=10), timedelta(days=30)])
def test_too_soon_or_long_ago_nothing_goes_out_by_itself(event_survey, ago):
    from actlocal.surveys.services.builder import surveys_send_due

    _ended(event_survey, ago)
    assert surveys_send_due() == 0
    assert mail.outbox == []


def test_a_closed_survey_does_not_go_out_by_itself(event_survey):
    from actlocal.surveys.services.builder import surveys_send_due

    _ended(event_survey, timedelta(hours=2))
    event_survey.status = "closed"
    event_survey.save()
    assert surveys_send_due() == 0


def test_the_reminders_clock_sends_the_link(event_survey, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    _ended(event_survey, timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders")
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "ben@example.org"]
