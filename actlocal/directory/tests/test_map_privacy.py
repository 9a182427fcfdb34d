"""The maps count and place a leader only for viewers who may see her name and her city; an unlisted
leader counts for no one but herself."""

import re

import pytest

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Person


def leader_in(zip_code, *, user=None, **visibility):
    person = Person(first_name="Maya", last_name="Members", leader_type="community", user=user, **visibility)
    person.set_place(places.place_for_zip(zip_code))
    person.save()
    return person


def wisconsin(client):
    html = client.get("/leaders/map/").content.decode()
    return re.search(r'aria-label="(Wisconsin: [^"]+)"', html).group(1)


def cities(client):
    return [p["label"] for p in client.get("/leaders/map/").context["city_points"]]


@pytest.fixture
def members_only_place(db):
    return leader_in("53703", name_visibility=Visibility.PUBLIC, place_visibility=Visibility.MEMBERS)


def test_the_public_does_not_count_a_leader_whose_place_is_for_members(client, members_only_place):
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    assert cities(client) == []
    assert "Madison" not in client.get("/leaders/map/").content.decode()


def test_an_outsider_does_not_count_her_either(client, members_only_place, outsider):
    client.force_login(outsider)
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    assert cities(client) == []


def test_a_member_counts_and_places_her_by_city(client, members_only_place, leader):
    client.force_login(leader)
    assert wisconsin(client) == "Wisconsin: 1 leader"
    assert cities(client) == ["Madison, WI: 1 leader"]


def test_a_leader_whose_name_is_hidden_is_not_counted_even_if_her_place_is_public(client, db, leader, staff):
    leader_in("53703", name_visibility=Visibility.STAFF, place_visibility=Visibility.PUBLIC)
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    client.force_login(leader)
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    client.force_login(staff)
    assert wisconsin(client) == "Wisconsin: 1 leader"


def test_an_unlisted_leader_counts_only_for_herself(client, db, leader, staff):
    lena = leader_in(
        "53703", user=leader, name_visibility=Visibility.PUBLIC, place_visibility=Visibility.PUBLIC
    )
    lena.listed = False
    lena.save()
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    client.force_login(staff)
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    assert cities(client) == []
    client.force_login(leader)
    assert wisconsin(client) == "Wisconsin: 1 leader"


def test_a_private_place_is_never_counted_for_others(client, db, staff):
    leader_in("53703", name_visibility=Visibility.PUBLIC, place_visibility=Visibility.PRIVATE)
    client.force_login(staff)
    assert wisconsin(client) == "Wisconsin: 0 leaders"
    assert cities(client) == []


def test_the_map_page_never_carries_e_mail_or_street_address(client, db, staff):
    leader_in(
        "53703",
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.PUBLIC,
        email_visibility=Visibility.STAFF,
    )
    Person.objects.update(email="maya@example.org", street_address="12 Elm St", phone="608-555-0101")
    for viewer in (None, staff):
        if viewer:
            client.force_login(viewer)
        html = client.get("/leaders/map/").content.decode()
        assert "maya@example.org" not in html and "Elm St" not in html and "555-0101" not in html
        assert "Maya" not in html  # counts and cities, never names
