"""`near` and `within`: rows within N miles of a ZIP, nearest first, on either database engine."""

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Person


def make_group(name: str, zip_code: str) -> PartnerGroup:
    group = PartnerGroup(name=name, slug=name.lower().replace(" ", "-"))
    group.set_place(places.place_for_zip(zip_code))
    group.save()
    return group


def test_groups_within_25_miles_of_madison_nearest_first(client, db):
    make_group("Sun Prairie Action", "53590")  # ~12 mi
    make_group("Downtown Madison", "53703")  # 0 mi
    make_group("Milwaukee Rising", "53202")  # ~75 mi
    make_group("Janesville Forward", "53545")  # ~35 mi
    page = client.get("/groups/", {"near": "53703", "within": "25"}).context["page_obj"]
    names = [g.name for g in page]
    assert names == ["Downtown Madison", "Sun Prairie Action"]
    assert page[0].distance < 1 and 5 < page[1].distance < 20


def test_a_wider_radius_reaches_further(client, db):
    make_group("Downtown Madison", "53703")
    make_group("Janesville Forward", "53545")
    names = [g.name for g in client.get("/groups/", {"near": "53703", "within": "50"}).context["page_obj"]]
    assert names == ["Downtown Madison", "Janesville Forward"]


def test_leaders_whose_city_is_hidden_are_not_placed_on_a_distance_search(client, db):
    shown = Person(
        first_name="Ana",
        leader_type="faith",
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.PUBLIC,
    )
    hidden = Person(
        first_name="Bea",
        leader_type="faith",
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.MEMBERS,
    )
    for person in (shown, hidden):
        person.set_place(places.place_for_zip("53703"))
        person.save()
    names = [
        p.first_name for p in client.get("/leaders/", {"near": "53703", "within": "10"}).context["page_obj"]
    ]
    assert names == ["Ana"]
    # Nor can the public find her by her state.
    names = [p.first_name for p in client.get("/leaders/", {"state": "WI"}).context["page_obj"]]
    assert names == ["Ana"]
