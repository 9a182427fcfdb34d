"""Calendar feeds (RFC 5545) per event, series, co-host group and state, parsed with ``icalendar``."""

from __future__ import annotations

from datetime import timedelta

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import CoHost, EventSeries
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


def _events(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"149 Waubesa" not in response.content  # never the street address
    return {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def events(partner_group):
    series = EventSeries.objects.create(name="ActLocal 2018", slug="actlocal-2018", target_states=15)
    madison = make_event(title="Madison", series=series)
    phoenix = make_event(
        title="Phoenix",
        series=series,
        zip_code="85004",
        city="Phoenix",
        state="AZ",
        timezone="America/Phoenix",
    )
    make_event(title="Draft", series=series, status="draft")
    make_event(title="Called off", series=series, status="cancelled")
    make_event(title="Long ago", series=series, starts_at=timezone.now() - timedelta(days=200))
    CoHost.objects.create(event=madison, group=partner_group, status=CoHost.Status.ACCEPTED)
    return {"series": series, "madison": madison, "phoenix": phoenix}


def test_the_series_feed_has_zones_links_and_cancellations_but_no_drafts(client, events):
    found = _events(client.get(reverse("events:series_feed", args=["actlocal-2018"])))
    assert set(found) == {"Madison", "Phoenix", "Called off"}
    assert found["Madison"]["DTSTART"].params["TZID"] == "America/Chicago"
    assert found["Phoenix"]["DTSTART"].params["TZID"] == "America/Phoenix"
    assert found["Madison"]["DTSTART"].dt == events["madison"].starts_at.replace(microsecond=0)
    assert str(found["Madison"]["URL"]) == settings.SITE_URL + events["madison"].get_absolute_url()
    assert str(found["Called off"]["STATUS"]) == "CANCELLED"


def test_the_event_feed(client, events):
    found = _events(client.get(reverse("events:event_feed", args=[events["phoenix"].slug])))
    assert list(found) == ["Phoenix"]
    assert (
        "TZID:America/Phoenix"
        in client.get(reverse("events:event_feed", args=[events["phoenix"].slug])).content.decode()
    )


def test_the_group_feed_has_only_what_the_group_co_hosts(client, events, partner_group):
    assert set(_events(client.get(reverse("events:group_feed", args=[partner_group.slug])))) == {"Madison"}


def test_the_state_feed(client, events):
    assert set(_events(client.get(reverse("events:state_feed", args=["AZ"])))) == {"Phoenix"}
    assert client.get(reverse("events:state_feed", args=["ZZ"])).status_code == 404


def test_a_draft_has_no_feed_even_for_its_host(client, leader):
    draft = make_event(status="draft", hosts=[leader])
    client.force_login(leader)
    assert client.get(reverse("events:event_feed", args=[draft.slug])).status_code == 404


def test_the_event_page_links_its_calendar_file(client, events):
    page = client.get(events["madison"].get_absolute_url()).content.decode()
    assert reverse("events:event_feed", args=[events["madison"].slug]) in page
