"""The host dashboard: counts, seats, RSVPs by day, co-hosts, attendance after the event, the survey link;
and the host tools on the event page. Only hosts and staff get in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import CoHost, Event, Rsvp
from actlocal.surveys.models import Survey
from conftest import make_user

pytestmark = pytest.mark.django_db


def make_event(host, *, slug="madison-follow-up", days=2, capacity=10, status="published"):
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug=slug,
        status=status,
        city="Madison",
        state="WI",
        timezone="America/Chicago",
        starts_at=now + timedelta(days=days),
        ends_at=now + timedelta(days=days, hours=2),
        capacity=capacity,
    )
    event.hosts.add(host)
    return event


def rsvp(event, first, status="confirmed", **extra):
    person = Person.objects.create(first_name=first, last_name="Doe", email=f"{first.lower()}@example.org")
    return Rsvp.objects.create(event=event, person=person, status=status, **extra)


@pytest.fixture
def event(host):
    event = make_event(host)
    for name in ("Ana", "Ben", "Cy"):
        rsvp(event, name)
    rsvp(event, "Dee", status="waitlisted")
    rsvp(event, "Eve", status="cancelled")
    rsvp(event, "Fay", checked_in_at=timezone.now())
    return event


URL = "/events/madison-follow-up/host/"


def test_a_host_sees_counts_and_seats_left(client, host, event):
    client.force_login(host)

    response = client.get(URL)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("<h1") == 1
    figures = [f.split("<")[0] for f in page.split('class="figure">')[1:6]]
    assert figures == ["4", "1", "1", "1", "6"]  # confirmed, waitlisted, cancelled, checked in, seats left
    assert "RSVPs by day" in page and "<svg" in page and "<table" in page


def test_staff_see_any_dashboard(client, staff, event):
    client.force_login(staff)
    assert client.get(URL).status_code == 200


def test_non_hosts_are_refused(client, leader, outsider, event):
    for user in (leader, outsider):
        client.force_login(user)
        assert client.get(URL).status_code == 403
    client.logout()
    assert client.get(URL)["Location"].startswith("/accounts/login/")


def test_a_host_of_another_event_is_refused(client, event):
    other_host = make_user("olga@actlocal.test", name="Olga Other", is_member=True)
    make_event(other_host, slug="other-event")
    client.force_login(other_host)
    assert client.get(URL).status_code == 403


def test_a_draft_is_not_found_for_a_non_host(client, host, leader):
    make_event(host, slug="secret-draft", status="draft")
    client.force_login(leader)
    assert client.get("/events/secret-draft/host/").status_code == 404


def test_cohost_status_is_listed(client, host, event, partner_group):
    CoHost.objects.create(event=event, group=partner_group, status=CoHost.Status.INVITED)
    client.force_login(host)
    assert "Madison Neighbors United: Invited" in client.get(URL).content.decode()


def test_attendance_figures_show_only_after_the_event(client, host, event):
    client.force_login(host)
    assert "Attendance" not in client.get(URL).content.decode()

    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    page = client.get(URL).content.decode()
    assert "Attendance" in page
    assert "1 / 4" in page and "25%" in page


def test_the_post_event_survey_is_linked(client, host, event):
    client.force_login(host)
    assert "Network staff can create one" in client.get(URL).content.decode()

    Survey.objects.create(title="How did it go?", slug="how-did-it-go", event=event)
    page = client.get(URL).content.decode()
    assert 'href="/surveys/how-did-it-go/"' in page


def test_staff_get_a_prompt_to_create_the_survey(client, staff, event):
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert f"/admin/surveys/survey/add/?event={event.pk}" in page


def test_host_tools_show_on_the_event_page_only_to_hosts(client, host, leader, event):
    client.force_login(host)
    page = client.get("/events/madison-follow-up/").content.decode()
    assert "Host tools" in page and URL in page and "/events/madison-follow-up/checkin/" in page

    client.force_login(leader)
    page = client.get("/events/madison-follow-up/").content.decode()
    assert "Host tools" not in page and URL not in page
