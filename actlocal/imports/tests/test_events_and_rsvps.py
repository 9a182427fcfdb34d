"""Events and RSVPs from another tool: events arrive as drafts, RSVPs find their people by e-mail."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.core.management.base import CommandError

from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from actlocal.imports.models import ImportBatch
from actlocal.imports.services import import_undo

EVENTS = """event_id,title,start,end,location,zip
e1,Madison follow-up,03/14/2027 6:30 PM,03/14/2027 8:30 PM,Goodman Center,53703
e2,Canvass training,2027-04-02 10:00,,Library,53704
"""
RSVPS = """rsvp id,event id,email,first name,last name,status,attended
r1,e1,ana@example.org,Ana,Ruiz,Confirmed,yes
r2,e1,NEW@example.org,Neu,Person,,
r3,e2,ana@example.org,Ana,Ruiz,waitlist,
"""


def test_events_then_rsvps_import_and_link_people(write_csv, run_command, staff, db):
    ana = Person.objects.create(first_name="Ana", last_name="Ruiz", email="ana@example.org")
    run_command("import_events", str(write_csv("events.csv", EVENTS)), "--source", "Mobilize")
    first = Event.objects.get(title="Madison follow-up")
    assert first.status == "draft" and first.timezone == "America/Chicago"
    chicago = ZoneInfo("America/Chicago")
    assert (first.starts_at.astimezone(chicago).hour, first.ends_at.astimezone(chicago).hour) == (18, 20)
    run_command("import_rsvps", str(write_csv("rsvps.csv", RSVPS)), "--source", "Mobilize")
    assert set(ana.rsvps.values_list("event__title", "status")) == {("Madison follow-up", "confirmed"),
                                                                     ("Canvass training", "waitlisted")}  # fmt: skip
    assert ana.rsvps.get(event=first).checked_in_at is not None
    newcomer = Person.objects.get(email="new@example.org")
    assert newcomer.source_records.filter(kind="people").exists()
    # Undo the RSVPs: they go, and so does the person the import created; Ana stays.
    import_undo(batch=ImportBatch.objects.get(kind="rsvps"), actor=staff)
    assert Rsvp.objects.count() == 0 and list(Person.objects.all()) == [ana]


def test_an_rsvp_naming_an_unknown_event_is_reported(write_csv, run_command, db):
    with pytest.raises(CommandError, match="1 rows have errors"):
        run_command(
            "import_rsvps", str(write_csv("r.csv", "event,email\nnope,a@example.org\n")), "--source", "X"
        )
    assert ImportBatch.objects.get().row_errors.get().column == "event"


def test_a_bad_date_is_reported_with_the_formats_that_work(write_csv, run_command, db):
    with pytest.raises(CommandError):
        run_command(
            "import_events", str(write_csv("e.csv", "title,start\nMeeting,next tuesday\n")), "--source", "X"
        )
    assert "2026-03-14 18:30" in ImportBatch.objects.get().row_errors.get().message
