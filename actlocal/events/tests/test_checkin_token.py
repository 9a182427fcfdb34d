"""The QR code in the confirmation e-mail opens /events/checkin/<token>/. A host of that event gets the
attendee's name and a Check in button (POST, idempotent); anyone else, the attendee included, gets "show
this code to a host" and learns nothing; a tampered code gets a clear 404."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.checkin import checkin_url
from actlocal.events.models import Event, Rsvp
from actlocal.events.tokens import checkin_token
from conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(host):
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        timezone="America/Chicago",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
    )
    event.hosts.add(host)
    return event


@pytest.fixture
def rsvp(event):
    person = Person.objects.create(first_name="Maria", last_name="Lopez", email="maria@example.org")
    return Rsvp.objects.create(event=event, person=person)


def url(rsvp) -> str:
    return f"/events/checkin/{checkin_token(rsvp)}/"


def test_the_e_mailed_link_is_the_check_in_route(rsvp, settings):
    assert checkin_url(rsvp) == settings.SITE_URL + url(rsvp)


def test_a_host_sees_the_name_and_a_check_in_button_but_a_get_checks_nobody_in(client, host, rsvp):
    client.force_login(host)

    page = client.get(url(rsvp)).content.decode()

    assert "Maria Lopez" in page and 'method="post"' in page and ">Check in<" in page
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_at is None


def test_a_host_checks_in_by_post_and_a_second_scan_says_when(client, host, rsvp):
    client.force_login(host)

    page = client.post(url(rsvp)).content.decode()
    assert "Checked in. Welcome!" in page
    first = Rsvp.objects.get(pk=rsvp.pk).checked_in_at
    assert first is not None

    page = client.post(url(rsvp)).content.decode()
    assert "Already checked in at" in page
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_at == first
    local = timezone.localtime(first, ZoneInfo("America/Chicago"))
    assert local.strftime("%-I:%M") in page


def test_staff_can_check_in_by_code(client, staff, rsvp):
    client.force_login(staff)
    client.post(url(rsvp))
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_by == staff


def test_anyone_else_sees_only_show_this_to_a_host(client, leader, outsider, rsvp):
    maria = make_user("maria@example.org", name="Maria Lopez", is_member=True)
    Person.objects.filter(pk=rsvp.person_id).update(user=maria)
    for user in (None, leader, outsider, maria):
        client.logout()
        if user:
            client.force_login(user)
        response = client.get(url(rsvp))
        page = response.content.decode()
        assert response.status_code == 200
        assert "Show this code to a host at the door" in page
        assert "Lopez" not in page and "Madison follow-up" not in page and "maria@" not in page
        assert 'src="data:image/svg+xml' in page
        assert client.post(url(rsvp)).status_code == 403
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_at is None


def test_a_host_of_another_event_cannot_check_in_by_code(client, rsvp):
    other = make_user("olga@actlocal.test", name="Olga Other", is_member=True)
    now = timezone.now()
    Event.objects.create(
        title="Other", slug="other", status="published", starts_at=now, ends_at=now
    ).hosts.add(other)
    client.force_login(other)
    assert "Show this code to a host" in client.get(url(rsvp)).content.decode()
    assert client.post(url(rsvp)).status_code == 403
    assert Rsvp.objects.get(pk=rsvp.pk).checked_in_at is None


def test_a_tampered_or_unknown_code_gets_a_clear_not_found(client, host, rsvp):
    client.force_login(host)
    token = checkin_token(rsvp)
    for bad in (token[:-2] + "xx", "nonsense", "a" * 2000):
        response = client.get(f"/events/checkin/{bad}/")
        assert response.status_code == 404
        assert "This check-in code is not valid" in response.content.decode()
    Rsvp.objects.filter(pk=rsvp.pk).delete()
    assert client.post(f"/events/checkin/{token}/").status_code == 404
