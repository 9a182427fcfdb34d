"""The stable addresses answer, the home page shows the network at a glance, and bad input never 500s."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Person
from actlocal.events.models import CoHost, Event

STABLE = [
    "/",
    "/leaders/",
    "/groups/",
    "/resources/",
    "/events/",
    "/network/",
    "/surveys/",
    "/insights/",
    "/api/v1/",
    "/accounts/login/",
    "/accounts/signup/",
    "/healthz",
]


@pytest.mark.parametrize("url", STABLE)
def test_every_stable_address_answers_the_public(client, db, url):
    assert client.get(url).status_code == 200


def test_the_admin_is_for_staff_only(client, staff, leader):
    assert client.get("/admin/").status_code == 302
    client.force_login(leader)
    assert client.get("/admin/").status_code == 302
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


@pytest.fixture
def small_network(db):
    madison = PartnerGroup.objects.create(
        name="Madison Rising", slug="madison-rising", state="WI", city="Madison"
    )
    PartnerGroup.objects.create(
        name="Columbus Together", slug="columbus-together", state="OH", city="Columbus"
    )
    for i, state in enumerate(["WI", "WI", "OH", "MI"]):
        Person.objects.create(
            first_name=f"L{i}",
            last_name="X",
            leader_type="community",
            state=state,
            name_visibility=Visibility.PUBLIC,
        )
    Person.objects.create(first_name="Not", last_name="Leader", state="TX")  # an RSVP contact, not a leader
    now = timezone.now()
    event = Event.objects.create(
        title="Madison follow-up",
        slug="madison-follow-up",
        status="published",
        state="WI",
        city="Madison",
        starts_at=now + timedelta(days=3),
        ends_at=now + timedelta(days=3, hours=2),
    )
    CoHost.objects.create(event=event, group=madison, status="accepted")
    Event.objects.create(
        title="Draft",
        slug="draft",
        status="draft",
        starts_at=now + timedelta(days=4),
        ends_at=now + timedelta(days=4, hours=1),
    )
    return event


def test_the_home_page_shows_the_network_at_a_glance(client, small_network):
    response = client.get("/")
    glance = response.context["glance"]
    assert (glance.leaders, glance.groups, glance.events, glance.upcoming_events) == (4, 2, 1, 1)
    assert glance.states == 3  # WI, OH, MI: the TX contact is not a leader and groups add none new
    body = response.content.decode()
    assert "Madison follow-up" in body and "Draft" not in body
    assert "1 co-host" in body


def test_the_home_page_is_accessible_in_structure(client, db):
    body = client.get("/").content.decode()
    assert 'href="#main"' in body and '<main id="main"' in body
    assert "<header" in body and "<footer" in body and 'aria-label="Main"' in body
    assert body.count("<h1") == 1
    assert '<html lang="en">' in body


def test_the_site_ships_in_spanish(client, db):
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert '<html lang="es">' in body
    assert "Saltar al contenido principal" in body


def test_healthz_is_503_when_the_database_is_unreachable(client, db):
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok"}
    with mock.patch.object(connection, "cursor", side_effect=Exception("connection refused")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_every_page_sends_a_content_security_policy_without_inline_scripts(client, db):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


def test_forms_carry_a_csrf_token(client, db):
    assert "csrfmiddlewaretoken" in client.get("/accounts/login/").content.decode()


def test_a_missing_page_is_a_friendly_404(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "couldn’t find that page" in response.content.decode()


HOSTILE = [
    "",
    " ",
    "x" * 10_000,
    '"voting rights',
    "'; DROP TABLE directory_person; --",
    "<script>alert(1)</script>",
    "Ünïcödé 选举 الانتخابات",
    "\u200b\u202e",
    "%",
    "_",
    "\\",
    "a" * 201,
    "\x00",
    "nul\x00byte",
]


@pytest.mark.parametrize(
    "url",
    [
        "/leaders/",
        "/groups/",
        "/resources/",
        "/events/",
        "/search/",
        "/leaders/map/",
        "/groups/map/",
        "/resources/map/",
    ],
)
@pytest.mark.parametrize("q", HOSTILE)
def test_lists_survive_hostile_queries(client, small_network, url, q):
    params = {"q": q, "near": q[:20], "within": "-4", "state": q[:5], "page": q[:10]}
    params.update(
        dict.fromkeys(
            ("topic", "type", "kind", "series", "cohost", "issue", "skill", "language", "sort", "city"),
            q[:60],
        )
    )
    response = client.get(url, params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_zip_or_distance_is_explained_above_the_list(client, small_network):
    body = client.get("/leaders/", {"near": "00000", "within": "25"}).content.decode()
    assert "We don’t know the ZIP code 00000" in body
    body = client.get("/leaders/", {"near": "53703", "within": "-3"}).content.decode()
    assert "must be more than 0 miles" in body
    body = client.get("/groups/", {"state": "ZZ"}).content.decode()
    assert "is not a US state" in body


def test_a_refusal_is_a_friendly_403_in_the_site_layout(client, outsider):
    client.force_login(outsider)
    response = client.get("/accounts/invitations/new/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You can’t do that here" in body and 'id="main"' in body


def test_staff_and_group_admins_find_invitations_in_the_menu(client, staff, group_admin, leader):
    for user, shown in ((staff, True), (group_admin, True), (leader, False)):
        client.force_login(user)
        assert ("/accounts/invitations/" in client.get("/").content.decode()) is shown, user


def test_a_nul_character_in_a_filter_is_dropped_not_sent_to_the_database(client, db):
    from actlocal.directory.models import PartnerGroup

    PartnerGroup.objects.create(name="Ohio Together", slug="ohio-together", state="OH")
    response = client.get("/groups/", {"q": "Ohio\x00", "state": "O\x00H"})
    assert response.status_code == 200
    assert [g.name for g in response.context["page_obj"]] == ["Ohio Together"]
