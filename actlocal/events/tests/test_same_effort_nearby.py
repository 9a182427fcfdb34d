"""Work together, not twice: a host sees other hosts' events of the same kind, near in place and time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import Event
from actlocal.events.selectors_host import events_like_it_nearby
from actlocal.events.tests.event_factory import make_event
from conftest import make_user

pytestmark = pytest.mark.django_db

# Middleton, WI: about 7 miles west of Madison. Milwaukee: about 73 miles east.
MIDDLETON = {"zip_code": "53562", "city": "Middleton", "lat": 43.1006, "lng": -89.5188}
MILWAUKEE = {"zip_code": "53202", "city": "Milwaukee", "lat": 43.0450, "lng": -87.8966}


@pytest.fixture
def other_host(db):
    return make_user("olga@actlocal.test", name="Olga Other", is_member=True)


@pytest.fixture
def mine(host):
    return make_event(hosts=[host], title="Madison follow-up", kind=Event.Kind.FOLLOW_UP)


def _titles(event) -> list[str]:
    return [e.title for e in events_like_it_nearby(event)]


def test_another_hosts_event_of_the_same_kind_close_by_on_a_nearby_day_is_flagged(mine, other_host):
    near = make_event(
        hosts=[other_host],
        title="Middleton follow-up",
        starts_at=mine.starts_at + timedelta(days=1),
        **MIDDLETON,
    )
    same_town = make_event(hosts=[other_host], title="Also in Madison", starts_at=mine.starts_at)
    found = events_like_it_nearby(mine)
    assert [e.title for e in found] == [same_town.title, near.title]  # nearest first
    assert 5 < found[1].distance < 10


def test_what_is_not_the_same_effort_is_left_out(mine, host, other_host):
    starts = mine.starts_at
    make_event(hosts=[other_host], title="Far away", starts_at=starts, **MILWAUKEE)
    make_event(hosts=[other_host], title="Other kind", starts_at=starts, kind=Event.Kind.CANVASS)
    make_event(hosts=[other_host], title="Next week", starts_at=starts + timedelta(days=4))
    make_event(hosts=[other_host], title="A draft", starts_at=starts, status=Event.Status.DRAFT)
    make_event(hosts=[other_host], title="Cancelled", starts_at=starts, status=Event.Status.CANCELLED)
    make_event(hosts=[other_host], title="Online", starts_at=starts, mode=Event.Mode.ONLINE)
    make_event(hosts=[host, other_host], title="Co-hosted by me", starts_at=starts)
    make_event(hosts=[other_host], title="Over", starts_at=timezone.now() - timedelta(days=1))
    assert _titles(mine) == []


def test_the_dates_of_ones_own_recurring_gathering_are_not_flagged(host):
    parent = make_event(title="Weekly", recurrence=Event.Recurrence.WEEKLY)
    first = make_event(title="Weekly 1", occurrence_of=parent, starts_at=parent.starts_at)
    second = make_event(
        title="Weekly 2", occurrence_of=parent, starts_at=parent.starts_at + timedelta(days=1)
    )
    # No hosts in common to leave them out by: only the recurrence does.
    assert _titles(parent) == []
    assert _titles(first) == []
    assert _titles(second) == []


def test_an_online_or_placeless_event_has_nothing_nearby(mine, other_host):
    make_event(hosts=[other_host], title="Neighbour", starts_at=mine.starts_at)
    online = make_event(hosts=[mine.hosts.first()], title="Online call", mode=Event.Mode.ONLINE)
    placeless = make_event(hosts=[mine.hosts.first()], title="No ZIP", lat=None, lng=None, zip_code="")
    assert _titles(mine) == ["Neighbour"]
    assert _titles(online) == []
    assert _titles(placeless) == []


def test_only_the_hosts_see_it_on_the_event_page(client, mine, host, other_host):
    other = make_event(hosts=[other_host], title="Middleton follow-up", starts_at=mine.starts_at, **MIDDLETON)
    page = reverse("events:detail", args=[mine.slug])
    client.force_login(host)
    html = client.get(page).content.decode()
    assert "Others are organizing something like this nearby" in html
    assert (
        "Another event of this kind (follow-up gathering) starts within 3 days of yours, less than 25 miles away:"
        in html
    )
    assert "(7 mi away)" in html
    assert other.get_absolute_url() in html
    assert reverse("events:team", args=[mine.slug]) in html
    client.force_login(other_host)
    assert "Others are organizing" not in client.get(page).content.decode()
    client.logout()
    assert "Others are organizing" not in client.get(page).content.decode()


def test_a_draft_shows_its_host_the_overlap_before_it_is_published(client, host, other_host):
    draft = make_event(hosts=[host], title="My draft", status=Event.Status.DRAFT)
    make_event(hosts=[other_host], title="Theirs, published", starts_at=draft.starts_at)
    client.force_login(host)
    html = client.get(reverse("events:detail", args=[draft.slug])).content.decode()
    assert "Theirs, published" in html
    assert "(under a mile away)" in html  # same ZIP: not "0 mi"


def test_the_notice_is_in_spanish_too(client, mine, host, other_host):
    make_event(hosts=[other_host], title="Vecinos", starts_at=mine.starts_at)
    client.force_login(host)
    html = client.get(reverse("events:detail", args=[mine.slug]), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Vecinos" in html
    assert "Otras personas organizan algo parecido cerca" in html
    assert "Others are organizing" not in html
