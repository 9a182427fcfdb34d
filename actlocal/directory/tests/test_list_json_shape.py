"""The list URLs answer JSON with format=json or Accept: application/json, shaped the same everywhere."""

import pytest

from actlocal.search.tests.helpers import make_group, make_leader, make_resource, topic

pytestmark = pytest.mark.django_db


def test_format_json_and_the_accept_header_return_the_same_json(client):
    make_leader("Ana", "Ruiz", topics=[topic("Voting rights")])
    by_param = client.get("/leaders/", {"q": "ana", "format": "json"})
    by_header = client.get("/leaders/", {"q": "ana"}, HTTP_ACCEPT="application/json")
    assert by_param["Content-Type"] == by_header["Content-Type"] == "application/json"
    assert by_param.json() == by_header.json()
    assert "Accept" in by_header["Vary"]
    # A browser's Accept (*/* last) still gets the page.
    page = client.get("/leaders/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("path", ["/leaders/", "/groups/", "/resources/"])
def test_every_list_has_count_pages_results_and_facets(client, path):
    make_leader("Ana", "Ruiz")
    make_group("Madison Rising")
    make_resource("Canvass kit")
    body = client.get(path, {"format": "json"}).json()
    assert {"count", "page", "pages", "results", "facets", "errors", "filters", "sort"} <= set(body)
    assert (body["count"], body["page"], body["pages"], len(body["results"])) == (1, 1, 1, 1)
    assert body["results"][0]["url"].startswith(path)


def test_a_public_leader_result_holds_only_public_fields(client):
    make_leader(
        "Ana",
        "Ruiz",
        email="ana@example.org",
        email_visibility="members",
        bio="Organiser.",
        bio_visibility="public",
        place_visibility="members",
        phone="555",
        phone_visibility="staff",
    )
    result = client.get("/leaders/", {"format": "json"}).json()["results"][0]
    assert result["name"] == "Ana Ruiz" and result["bio"] == "Organiser."
    assert not {"email", "phone", "city", "state", "distance_miles"} & set(result)


def test_the_filters_echo_back_so_a_search_can_be_shared(client):
    body = client.get(
        "/leaders/",
        {"q": "voting rights", "near": "53703", "within": "25", "type": "faith", "format": "json"},
    ).json()
    assert body["filters"] == {"q": "voting rights", "near": "53703", "within": 25.0, "type": "faith"}
    assert body["sort"] == "distance"


def test_the_global_search_answers_json(client):
    make_group("Housing Now")
    body = client.get("/search/", {"q": "housing"}, HTTP_ACCEPT="application/json").json()
    assert body["groups"]["results"][0]["name"] == "Housing Now"
    assert body["leaders"]["count"] == 0
    assert client.get("/search/", {"format": "json"}).json()["groups"] is None
