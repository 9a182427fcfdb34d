"""The check-in page a host opens on a phone at the door: search by name (whole page or HTMX fragment),
check in with a POST, undo, register walk-ins. Hosts only; a GET never checks anyone in."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.directory.models import Person
from actlocal.events.models import Event, Rsvp

pytestmark = pytest.mark.django_db

PAGE = "/events/madison-follow-up/checkin/"
WALK_IN = PAGE + "walk-in/"


@pytest.fixture
def event(host):
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=3),
        capacity=2,
        waitlist_enabled=False,
    )
    event.hosts.add(host)
    return event


def attend(event, first, last, status="confirmed", email=""):
    person = Person.objects.create(first_name=first, last_name=last, email=email)
    return Rsvp.objects.create(event=event, person=person, status=status)


@pytest.fixture
def maria(event):
    return attend(event, "Maria", "Lopez", email="maria@example.org")


@pytest.fixture
def tom(event):
    return attend(event, "Tom", "Nguyen", email="tom@example.org")


def test_a_host_finds_a_person_by_name(client, host, maria, tom):
    client.force_login(host)

    page = client.get(PAGE, {"q": "maria lo"}).content.decode()

    assert page.count("<h1") == 1
    assert "Maria Lopez" in page and "Tom Nguyen" not in page
    assert "<strong>0</strong> checked in of 2 confirmed" in page


def test_search_by_last_name_works_and_e_mail_is_never_searched(client, host, maria, tom):
    client.force_login(host)
    assert "Tom Nguyen" in client.get(PAGE, {"q": "nguyen"}).content.decode()
    assert "Maria Lopez" not in client.get(PAGE, {"q": "maria@example"}).content.decode()


def test_search_as_you_type_returns_only_the_results_fragment(client, host, maria):
    client.force_login(host)

    response = client.get(PAGE, {"q": "Mar"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="checkin-results"') and "<html" not in html
    assert "Maria Lopez" in html


def test_a_host_checks_a_person_in_and_can_undo_it(client, host, maria):
    client.force_login(host)

    response = client.post(f"{PAGE}{maria.pk}/", {"q": "Maria"})

    assert response.status_code == 302 and response["Location"] == PAGE + "?q=Maria"
    maria.refresh_from_db()
    assert maria.checked_in_at is not None and maria.checked_in_by == host
    page = client.get(PAGE, {"q": "Maria"}).content.decode()
    assert "Checked in at" in page and "Undo" in page

    client.post(f"{PAGE}{maria.pk}/undo/")
    maria.refresh_from_db()
    assert maria.checked_in_at is None
    actions = set(audit_trail(maria).values_list("action", flat=True))
    assert {"rsvp.check_in", "rsvp.undo_check_in"} <= actions


def test_checking_in_twice_keeps_the_first_time(client, host, maria):
    client.force_login(host)
    client.post(f"{PAGE}{maria.pk}/")
    first = Rsvp.objects.get(pk=maria.pk).checked_in_at

    client.post(f"{PAGE}{maria.pk}/")

    assert Rsvp.objects.get(pk=maria.pk).checked_in_at == first
    assert audit_trail(maria).filter(action="rsvp.check_in").count() == 1


def test_a_waitlisted_person_at_the_door_is_confirmed_by_checking_in(client, host, event):
    dee = attend(event, "Dee", "Wait", status="waitlisted")
    client.force_login(host)
    client.post(f"{PAGE}{dee.pk}/")
    dee.refresh_from_db()
    assert dee.status == "confirmed" and dee.checked_in_at is not None


def test_a_get_never_checks_anyone_in(client, host, maria):
    client.force_login(host)
    assert client.get(f"{PAGE}{maria.pk}/").status_code == 405
    assert Rsvp.objects.get(pk=maria.pk).checked_in_at is None


def test_a_walk_in_is_registered_and_checked_in_even_when_the_event_is_full(client, host, event, maria, tom):
    client.force_login(host)

    response = client.post(
        WALK_IN,
        {
            "walkin-first_name": "Wren",
            "walkin-last_name": "Walker",
            "walkin-email": "",
            "walkin-zip_code": "53703",
        },
    )

    assert response.status_code == 302
    wren = Rsvp.objects.get(person__first_name="Wren")
    assert wren.walk_in and wren.status == "confirmed" and wren.checked_in_at is not None
    assert wren.source == "walk-in" and wren.person.city == "Madison"


def test_a_walk_in_who_had_rsvped_is_checked_in_on_their_own_rsvp(client, host, maria):
    client.force_login(host)

    client.post(WALK_IN, {"walkin-first_name": "Maria", "walkin-email": "MARIA@example.org"})

    assert Rsvp.objects.filter(person__email="maria@example.org").count() == 1
    maria.refresh_from_db()
    assert maria.checked_in_at is not None and not maria.walk_in


def test_a_walk_in_with_bad_input_shows_the_errors(client, host, event):
    client.force_login(host)

    response = client.post(
        WALK_IN, {"walkin-first_name": "", "walkin-email": "nope", "walkin-zip_code": "abc"}
    )

    page = response.content.decode()
    assert response.status_code == 400
    assert "not a US ZIP code" in page and "valid email" in page.lower()
    assert not Rsvp.objects.filter(walk_in=True).exists()


def test_another_events_rsvp_cannot_be_checked_in_from_here(client, host, event):
    now = timezone.now()
    other = Event.objects.create(title="Other", slug="other", status="published", starts_at=now, ends_at=now)
    stranger = attend(other, "Sid", "Stranger")
    client.force_login(host)

    assert client.post(f"{PAGE}{stranger.pk}/").status_code == 404
    assert Rsvp.objects.get(pk=stranger.pk).checked_in_at is None


def test_non_hosts_are_refused_everywhere_on_the_check_in_page(client, leader, outsider, maria):
    for user in (leader, outsider):
        client.force_login(user)
        assert client.get(PAGE).status_code == 403
        assert client.post(f"{PAGE}{maria.pk}/").status_code == 403
        assert client.post(WALK_IN, {"walkin-first_name": "Eve"}).status_code == 403
    client.logout()
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
    assert client.post(f"{PAGE}{maria.pk}/")["Location"].startswith("/accounts/login/")
    assert Rsvp.objects.get(pk=maria.pk).checked_in_at is None
    assert not Rsvp.objects.filter(walk_in=True).exists()


def test_the_service_refuses_a_non_host_directly(leader, maria):
    from django.core.exceptions import PermissionDenied

    from actlocal.events.services.hosting import rsvp_check_in, walk_in_register

    with pytest.raises(PermissionDenied):
        rsvp_check_in(rsvp=maria, actor=leader)
    with pytest.raises(PermissionDenied):
        walk_in_register(event=maria.event, actor=leader, first_name="Eve")


def test_a_long_or_odd_search_does_not_break_the_page(client, host, maria):
    client.force_login(host)
    for q in ("x" * 5000, "%_\\", "\x00", "'; drop table"):
        assert client.get(PAGE, {"q": q}).status_code == 200
