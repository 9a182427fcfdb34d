"""GET /api/v1/groups and /api/v1/resources: same envelope, filters and refusals as people; a group's
contact details through the visibility rule; only approved resources."""

import pytest

from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Resource


@pytest.fixture
def directory(db, partner_group):
    partner_group.contact_email = "hello@madison.example"
    partner_group.contact_email_visibility = Visibility.STAFF
    partner_group.kind = "union"
    partner_group.save()
    PartnerGroup.objects.create(
        name="Columbus Together", slug="columbus-together", state="OH", city="Columbus"
    )
    Resource.objects.create(
        title="WI toolkit",
        summary="s",
        kind="toolkit",
        states="WI",
        status="approved",
        provider=partner_group,
    )
    Resource.objects.create(title="Everywhere", summary="s", kind="guide", status="approved")
    pending = Resource.objects.create(title="Pending", summary="s", kind="guide", status="pending")
    return pending


def items(client, path, **query):
    data = client.get(path, query).json()
    return data["_embedded"][next(iter(data["_embedded"]))]


def test_groups_are_listed_and_filtered(client, directory):
    assert [g["name"] for g in items(client, "/api/v1/groups")] == [
        "Columbus Together",
        "Madison Neighbors United",
    ]
    assert [g["name"] for g in items(client, "/api/v1/groups", state="OH")] == ["Columbus Together"]
    assert [g["name"] for g in items(client, "/api/v1/groups", kind="union")] == ["Madison Neighbors United"]
    assert [g["name"] for g in items(client, "/api/v1/groups", near="53703", within="5")] == [
        "Madison Neighbors United"
    ]


def test_a_groups_staff_only_email_reaches_staff_and_its_admins_only(
    client, directory, partner_group, leader, staff, group_admin
):
    url = f"/api/v1/groups/{partner_group.pk}"
    assert client.get(url).json()["email_addresses"] == []
    client.force_login(leader)
    assert client.get(url).json()["email_addresses"] == []
    assert "hello@madison.example" not in str(client.get("/api/v1/groups").json())
    for user in (staff, group_admin):
        client.force_login(user)
        assert client.get(url).json()["email_addresses"][0]["address"] == "hello@madison.example"


def test_resources_are_only_the_approved_ones(client, directory):
    assert [r["title"] for r in items(client, "/api/v1/resources")] == ["Everywhere", "WI toolkit"]
    assert client.get(f"/api/v1/resources/{directory.pk}").status_code == 404


def test_a_resource_for_a_state_includes_the_nationwide_ones(client, directory):
    found = items(client, "/api/v1/resources", state="WI")
    assert {(r["title"], r["nationwide"]) for r in found} == {("WI toolkit", False), ("Everywhere", True)}
    toolkit = next(r for r in found if r["title"] == "WI toolkit")
    assert toolkit["provider"]["name"] == "Madison Neighbors United"
    assert toolkit["_links"]["actlocal:provider"]["href"].startswith("http")


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/groups", {"kind": "club"}),
        ("/api/v1/groups", {"state": "XX"}),
        ("/api/v1/resources", {"kind": "x"}),
        ("/api/v1/resources", {"per_page": "1000"}),
    ],
)
def test_bad_parameters_are_a_400(client, directory, path, query):
    response = client.get(path, query)
    assert response.status_code == 400 and response.json()["detail"]


@pytest.mark.parametrize(
    "path", ["/api/v1/groups/424242", "/api/v1/resources/424242", "/api/v1/groups/" + "9" * 25]
)
def test_unknown_ids_are_404(client, directory, path):
    assert client.get(path).status_code == 404
