"""Finding events at /events/: near a ZIP, by state, kind, series and co-host group; bad input never 500s."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.directory.models import PartnerGroup
from actlocal.events.models import CoHost, EventSeries
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(partner_group):
    series = EventSeries.objects.create(name="ActLocal 2018", slug="actlocal-2018")
    madison = make_event(title="Madison convening", kind="convening", series=series)
    make_event(
        title="Milwaukee meeting", kind="meeting", city="Milwaukee", zip_code="53202", lat=43.04, lng=-87.90
    )
    make_event(
        title="Phoenix training",
        kind="training",
        state="AZ",
        city="Phoenix",
        zip_code="85004",
        lat=33.45,
        lng=-112.07,
        timezone="America/Phoenix",
    )
    make_event(title="Hidden draft", status="draft")
    CoHost.objects.create(event=madison, group=partner_group, status=CoHost.Status.ACCEPTED)
    return series


def _titles(client, **params):
    response = client.get(reverse("events:list"), params)
    assert response.status_code == 200
    page = response.content.decode()
    return {
        t for t in ("Madison convening", "Milwaukee meeting", "Phoenix training", "Hidden draft") if t in page
    }


def test_filters(client, events, partner_group):
    assert _titles(client) == {"Madison convening", "Milwaukee meeting", "Phoenix training"}
    assert _titles(client, near="53703", within="25") == {"Madison convening"}
    assert _titles(client, near="53703", within="100") == {"Madison convening", "Milwaukee meeting"}
    assert _titles(client, state="AZ") == {"Phoenix training"}
    assert _titles(client, kind="meeting") == {"Milwaukee meeting"}
    assert _titles(client, series="actlocal-2018") == {"Madison convening"}
    assert _titles(client, cohost=partner_group.slug) == {"Madison convening"}


def test_a_group_that_only_was_invited_does_not_count(client, events):
    other = PartnerGroup.objects.create(name="Invited only", slug="invited-only")
    CoHost.objects.create(event=events.events.get(), group=other)
    assert _titles(client, cohost="invited-only") == set()


@pytest.mark.parametrize(
    "params",
    [
        {"near": "99999"},
        {"near": "53703", "within": "-3"},
        {"state": "ZZ"},
        {"series": "<script>"},
        {"cohost": "../../etc"},
        {"kind": "party"},
        {"page": "abc"},
    ],
)
def test_bad_filters_never_fail(client, events, params):
    assert client.get(reverse("events:list"), params).status_code == 200


def test_the_list_shows_the_state_map_and_never_street_addresses(client, events):
    page = client.get(reverse("events:list")).content.decode()
    assert "Wisconsin: 2 events" in page and "Arizona: 1 event" in page
    assert "149 Waubesa" not in page
    assert (
        reverse("events:state_feed", args=["WI"])
        in client.get(reverse("events:list"), {"state": "WI"}).content.decode()
    )
