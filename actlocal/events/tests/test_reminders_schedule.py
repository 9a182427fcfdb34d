"""Reminders a day and two hours before, exactly once each, only for confirmed attendees."""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from actlocal.events.models import Event, Rsvp
from actlocal.events.reminders import reminders_send, reminders_tick
from actlocal.events.services.rsvp import rsvp_cancel, rsvp_create

pytestmark = pytest.mark.django_db(transaction=True)

START = datetime(2031, 3, 14, 18, 30, tzinfo=ZoneInfo("America/Chicago"))


def at(moment: datetime):
    return mock.patch("django.utils.timezone.now", return_value=moment)


def make_event(**kwargs) -> Event:
    fields = {
        "title": "Madison convening",
        "slug": "madison-convening",
        "status": Event.Status.PUBLISHED,
        "starts_at": START,
        "ends_at": START + timedelta(hours=2),
        "timezone": "America/Chicago",
        "city": "Madison",
        "state": "WI",
        "capacity": 2,
        **kwargs,
    }
    return Event.objects.create(**fields)


@pytest.fixture
def attendees():
    with at(START - timedelta(days=5)):
        event = make_event()
        called_off = make_event(title="Called off", slug="called-off", capacity=None)
        people = {
            name: rsvp_create(event=event, email=f"{name}@example.org", first_name=name.title())
            for name in ("ana", "ben", "cat", "dan")
        }
        rsvp_cancel(rsvp=people["dan"])  # waitlisted, then cancelled
        rsvp_create(event=called_off, email="eve@example.org", first_name="Eve")
        Event.objects.filter(pk=called_off.pk).update(status=Event.Status.CANCELLED)
    mail.outbox.clear()
    return people


def run_at(moment: datetime) -> list:
    before = len(mail.outbox)
    with at(moment):
        reminders_send()
    return mail.outbox[before:]


def test_each_confirmed_attendee_gets_one_day_and_one_two_hour_reminder(attendees):
    assert Rsvp.objects.get(pk=attendees["cat"].pk).status == "waitlisted"
    assert run_at(START - timedelta(hours=25)) == []
    day = run_at(START - timedelta(hours=23))
    assert sorted(m.to[0] for m in day) == ["ana@example.org", "ben@example.org"]
    assert all(m.subject.startswith("Tomorrow:") for m in day)
    assert run_at(START - timedelta(hours=22)) == []
    assert run_at(START - timedelta(hours=3)) == []
    hours = run_at(START - timedelta(minutes=110))
    assert sorted(m.to[0] for m in hours) == ["ana@example.org", "ben@example.org"]
    assert all(m.subject.startswith("Starting soon:") for m in hours)
    assert run_at(START - timedelta(minutes=30)) == []
    assert run_at(START + timedelta(minutes=30)) == []
    ana = Rsvp.objects.get(pk=attendees["ana"].pk)
    assert ana.reminded_day_at is not None and ana.reminded_hours_at is not None


def test_reminder_shows_the_events_local_time(attendees):
    (first, *_rest) = run_at(START - timedelta(hours=23))
    assert "Friday, March 14, 2031, 6:30 PM CDT" in first.body


def test_late_rsvp_inside_two_hours_gets_only_the_short_reminder(db):
    with at(START - timedelta(minutes=90)):
        event = make_event()
        rsvp_create(event=event, email="late@example.org", first_name="Late")
    mail.outbox.clear()
    sent = run_at(START - timedelta(minutes=80))
    assert [m.subject.split(":")[0] for m in sent] == ["Starting soon"]
    assert run_at(START - timedelta(minutes=60)) == []


def test_command_and_task_run_the_same_service(attendees):
    out = StringIO()
    with at(START - timedelta(hours=23)):
        call_command("send_reminders", stdout=out)
    assert "events.rsvp_reminder_day: 2" in out.getvalue()
    with at(START - timedelta(hours=1)):
        result = reminders_tick.enqueue()
    assert result.return_value == {
        "events.rsvp_reminder_day": 0,
        "events.rsvp_reminder_hours": 2,
        "event_surveys": 0,
    }


DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_with_the_database_worker_reminders_keep_themselves_scheduled(settings):
    from django_tasks_db.models import DBTaskResult

    from actlocal.events.reminders import TICK, reminders_ensure_scheduled

    settings.TASKS = DB_TASKS
    assert reminders_ensure_scheduled(force=True) is True
    assert reminders_ensure_scheduled(force=True) is False  # one chain, not one per RSVP
    queued = DBTaskResult.objects.get(task_path=reminders_tick.module_path)
    # What db_worker does with it: run it; it comes back TICK later.
    now = datetime(2031, 3, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    with at(now):
        reminders_tick.call()
    later = DBTaskResult.objects.filter(task_path=reminders_tick.module_path).exclude(pk=queued.pk).get()
    assert later.run_after == now + TICK
