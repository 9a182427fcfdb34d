"""A leader's page and a group's page lead signed-in visitors to connecting, following and writing."""

import pytest

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Person
from actlocal.social.models import Follow


def profile(**fields) -> Person:
    person = Person(leader_type="community", name_visibility=Visibility.PUBLIC, **fields)
    person.set_place(places.place_for_zip("53703"))
    person.save()
    return person


@pytest.fixture
def maya(db):
    return profile(first_name="Maya", last_name="Ortiz")


def test_a_signed_in_visitor_is_offered_to_connect_with_a_leader(client, leader, maya):
    client.force_login(leader)
    html = client.get(maya.get_absolute_url()).content.decode()
    assert f"/connections/people/{maya.pk}/" in html


def test_the_public_is_not_offered_to_connect(client, maya):
    response = client.get(maya.get_absolute_url())
    assert response.status_code == 200
    assert "/connections/people/" not in response.content.decode()


def test_following_a_group_from_its_page(client, leader, partner_group):
    profile(first_name="Lena", last_name="Leader", user=leader)
    client.force_login(leader)
    page = client.get(partner_group.get_absolute_url()).content.decode()
    action = f"/connections/groups/{partner_group.slug}/follow/"
    assert action in page
    assert client.post(action).status_code == 302
    assert Follow.objects.filter(group=partner_group, follower=leader).count() == 1
