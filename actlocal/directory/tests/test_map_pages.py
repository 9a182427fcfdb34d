"""The directory maps: a state map with counts and links, a table of the same numbers, the list's filters,
and no 500 on bad input."""

import re

import pytest

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic


def place(obj, zip_code):
    obj.set_place(places.place_for_zip(zip_code))
    obj.save()
    return obj


def public_leader(first_name, zip_code, **extra):
    person = Person(
        first_name=first_name,
        last_name="Example",
        leader_type=extra.pop("leader_type", "community"),
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.PUBLIC,
        **extra,
    )
    return place(person, zip_code)


@pytest.fixture
def network(db):
    for i, zip_code in enumerate(["53703", "53703", "53202", "43215"]):
        public_leader(f"L{i}", zip_code, leader_type="faith" if i == 0 else "community")
    place(PartnerGroup(name="Madison Rising", slug="madison-rising", kind="union"), "53703")
    place(PartnerGroup(name="Columbus Together", slug="columbus-together"), "43215")
    voting = Topic.objects.create(kind="issue", slug="voting", name="Voting rights")
    toolkit = Resource.objects.create(
        title="WI toolkit", summary="s", kind="toolkit", states="WI,MN", status="approved"
    )
    toolkit.topics.add(voting)
    Resource.objects.create(title="Everywhere guide", summary="s", kind="guide", states="", status="approved")
    Resource.objects.create(title="Pending", summary="s", kind="guide", states="OH", status="pending")


def state_link(html, name):
    """The SVG link for one state, by its accessible name's start."""
    match = re.search(rf'<a href="([^"]+)" aria-label="({re.escape(name)}: [^"]+)">', html)
    return match and (match.group(1).replace("&amp;", "&"), match.group(2))


def test_the_leaders_map_counts_by_state_links_to_the_list_and_has_a_table(client, network):
    response = client.get("/leaders/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert state_link(html, "Wisconsin") == ("/leaders/?state=WI", "Wisconsin: 3 leaders")
    assert state_link(html, "Ohio") == ("/leaders/?state=OH", "Ohio: 1 leader")
    assert state_link(html, "Texas") == ("/leaders/?state=TX", "Texas: 0 leaders")
    assert state_link(html, "District of Columbia")  # DC is on the map
    assert html.count("<path d=") == 51
    assert '<th scope="row"><a href="/leaders/?state=WI">Wisconsin</a></th><td class="num">3</td>' in html
    assert "<title id=" in html and "<desc id=" in html


def test_the_state_links_keep_the_maps_filters(client, network):
    html = client.get("/leaders/map/", {"type": "faith"}).content.decode()
    assert state_link(html, "Wisconsin") == ("/leaders/?type=faith&state=WI", "Wisconsin: 1 leader")
    assert state_link(html, "Ohio")[1] == "Ohio: 0 leaders"
    # And the list behind the link shows the same number.
    page = client.get("/leaders/", {"type": "faith", "state": "WI"}).context["page_obj"]
    assert page.paginator.count == 1


def test_the_leaders_map_has_one_point_per_city_never_per_person(client, network):
    points = client.get("/leaders/map/").context["city_points"]
    by_label = {p["label"]: p for p in points}
    assert set(by_label) == {"Madison, WI: 2 leaders", "Milwaukee, WI: 1 leader", "Columbus, OH: 1 leader"}
    madison = by_label["Madison, WI: 2 leaders"]
    # The centre of all of Madison's ZIPs, not 53703's centroid (where both leaders' ZIP is).
    zip_point = places.place_for_zip("53703")
    assert (madison["lat"], madison["lng"]) != (zip_point.lat, zip_point.lng)
    assert abs(madison["lat"] - zip_point.lat) < 0.2 and abs(madison["lng"] - zip_point.lng) < 0.2


def test_the_city_data_is_a_json_script_and_the_page_has_no_inline_script_or_style(client, network):
    html = client.get("/leaders/map/").content.decode()
    assert '<script id="city-map-data" type="application/json">' in html
    assert not re.search(r"<script(?![^>]*(src=|application/json))", html)
    assert " style=" not in html
    assert "vendor/leaflet/leaflet.js" in html and "js/map.js" in html


def test_the_groups_map_counts_groups_by_state_and_city_with_filters(client, network):
    html = client.get("/groups/map/").content.decode()
    assert state_link(html, "Wisconsin") == ("/groups/?state=WI", "Wisconsin: 1 group")
    html = client.get("/groups/map/", {"kind": "union"}).content.decode()
    assert state_link(html, "Ohio")[1] == "Ohio: 0 groups"
    labels = [p["label"] for p in client.get("/groups/map/").context["city_points"]]
    assert sorted(labels) == ["Columbus, OH: 1 group", "Madison, WI: 1 group"]


def test_the_resources_map_counts_states_and_nationwide_apart(client, network):
    response = client.get("/resources/map/")
    html = response.content.decode()
    assert state_link(html, "Minnesota")[1] == "Minnesota: 1 resource"
    assert state_link(html, "Ohio")[1] == "Ohio: 0 resources"  # the pending one does not count
    assert response.context["nationwide"] == 1
    assert "1 nationwide resource applies everywhere" in html
    html = client.get("/resources/map/", {"topic": "voting", "state": "WI"}).content.decode()
    assert state_link(html, "Wisconsin")[1] == "Wisconsin: 1 resource"
    assert state_link(html, "Minnesota")[1] == "Minnesota: 0 resources"


@pytest.mark.parametrize("url", ["/leaders/map/", "/groups/map/", "/resources/map/"])
@pytest.mark.parametrize(
    "query",
    [
        {"state": "ZZ"},
        {"near": "99999", "within": "1e999"},
        {"type": "nope", "kind": "<script>", "topic": "x" * 500},
        {"near": "53703", "within": "-4"},
        {"q": "\x00" * 3},
        {"topic": "\x00", "within": "\x00", "near": "\x00"},
    ],
)
def test_bad_filters_never_500(client, network, url, query):
    assert client.get(url, query).status_code == 200


def test_a_bad_state_is_explained(client, network):
    html = client.get("/leaders/map/", {"state": "ZZ"}).content.decode()
    assert "is not a US state" in html


def test_the_map_pages_are_read_only(client, network):
    assert client.post("/leaders/map/").status_code == 405


def test_a_map_with_nothing_on_it_still_renders(client, db):
    html = client.get("/leaders/map/").content.decode()
    assert "None yet." in html
    assert "No cities to show." in html


def test_state_links_drop_what_the_list_could_not_use(client, network):
    html = client.get("/leaders/map/", {"topic": "not a slug!", "q": "Ana"}).content.decode()
    assert state_link(html, "Ohio")[0] == "/leaders/?q=Ana&state=OH"


def test_near_a_zip_counts_only_what_is_within_reach(client, network):
    response = client.get("/leaders/map/", {"near": "53703", "within": "25"})
    assert state_link(response.content.decode(), "Wisconsin")[1] == "Wisconsin: 2 leaders"
    assert [p["label"] for p in response.context["city_points"]] == ["Madison, WI: 2 leaders"]
    html = client.get("/groups/map/", {"near": "43215", "within": "10"}).content.decode()
    assert state_link(html, "Ohio")[1] == "Ohio: 1 group"
    assert state_link(html, "Wisconsin")[1] == "Wisconsin: 0 groups"


def test_the_resources_map_links_the_open_referral_export(client, network):
    assert 'href="/resources/hsds.json"' in client.get("/resources/map/").content.decode()
