"""Events count their seats; RSVPs an import writes, deletes or moves must leave those counters true, or the
next RSVP through the site oversells the event (or turns people away)."""

from __future__ import annotations

from django.db.models import Count, Q

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.events.tests.event_factory import make_event
from actlocal.imports.models import ImportBatch
from actlocal.imports.services import import_undo, person_merge, person_unmerge

from .test_events_and_rsvps import EVENTS, RSVPS


def assert_counters_true():
    for event in Event.objects.annotate(
        confirmed=Count("rsvps", filter=Q(rsvps__status="confirmed")),
        waitlisted=Count("rsvps", filter=Q(rsvps__status="waitlisted")),
    ):
        assert (event.confirmed_count or 0, event.waitlist_count or 0) == (
            event.confirmed,
            event.waitlisted,
        ), event.title


def test_imported_rsvps_and_their_undo_keep_the_counters_true(write_csv, run_command, staff, db):
    Person.objects.create(first_name="Ana", last_name="Ruiz", email="ana@example.org")
    run_command("import_events", str(write_csv("events.csv", EVENTS)), "--source", "Mobilize")
    run_command("import_rsvps", str(write_csv("rsvps.csv", RSVPS)), "--source", "Mobilize")
    assert Event.objects.get(title="Madison follow-up").confirmed_count == 2
    assert_counters_true()
    import_undo(batch=ImportBatch.objects.get(kind="rsvps"), actor=staff)
    assert Event.objects.get(title="Madison follow-up").confirmed_count == 0
    assert_counters_true()


def test_a_merge_that_drops_a_clashing_rsvp_and_its_unmerge_keep_the_counters_true(staff, db):
    event = make_event(capacity=10)
    older = Person.objects.create(first_name="Margaret", last_name="Okafor", email="peggy@example.org")
    newer = Person.objects.create(first_name="Peggy", last_name="Okafor", email="p.okafor@example.org")
    Rsvp.objects.create(event=event, person=older)
    Rsvp.objects.create(event=event, person=newer)
    Event.objects.filter(pk=event.pk).update(confirmed_count=2, waitlist_count=0)
    merge = person_merge(survivor=older, loser=newer, actor=staff)
    assert Event.objects.get(pk=event.pk).confirmed_count == 1
    person_unmerge(merge=merge, actor=staff)
    assert Event.objects.get(pk=event.pk).confirmed_count == 2
    assert_counters_true()
