"""Creating, editing, publishing and cancelling events through the pages hosts use."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


def _local(days: int, hour: int) -> str:
    day = (timezone.now() + timedelta(days=days)).date()
    return f"{day:%Y-%m-%d}T{hour:02d}:00"


def _form(**overrides) -> dict:
    data = {
        "title": "Madison follow-up gathering",
        "description": "What we heard in November, and what comes next.",
        "kind": "follow_up",
        "mode": "in_person",
        "venue_name": "Goodman Community Center",
        "street_address": "149 Waubesa St",
        "zip": "53703",
        "starts_at": _local(10, 18),
        "ends_at": _local(10, 20),
        "capacity": "40",
        "waitlist_enabled": "on",
        "accessibility_notes": "Wheelchair accessible; ASL on request.",
    }
    data.update(overrides)
    return data


def test_a_leader_creates_a_draft_follow_up_and_becomes_its_host(client, leader):
    client.force_login(leader)
    response = client.post(reverse("events:new"), _form())
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == event.get_absolute_url()
    assert event.status == Event.Status.DRAFT
    assert list(event.hosts.all()) == [leader]
    assert (event.city, event.state, event.timezone) == ("Madison", "WI", "America/Chicago")
    assert event.slug.startswith("madison-follow-up-gathering-")


def test_wall_clock_times_are_stored_in_utc_for_chicago(client, staff):
    client.force_login(staff)
    year = timezone.now().year + 1
    # 6 PM in Madison is 23:00 UTC in July (CDT) and 00:00 UTC the next day in January (CST).
    for month, utc in (
        (7, datetime(year, 7, 15, 23, tzinfo=ZoneInfo("UTC"))),
        (1, datetime(year, 1, 16, 0, tzinfo=ZoneInfo("UTC"))),
    ):
        client.post(
            reverse("events:new"),
            _form(
                kind="convening",
                starts_at=f"{year}-{month:02d}-15T18:00",
                ends_at=f"{year}-{month:02d}-15T20:00",
            ),
        )
        event = Event.objects.latest("pk")
        assert event.timezone == "America/Chicago"
        assert event.starts_at == utc


def test_phoenix_has_no_daylight_saving(client, staff):
    client.force_login(staff)
    # A July evening in Phoenix is UTC-7 (no DST), while Denver would be UTC-6.
    year = timezone.now().year + 1
    client.post(
        reverse("events:new"),
        _form(zip="85004", starts_at=f"{year}-07-15T18:00", ends_at=f"{year}-07-15T20:00"),
    )
    event = Event.objects.get()
    assert event.timezone == "America/Phoenix"
    assert event.starts_at == datetime(year, 7, 16, 1, 0, tzinfo=ZoneInfo("UTC"))


def test_the_form_shows_the_derived_time_zone_when_editing(client, leader):
    event = make_event(hosts=[leader], zip_code="85004", timezone="America/Phoenix")
    client.force_login(leader)
    page = client.get(reverse("events:edit", args=[event.slug])).content.decode()
    assert "America/Phoenix" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"starts_at": _local(-2, 18), "ends_at": _local(-2, 20)}, "The start is in the past"),
        ({"ends_at": _local(10, 17)}, "The end must come after the start"),
        ({"capacity": "0"}, "Capacity must be at least 1"),
        ({"capacity": "-5"}, "Capacity must be at least 1"),
        ({"zip": "00000"}, "We don’t know the ZIP code 00000"),
        ({"zip": "abc"}, "is not a US ZIP code"),
        ({"mode": "online"}, "need the link people join with"),
        ({"starts_at": "tomorrow-ish"}, "Enter a valid date/time"),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(client, leader, overrides, message):
    client.force_login(leader)
    response = client.post(reverse("events:new"), _form(**overrides))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "What we heard in November" in page  # nothing typed is lost
    assert not Event.objects.exists()


def test_members_cannot_create_convenings(client, leader):
    client.force_login(leader)
    response = client.post(reverse("events:new"), _form(kind="convening"))
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_outsiders_and_the_public_cannot_create_events(client, outsider):
    assert client.get(reverse("events:new")).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(reverse("events:new")).status_code == 403
    assert client.post(reverse("events:new"), _form()).status_code == 403
    assert not Event.objects.exists()


def test_only_hosts_edit_and_the_slug_stays(client, leader, group_admin):
    event = make_event(hosts=[leader])
    slug = event.slug
    client.force_login(group_admin)
    assert client.post(reverse("events:edit", args=[slug]), _form(title="Hijacked")).status_code == 403
    client.force_login(leader)
    response = client.post(reverse("events:edit", args=[slug]), _form(title="A new title"))
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title == "A new title" and event.slug == slug


def test_drafts_are_hidden_until_published(client, leader, outsider):
    event = make_event(hosts=[leader], status=Event.Status.DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.post(reverse("events:publish", args=[event.slug])).status_code == 404
    client.force_login(leader)
    client.post(reverse("events:publish", args=[event.slug]))
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 200
    assert event.title in client.get(reverse("events:list")).content.decode()


def test_cancelling_tells_attendees_and_marks_the_page(client, leader, django_capture_on_commit_callbacks):
    event = make_event(hosts=[leader])
    for n, status in enumerate(["confirmed", "waitlisted", "cancelled"]):
        person = Person.objects.create(first_name=f"P{n}", email=f"p{n}@example.org")
        Rsvp.objects.create(event=event, person=person, status=status)
    client.force_login(leader)
    assert (
        "reason" in client.post(reverse("events:cancel", args=[event.slug]), {"reason": ""}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:cancel", args=[event.slug]), {"reason": "Snowstorm."})
    assert response.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p1@example.org"]
    assert "Snowstorm." in mail.outbox[0].body
    client.logout()
    page = client.get(event.get_absolute_url()).content.decode()
    assert "This event has been cancelled." in page and "Snowstorm." in page


def test_outsiders_cannot_cancel(client, outsider, leader):
    event = make_event(hosts=[leader])
    client.force_login(outsider)
    assert client.post(reverse("events:cancel", args=[event.slug]), {"reason": "x"}).status_code == 403
    event.refresh_from_db()
    assert event.status == Event.Status.PUBLISHED


def test_hosts_add_another_host_by_email(client, leader, group_admin, outsider):
    event = make_event(hosts=[leader])
    client.force_login(leader)
    url = reverse("events:team", args=[event.slug])
    response = client.post(url, {"add_host": "1", "host-email": "nobody@example.org"})
    assert "No ActLocal account uses that e-mail address." in response.content.decode()
    client.post(url, {"add_host": "1", "host-email": group_admin.email})
    assert set(event.hosts.all()) == {leader, group_admin}
    client.force_login(outsider)
    assert client.post(url, {"add_host": "1", "host-email": outsider.email}).status_code == 403
    assert outsider not in event.hosts.all()
