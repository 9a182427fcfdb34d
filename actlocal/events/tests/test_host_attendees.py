"""The attendee list and its CSV export: names always, e-mail and phone only as each person's visibility
setting allows for the viewing host; the same rows and columns in both; the export is audit-logged and safe
to open in a spreadsheet."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp
from conftest import make_user

pytestmark = pytest.mark.django_db

PAGE = "/events/madison-follow-up/host/attendees/"
CSV = "/events/madison-follow-up/host/attendees.csv"


@pytest.fixture
def event(host):
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        starts_at=now + timedelta(days=2),
        ends_at=now + timedelta(days=2, hours=2),
    )
    event.hosts.add(host)
    people = [
        ("Mia", "Members", "mia@example.org", "members", "608-555-0101", "members", "confirmed"),
        ("Sam", "Staffonly", "sam@example.org", "staff", "608-555-0102", "staff", "waitlisted"),
        ("Pat", "Private", "pat@example.org", "private", "608-555-0103", "private", "cancelled"),
    ]
    for first, last, email, email_vis, phone, phone_vis, status in people:
        person = Person.objects.create(
            first_name=first,
            last_name=last,
            email=email,
            email_visibility=email_vis,
            phone=phone,
            phone_visibility=phone_vis,
            name_visibility="staff",  # the RSVP gave the name to the host regardless
        )
        Rsvp.objects.create(event=event, person=person, status=status)
    return event


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_a_host_sees_every_name_and_only_the_contact_details_the_rule_allows(client, host, event):
    client.force_login(host)

    page = client.get(PAGE).content.decode()

    assert page.count("<h1") == 1
    for name in ("Mia Members", "Sam Staffonly", "Pat Private"):
        assert name in page
    assert "mia@example.org" in page and "608-555-0101" in page
    for hidden in ("sam@example.org", "608-555-0102", "pat@example.org", "608-555-0103"):
        assert hidden not in page


def test_the_csv_follows_the_same_rule(client, host, event):
    client.force_login(host)

    rows = csv_rows(client.get(CSV))

    assert rows[0] == ["name", "status", "walk_in", "rsvp_at", "checked_in_at", "email", "phone"]
    by_name = {row[0]: row for row in rows[1:]}
    assert by_name["Mia Members"][5:] == ["mia@example.org", "608-555-0101"]
    assert by_name["Sam Staffonly"][5:] == ["", ""]
    assert by_name["Pat Private"][5:] == ["", ""]


def test_a_staff_host_sees_staff_level_details_but_never_private_ones(client, staff, event):
    client.force_login(staff)

    by_name = {row[0]: row for row in csv_rows(client.get(CSV))[1:]}

    assert by_name["Sam Staffonly"][5:] == ["sam@example.org", "608-555-0102"]
    assert by_name["Pat Private"][5:] == ["", ""]


def test_the_list_filters_by_status_and_sorts(client, host, event):
    client.force_login(host)

    page = client.get(PAGE, {"status": "waitlisted"}).content.decode()
    assert "Sam Staffonly" in page and "Mia Members" not in page

    rows = csv_rows(client.get(CSV, {"sort": "status"}))[1:]
    assert [r[1] for r in rows] == ["cancelled", "confirmed", "waitlisted"]


def test_nonsense_parameters_fall_back_to_the_defaults(client, host, event):
    client.force_login(host)
    for params in ({"status": "x' OR 1=1"}, {"sort": "-password"}, {"status": "\x00", "sort": ""}):
        assert client.get(PAGE, params).status_code == 200
        assert len(csv_rows(client.get(CSV, params))) == 4


def test_the_export_is_audit_logged(client, host, event):
    client.force_login(host)

    client.get(CSV, {"status": "confirmed"})

    entry = audit_trail(event).get(action="events.attendees_export")
    assert entry.actor == host
    assert entry.changes == {"rows": 1, "status": "confirmed"}


def test_cells_that_look_like_formulas_are_neutralised(client, host, event):
    person = Person.objects.create(
        first_name='=HYPERLINK("http://evil")',
        last_name="",
        email="f@example.org",
        email_visibility="members",
    )
    Rsvp.objects.create(event=event, person=person)
    Person.objects.filter(email="mia@example.org").update(phone="+1 608 555 0101")
    client.force_login(host)

    rows = csv_rows(client.get(CSV))

    assert [r[0] for r in rows if "HYPERLINK" in r[0]] == ['\'=HYPERLINK("http://evil")']
    # A phone number is a sign and digits: it can run nothing, so it stays dialable (core/csv_safe.py).
    assert "+1 608 555 0101" in [r[6] for r in rows]


def test_non_hosts_cannot_see_or_export_the_list(client, leader, outsider, event):
    for user in (leader, outsider):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.get(CSV).status_code == 403
    client.logout()
    assert client.get(CSV)["Location"].startswith("/accounts/login/")
    assert not audit_trail(event).filter(action="events.attendees_export").exists()


def test_a_host_of_another_event_cannot_export_this_one(client, event):
    other = make_user("olga@actlocal.test", name="Olga Other", is_member=True)
    now = timezone.now()
    Event.objects.create(
        title="Other", slug="other", status="published", starts_at=now, ends_at=now
    ).hosts.add(other)
    client.force_login(other)
    assert client.get(CSV).status_code == 403
