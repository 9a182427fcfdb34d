"""Calendar files parse with ``icalendar`` and carry the event's own time zone."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.conf import settings

from actlocal.events.ics import calendar_for, event_ics
from actlocal.events.models import Event

CHICAGO = ZoneInfo("America/Chicago")


def make_event(**kwargs) -> Event:
    start = datetime(2031, 3, 14, 18, 30, tzinfo=CHICAGO)  # 6:30 PM in Madison
    fields = {
        "title": "Madison convening",
        "slug": "madison-convening",
        "status": Event.Status.PUBLISHED,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "timezone": "America/Chicago",
        "city": "Madison",
        "state": "WI",
        "zip_code": "53703",
        "venue_name": "Goodman Center",
        "street_address": "149 Waubesa St",
        "description": "Bring a neighbor.",
        **kwargs,
    }
    return Event.objects.create(**fields)


def only_event(data: bytes) -> icalendar.Event:
    cal = icalendar.Calendar.from_ical(data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    return events[0]


@pytest.mark.django_db
def test_attendee_file_has_local_time_zone_and_street_address():
    event = make_event()
    data = event_ics(event, include_address=True)
    vevent = only_event(data)
    assert vevent["DTSTART"].params["TZID"] == "America/Chicago"
    start = vevent.decoded("DTSTART")
    assert (start.hour, start.minute) == (18, 30)
    assert start.utcoffset() == timedelta(hours=-5)  # CDT on March 14
    assert vevent.decoded("DTEND") - start == timedelta(hours=2)
    assert str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"
    assert str(vevent["URL"]) == settings.SITE_URL + "/events/madison-convening/"
    assert str(vevent["SUMMARY"]) == "Madison convening"
    assert "149 Waubesa St" in str(vevent["LOCATION"])
    assert str(vevent["STATUS"]) == "CONFIRMED"
    zones = [str(tz["TZID"]) for tz in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")]
    assert zones == ["America/Chicago"]


@pytest.mark.django_db
def test_feed_of_many_events_has_no_street_address_and_one_zone_each():
    madison = make_event()
    cancelled = make_event(
        title="Called off", slug="called-off", status=Event.Status.CANCELLED, timezone="America/Chicago"
    )
    boston = make_event(
        title="Boston training",
        slug="boston-training",
        timezone="America/New_York",
        starts_at=datetime(2031, 1, 10, 9, 0, tzinfo=ZoneInfo("America/New_York")),
        ends_at=datetime(2031, 1, 10, 11, 0, tzinfo=ZoneInfo("America/New_York")),
        city="Boston",
        state="MA",
        zip_code="02108",
    )
    data = calendar_for([madison, cancelled, boston], name="ActLocal: test")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-CALNAME"]) == "ActLocal: test"
    events = {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"Madison convening", "Called off", "Boston training"}
    assert all("Waubesa" not in str(e.get("LOCATION", "")) for e in events.values())
    assert str(events["Called off"]["STATUS"]) == "CANCELLED"
    boston_start = events["Boston training"].decoded("DTSTART")
    assert events["Boston training"]["DTSTART"].params["TZID"] == "America/New_York"
    assert (boston_start.hour, boston_start.utcoffset()) == (9, timedelta(hours=-5))
    assert sorted(str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")) == ["America/Chicago", "America/New_York"]


@pytest.mark.django_db
def test_uid_is_stable_across_edits():
    event = make_event()
    before = str(only_event(event_ics(event))["UID"])
    event.title = "Renamed"
    event.save()
    assert str(only_event(event_ics(event))["UID"]) == before


@pytest.mark.django_db
def test_a_broken_time_zone_falls_back_to_utc_instead_of_failing():
    event = make_event(timezone="Mars/Olympus")
    vevent = only_event(calendar_for([event], name="x"))
    assert vevent.decoded("DTSTART") == event.starts_at
