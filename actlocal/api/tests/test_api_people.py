"""GET /api/v1/people: leaders as OSDI people, paged OSDI-style, filtered like the leaders list; bad
parameters are a 400 with a message."""

import pytest

from actlocal.core import places
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Person, Topic


def public_leader(first_name, zip_code="53703", **extra):
    person = Person(
        first_name=first_name,
        last_name="Example",
        leader_type=extra.pop("leader_type", "community"),
        name_visibility=Visibility.PUBLIC,
        place_visibility=Visibility.PUBLIC,
        **extra,
    )
    person.set_place(places.place_for_zip(zip_code))
    person.save()
    return person


@pytest.fixture
def leaders(db):
    people = [public_leader(f"P{i:02}") for i in range(7)]
    public_leader("Ohio", "43215", leader_type="faith")
    topic = Topic.objects.create(kind="skill", slug="canvassing", name="Canvassing")
    people[0].topics.add(topic)
    return people


def test_the_entry_point_links_the_directory(client, db):
    links = client.get("/api/v1/").json()["_links"]
    assert links["osdi:people"]["href"].endswith("/api/v1/people")
    assert links["actlocal:groups"]["href"].endswith("/api/v1/groups")
    assert links["actlocal:resources"]["href"].endswith("/api/v1/resources")
    assert links["actlocal:hsds"]["href"].endswith("/resources/hsds.json")


def test_a_person_has_the_osdi_shape(client, leaders):
    person = client.get(f"/api/v1/people/{leaders[0].pk}").json()
    assert person["identifiers"] == [f"actlocal:person-{leaders[0].pk}"]
    assert (person["given_name"], person["family_name"]) == ("P00", "Example")
    assert person["postal_addresses"] == [
        {"primary": True, "country": "US", "locality": "Madison", "region": "WI", "postal_code": "53703"}
    ]
    assert person["custom_fields"] == {"leader_type": "community", "topics": "Canvassing"}
    assert person["_links"]["self"]["href"].endswith(f"/api/v1/people/{leaders[0].pk}")


def test_people_are_paged_osdi_style(client, leaders):
    data = client.get("/api/v1/people", {"per_page": 3, "page": 2}).json()
    assert (data["total_records"], data["total_pages"], data["page"], data["per_page"]) == (8, 3, 2, 3)
    assert len(data["_embedded"]["osdi:people"]) == 3
    assert "page=3" in data["_links"]["next"]["href"] and "page=1" in data["_links"]["prev"]["href"]
    assert len(data["_links"]["osdi:people"]) == 3
    last = client.get("/api/v1/people", {"per_page": 3, "page": 3}).json()
    assert len(last["_embedded"]["osdi:people"]) == 2 and "next" not in last["_links"]
    beyond = client.get("/api/v1/people", {"per_page": 3, "page": 99}).json()
    assert beyond["_embedded"]["osdi:people"] == [] and beyond["total_records"] == 8


def test_people_filter_by_state_type_topic_and_distance(client, leaders):
    def names(**query):
        return [
            p["given_name"] for p in client.get("/api/v1/people", query).json()["_embedded"]["osdi:people"]
        ]

    assert names(state="OH") == ["Ohio"]
    assert names(type="faith") == ["Ohio"]
    assert names(topic="canvassing") == ["P00"]
    assert names(near="43215", within="10") == ["Ohio"]
    assert "state=OH" in client.get("/api/v1/people", {"state": "OH"}).json()["_links"]["self"]["href"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"state": "ZZ"}, "is not a US state"),
        ({"near": "1234"}, "is not a US ZIP code"),
        ({"near": "53703", "within": "9000"}, "at most 500 miles"),
        ({"per_page": "51"}, "per_page must be a whole number from 1 to 50"),
        ({"per_page": "0"}, "per_page must be"),
        ({"page": "-1"}, "page must be"),
        ({"page": "abc"}, "page must be"),
        ({"page": "1" * 40}, "page must be"),
        ({"page": "١"}, "page must be"),  # an Arabic-Indic digit is not one of ours
        ({"type": "king"}, "type must be one of"),
    ],
)
def test_bad_parameters_are_a_400_with_a_message(client, leaders, query, message):
    response = client.get("/api/v1/people", query)
    assert response.status_code == 400
    assert message in response.json()["detail"]


@pytest.mark.parametrize("path", ["/api/v1/people/0", "/api/v1/people/99999", "/api/v1/people/" + "9" * 30])
def test_unknown_people_are_404(client, leaders, path):
    assert client.get(path).status_code == 404


def test_non_numeric_ids_are_404_not_500(client, db):
    assert client.get("/api/v1/people/abc").status_code == 404


def test_the_api_is_read_only(client, leaders):
    assert client.post("/api/v1/people").status_code == 405


def test_the_openapi_docs_render(client, db):
    assert client.get("/api/v1/docs").status_code == 200
    schema = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/people", "/api/v1/people/{person_id}", "/api/v1/groups", "/api/v1/resources"} <= set(
        schema["paths"]
    )


@pytest.mark.parametrize("query", [{"q": "a\x00b"}, {"topic": "\x00"}, {"q": "%" * 300}, {"near": "\x00"}])
def test_odd_text_never_500s(client, leaders, query):
    assert client.get("/api/v1/people", query).status_code in (200, 400)
