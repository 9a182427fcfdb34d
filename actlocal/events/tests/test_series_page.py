"""A series page: its events, progress toward its states, the map and the table of states."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.events.models import EventSeries
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    s = EventSeries.objects.create(name="ActLocal 2018", slug="actlocal-2018", target_states=15)
    make_event(title="Madison convening", series=s, kind="convening")
    make_event(title="Milwaukee convening", series=s, kind="convening", state="WI", city="Milwaukee")
    make_event(
        title="Phoenix convening",
        series=s,
        kind="convening",
        state="AZ",
        city="Phoenix",
        timezone="America/Phoenix",
    )
    # A follow-up does not reach a state for the campaign; only a convening does.
    make_event(title="Detroit follow-up", series=s, kind="follow_up", state="MI", city="Detroit")
    make_event(
        title="Last year's Des Moines convening",
        series=s,
        kind="convening",
        state="IA",
        city="Des Moines",
        starts_at=timezone.now() - timedelta(days=300),
    )
    make_event(title="Cancelled Ohio", series=s, kind="convening", state="OH", status="cancelled")
    make_event(title="Draft Texas", series=s, kind="convening", state="TX", status="draft")
    return s


def test_the_series_page_shows_progress_and_events(client, series):
    page = client.get(reverse("events:series", args=[series.slug])).content.decode()
    assert "States reached: 3 of 15" in page
    assert '<progress id="series-progress" max="15" value="3"' in page
    assert "Madison convening" in page and "Last year&#x27;s Des Moines convening" in page
    assert "Draft Texas" not in page
    assert "<svg" in page and "Arizona: 1 event" in page  # the shared state map
    assert "<table" in page  # and its table for screen readers


def test_an_unknown_series_is_404(client):
    assert client.get(reverse("events:series", args=["nope"])).status_code == 404


def test_event_pages_link_to_their_series(client, series):
    event = series.events.get(title="Madison convening")
    assert (
        reverse("events:series", args=[series.slug]) in client.get(event.get_absolute_url()).content.decode()
    )
