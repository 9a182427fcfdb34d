"""Facets, distance, sorting and pages: every count is what its filter returns."""

import pytest

from actlocal.directory.models import Person
from actlocal.search.tests.helpers import make_group, make_leader, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    voting, housing = topic("Voting rights"), topic("Housing")
    canvass = topic("Canvassing", kind="skill")
    make_leader(
        "Ana",
        "Ruiz",
        zip_code="53703",
        leader_type="faith",
        topics=[voting, canvass],
        languages="English, Spanish",
    )
    make_leader("Bo", "Chen", zip_code="53590", leader_type="faith", topics=[voting])  # Sun Prairie ~12 mi
    make_leader(
        "Cy", "Dunn", zip_code="53545", leader_type="community", topics=[housing]
    )  # Janesville ~35 mi
    make_leader(
        "Di", "Evans", zip_code="53202", leader_type="community", topics=[voting, housing]
    )  # Milwaukee ~75
    make_leader(
        "Ed", "Fox", zip_code="43215", leader_type="seasoned", topics=[housing], languages="Spanish"
    )  # Ohio
    return Person.objects.count()


def as_json(client, path="/leaders/", **params):
    response = client.get(path, {**params, "format": "json"})
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize(
    "base",
    [{}, {"q": "ruiz chen"}, {"near": "53703", "within": "100"}, {"issue": "voting-rights"}, {"q": "vot"}],
)
def test_every_facet_count_is_the_number_its_filter_returns(client, people, base):
    body = as_json(client, **base)
    assert body["facets"], body
    for name, options in body["facets"].items():
        for option in options:
            param = {"type": "type"}.get(name, name)
            filtered = as_json(client, **{**base, param: option["value"]})
            assert filtered["count"] == option["count"], (name, option)


def test_faith_leaders_within_25_miles_who_work_on_voting_rights(client, people):
    body = as_json(client, q="voting rights", near="53703", within="25", type="faith")
    assert [r["name"] for r in body["results"]] == ["Ana Ruiz", "Bo Chen"]
    assert body["results"][0]["distance_miles"] < 1 < body["results"][1]["distance_miles"] < 25


def test_within_buckets_count_leaders_by_distance(client, people):
    body = as_json(client, near="53703", within="50")
    counts = {f["value"]: f["count"] for f in body["facets"]["within"]}
    assert counts == {"5": 1, "10": 1, "25": 2, "50": 3}
    assert [r["name"] for r in body["results"]] == ["Ana Ruiz", "Bo Chen", "Cy Dunn"]


def test_the_radius_boundary_includes_a_leader_just_inside(client, people):
    # Sun Prairie's centroid is about 12 miles from 53703: in at 25, out at 10.
    assert "Bo Chen" in [r["name"] for r in as_json(client, near="53703", within="25")["results"]]
    assert "Bo Chen" not in [r["name"] for r in as_json(client, near="53703", within="10")["results"]]


@pytest.mark.parametrize(
    "params",
    [
        {"near": "00000"},
        {"near": "99999"},
        {"near": "abc"},
        {"near": "53703", "within": "-5"},
        {"near": "53703", "within": "0"},
        {"near": "53703", "within": "1e308"},
        {"near": "53703", "within": "nan"},
        {"near": "53703", "within": "100000"},
        {"state": "ZZ"},
        {"type": "wizard"},
        {"sort": "random"},
        {"page": "-1"},
        {"page": "999999"},
        {"page": "x"},
        {"issue": "no-such-topic"},
        {"language": "klingon"},
        {"city": "x" * 500},
    ],
)
def test_bad_filters_give_a_message_or_an_empty_result_never_an_error(client, people, params):
    for path in ("/leaders/", "/groups/", "/resources/"):
        assert client.get(path, params).status_code == 200
        body = as_json(client, path, **params)
        assert body["errors"] or body["count"] in (0, body["count"])


def test_an_unknown_zip_is_explained(client, people):
    body = as_json(client, near="99999")
    assert "99999" in body["errors"][0]
    assert body["count"] == people


def test_sort_by_name_newest_and_distance(client, people):
    # Names sort by last name, as directories do.
    assert [r["name"] for r in as_json(client, sort="name")["results"]][:2] == ["Bo Chen", "Cy Dunn"]
    newest = [r["name"] for r in as_json(client, sort="newest")["results"]]
    assert newest[0] == "Ed Fox" and newest[-1] == "Ana Ruiz"
    by_distance = [r["name"] for r in as_json(client, near="53703", within="100", sort="distance")["results"]]
    assert by_distance == ["Ana Ruiz", "Bo Chen", "Cy Dunn", "Di Evans"]
    by_name = [r["name"] for r in as_json(client, near="53703", within="100", sort="name")["results"]]
    assert by_name == ["Bo Chen", "Cy Dunn", "Di Evans", "Ana Ruiz"]
    relevance = [r["name"] for r in as_json(client, q="ruiz chen ana bo", sort="relevance")["results"]]
    assert relevance == []  # every word must match one leader


def test_pages_of_twenty(client):
    for i in range(45):
        make_leader(f"Person{i:02d}", "Page")
    first, third = as_json(client, page="1"), as_json(client, page="3")
    assert (first["count"], first["pages"], len(first["results"])) == (45, 3, 20)
    assert (third["page"], len(third["results"])) == (3, 5)
    html = client.get("/leaders/", {"page": "2", "q": "page"}).content.decode()
    assert "page=3" in html and "q=page" in html


def test_a_group_in_ohio(client, people):
    make_group("Columbus Rising", zip_code="43215")
    make_group("Madison Rising", zip_code="53703")
    body = as_json(client, "/groups/", state="OH")
    assert [r["name"] for r in body["results"]] == ["Columbus Rising"]
    assert {f["value"]: f["count"] for f in as_json(client, "/groups/")["facets"]["state"]} == {
        "OH": 1,
        "WI": 1,
    }


def test_the_filters_show_counts_on_the_page(client, people):
    html = client.get("/leaders/", {"q": "vot"}).content.decode()
    assert "Faith leader (2)" in html
    assert "Voting rights (3)" in html
    assert 'name="sort"' in html and "Best match" in html
