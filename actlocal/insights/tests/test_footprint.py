"""The insights page counts leaders by state only where the viewer may see their name and place."""

from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Person


def _leader(first_name: str, *, place: str) -> Person:
    return Person.objects.create(
        first_name=first_name,
        leader_type="community",
        state="WI",
        city="Madison",
        zip_code="53703",
        lat=43.07,
        lng=-89.38,
        name_visibility=Visibility.PUBLIC,
        place_visibility=place,
    )


def _wisconsin(response):
    return next(r for r in response.context["rows"] if r.abbr == "WI")


def test_the_public_sees_only_leaders_who_show_their_city(client, db):
    _leader("Ana", place=Visibility.PUBLIC)
    _leader("Bea", place=Visibility.MEMBERS)
    PartnerGroup.objects.create(name="G", slug="g", state="WI")
    response = client.get("/insights/")
    assert response.status_code == 200
    assert _wisconsin(response).leaders == 1
    assert _wisconsin(response).groups == 1
    assert "Wisconsin: 1 leader" in response.content.decode()


def test_members_see_members_only_places_counted(client, leader):
    _leader("Ana", place=Visibility.PUBLIC)
    _leader("Bea", place=Visibility.MEMBERS)
    client.force_login(leader)
    assert _wisconsin(client.get("/insights/")).leaders == 2
