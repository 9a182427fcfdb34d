"""Recurring follow-ups: one event per date, DST-correct, regenerated without losing anyone's RSVP."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.recurrence import MAX_OCCURRENCES, occurrence_starts

CHICAGO = ZoneInfo("America/Chicago")
YEAR = timezone.now().year + 1


def _first_tuesday_of_march() -> date:
    day = date(YEAR, 3, 1)
    while day.weekday() != 1:
        day = day.replace(day=day.day + 1)
    return day


def test_a_weekly_7pm_meeting_stays_at_7pm_across_the_dst_change():
    first = datetime.combine(_first_tuesday_of_march(), datetime.min.time(), tzinfo=CHICAGO).replace(hour=19)
    starts = occurrence_starts(
        rule="weekly", first_start=first, tz_name="America/Chicago", until=date(YEAR, 3, 31)
    )
    assert [s.astimezone(CHICAGO).hour for s in starts] == [19] * len(starts)
    offsets = {s.astimezone(CHICAGO).utcoffset() for s in [first, *starts]}
    assert len(offsets) == 2  # CST and CDT: the UTC time moved, the local time did not


def test_monthly_is_the_same_weekday_of_the_month():
    first = datetime(YEAR, 1, 13, 18, tzinfo=CHICAGO)  # some weekday, second of its kind or so
    nth = (first.day - 1) // 7
    starts = occurrence_starts(
        rule="monthly", first_start=first, tz_name="America/Chicago", until=date(YEAR, 6, 30)
    )
    assert len(starts) == 5
    for s in starts:
        local = s.astimezone(CHICAGO)
        assert local.weekday() == first.weekday() and (local.day - 1) // 7 == nth and local.hour == 18


def test_biweekly_and_the_cap():
    first = datetime(YEAR, 1, 5, 18, tzinfo=CHICAGO)
    starts = occurrence_starts(
        rule="biweekly", first_start=first, tz_name="America/Chicago", until=date(YEAR + 5, 1, 1)
    )
    assert len(starts) == MAX_OCCURRENCES
    assert (starts[1] - starts[0]).days == 14


@pytest.mark.django_db
def test_a_recurring_follow_up_gets_one_event_per_date_each_with_its_own_rsvps(client, leader):
    client.force_login(leader)
    first = _first_tuesday_of_march()
    response = client.post(
        reverse("events:new"),
        {
            "title": "Weekly organizing meeting",
            "kind": "meeting",
            "mode": "in_person",
            "zip": "53703",
            "starts_at": f"{first:%Y-%m-%d}T19:00",
            "ends_at": f"{first:%Y-%m-%d}T20:30",
            "recurrence": "weekly",
            "recurrence_until": f"{YEAR}-03-31",
        },
    )
    assert response.status_code == 302
    parent = Event.objects.get(occurrence_of=None)
    occurrences = list(parent.occurrences.order_by("starts_at"))
    assert len(occurrences) == 3 + (first.day + 28 <= 31)
    assert len({o.slug for o in occurrences} | {parent.slug}) == len(occurrences) + 1
    assert all(o.starts_at.astimezone(CHICAGO).hour == 19 for o in occurrences)
    assert all(leader in o.hosts.all() for o in occurrences)

    # Someone RSVPs to the second date; the host then moves the meeting to every other week.
    kept = occurrences[0]
    Rsvp.objects.create(event=kept, person=Person.objects.create(first_name="Ana"))
    client.post(reverse("events:publish", args=[parent.slug]))
    assert all(o.status == "published" for o in parent.occurrences.all())
    client.post(
        reverse("events:edit", args=[parent.slug]),
        {
            "title": "Weekly organizing meeting",
            "kind": "meeting",
            "mode": "in_person",
            "zip": "53703",
            "starts_at": f"{first:%Y-%m-%d}T19:00",
            "ends_at": f"{first:%Y-%m-%d}T20:30",
            "recurrence": "biweekly",
            "recurrence_until": f"{YEAR}-03-31",
        },
    )
    remaining = list(parent.occurrences.order_by("starts_at"))
    assert kept in remaining  # it has an RSVP: never deleted
    assert kept.rsvps.count() == 1
    assert len(remaining) == 2 + (first.day + 28 <= 31)  # week 1 (kept), weeks 2 and 4

    page = client.get(parent.get_absolute_url()).content.decode()
    assert "Upcoming dates" in page and remaining[-1].get_absolute_url() in page


@pytest.mark.django_db
def test_recurrence_needs_an_end_date(client, leader):
    client.force_login(leader)
    first = _first_tuesday_of_march()
    response = client.post(
        reverse("events:new"),
        {
            "title": "Weekly",
            "kind": "meeting",
            "mode": "in_person",
            "zip": "53703",
            "starts_at": f"{first:%Y-%m-%d}T19:00",
            "ends_at": f"{first:%Y-%m-%d}T20:30",
            "recurrence": "weekly",
        },
    )
    assert "Say until when the event repeats." in response.content.decode()
    assert not Event.objects.exists()
