"""The API shows each viewer exactly what the rule lets them see: a leader whose e-mail is "staff only"
gives it to staff and to no one else; "only me" fields reach no one but her; her street never leaves."""

import pytest

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Person


@pytest.fixture
def maya(db):
    person = Person(
        first_name="Maya",
        last_name="Staffonly",
        leader_type="community",
        email="maya@example.org",
        phone="608-555-0101",
        street_address="12 Elm Street",
        bio="Organizer since 2010.",
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.MEMBERS,
        email_visibility=Visibility.STAFF,
        phone_visibility=Visibility.PRIVATE,
        address_visibility=Visibility.STAFF,
        bio_visibility=Visibility.PRIVATE,
    )
    person.set_place(places.place_for_zip("53703"))
    person.save()
    return person


def as_seen_by(client, user, maya):
    if user is not None:
        client.force_login(user)
    listed = client.get("/api/v1/people").json()["_embedded"]["osdi:people"]
    detail = client.get(f"/api/v1/people/{maya.pk}").json()
    return listed, detail


@pytest.mark.parametrize("who", ["public", "outsider", "leader"])
def test_nobody_but_staff_gets_a_staff_only_email(client, maya, who, request):
    user = None if who == "public" else request.getfixturevalue(who)
    listed, detail = as_seen_by(client, user, maya)
    assert [p["given_name"] for p in listed] == ["Maya"]
    for person in (listed[0], detail):
        assert person["email_addresses"] == []
        assert "maya@example.org" not in str(person)


def test_staff_get_the_staff_only_email(client, maya, staff):
    listed, detail = as_seen_by(client, staff, maya)
    for person in (listed[0], detail):
        assert person["email_addresses"] == [{"primary": True, "address": "maya@example.org"}]


@pytest.mark.parametrize("who", ["public", "leader", "staff"])
def test_only_me_fields_and_the_street_never_leave(client, maya, who, request):
    user = None if who == "public" else request.getfixturevalue(who)
    for person in as_seen_by(client, user, maya):
        text = str(person)
        assert "555-0101" not in text and "Organizer since" not in text and "Elm Street" not in text


def test_the_owner_sees_her_own_only_me_fields(client, maya, leader):
    maya.user = leader
    maya.save()
    _listed, detail = as_seen_by(client, leader, maya)
    assert detail["phone_numbers"] == [{"primary": True, "number": "608-555-0101"}]
    assert detail["custom_fields"]["bio"] == "Organizer since 2010."
    assert "Elm Street" not in str(detail)  # the API never gives a street, even to its owner


def test_a_members_only_place_is_hidden_from_the_public_and_filters(client, maya, leader):
    _listed, detail = as_seen_by(client, None, maya)
    assert detail["postal_addresses"] == []
    # Nor can the public find her by where she is.
    assert client.get("/api/v1/people", {"state": "WI"}).json()["total_records"] == 0
    assert client.get("/api/v1/people", {"near": "53703"}).json()["total_records"] == 0
    client.force_login(leader)
    assert client.get("/api/v1/people", {"state": "WI"}).json()["total_records"] == 1
    assert client.get(f"/api/v1/people/{maya.pk}").json()["postal_addresses"][0]["locality"] == "Madison"


def test_a_hidden_name_hides_the_whole_person(client, maya, leader):
    maya.name_visibility = Visibility.STAFF
    maya.save()
    for user in (None, leader):
        if user:
            client.force_login(user)
        assert client.get("/api/v1/people").json()["total_records"] == 0
        assert client.get(f"/api/v1/people/{maya.pk}").status_code == 404


def test_an_unlisted_leader_is_not_in_the_list_for_others(client, maya, leader):
    maya.listed = False
    maya.save()
    assert client.get("/api/v1/people").json()["total_records"] == 0
    assert client.get(f"/api/v1/people/{maya.pk}").status_code == 404
    client.force_login(leader)
    assert client.get("/api/v1/people").json()["total_records"] == 0
