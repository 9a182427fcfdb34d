"""/resources/hsds.json: approved resources as Open Referral (HSDS 3.0) services, with their provider
groups as organisations; nothing pending, nothing private."""

import datetime
import uuid

import pytest

from actlocal.core.visibility import Visibility
from actlocal.directory.models import PartnerGroup, Resource, Topic


@pytest.fixture
def resources(db, partner_group):
    partner_group.contact_email = "private@madison.example"
    partner_group.contact_email_visibility = Visibility.MEMBERS
    partner_group.contact_phone = "608-555-0100"
    partner_group.contact_phone_visibility = Visibility.PUBLIC
    partner_group.mission = "Neighbours organizing in Madison."
    partner_group.save()
    voting = Topic.objects.create(kind="issue", slug="voting", name="Voting rights")
    toolkit = Resource.objects.create(
        title="Voter registration toolkit",
        summary="How to run a registration drive.",
        kind="toolkit",
        provider=partner_group,
        states="WI,MN",
        language="es",
        url="https://example.org/toolkit",
        last_checked=datetime.date(2026, 10, 1),
        status="approved",
    )
    toolkit.topics.add(voting)
    Resource.objects.create(title="Know your rights", summary="A guide.", kind="legal", status="approved")
    Resource.objects.create(title="Draft plan", summary="Not yet.", kind="guide", status="pending")
    hidden = PartnerGroup.objects.create(name="Rejected Org", slug="rejected-org")
    Resource.objects.create(title="Rejected", summary="No.", kind="guide", status="rejected", provider=hidden)
    return toolkit


def export(client):
    response = client.get("/resources/hsds.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_export_says_what_it_is(client, resources):
    data = export(client)
    assert data["schema"]["name"].startswith("Open Referral Human Services Data Specification")
    assert data["schema"]["version"] == "3.0"
    assert data["total_services"] == 2


def test_only_approved_resources_are_services(client, resources):
    names = sorted(s["name"] for s in export(client)["services"])
    assert names == ["Know your rights", "Voter registration toolkit"]


def test_a_service_has_areas_languages_taxonomy_and_dates(client, resources):
    data = export(client)
    service = next(s for s in data["services"] if s["name"] == "Voter registration toolkit")
    uuid.UUID(service["id"])
    assert service["description"] == "How to run a registration drive."
    assert service["url"] == "https://example.org/toolkit"
    assert service["status"] == "active"
    assert service["assured_date"] == "2026-10-01"
    assert service["last_modified"]
    assert [a["name"] for a in service["service_areas"]] == ["Wisconsin", "Minnesota"]
    assert service["languages"][0]["code"] == "es"
    assert service["attributes"][0]["taxonomy_term"]["name"] == "Voting rights"
    assert [t["name"] for t in data["taxonomy_terms"]] == ["Voting rights"]
    org = next(o for o in data["organizations"] if o["id"] == service["organization_id"])
    assert org["name"] == "Madison Neighbors United"


def test_a_nationwide_resource_serves_the_united_states_from_the_publisher(client, resources):
    data = export(client)
    service = next(s for s in data["services"] if s["name"] == "Know your rights")
    assert [a["name"] for a in service["service_areas"]] == ["United States"]
    publisher = next(o for o in data["organizations"] if o["id"] == service["organization_id"])
    assert publisher["name"] == "ActLocal"


def test_ids_are_stable_between_exports(client, resources):
    assert [s["id"] for s in export(client)["services"]] == [s["id"] for s in export(client)["services"]]


def test_no_private_contact_and_no_organisation_of_unapproved_resources(client, resources, staff):
    client.force_login(staff)  # the export is the same for everyone: the public's view
    data = export(client)
    text = str(data)
    assert "private@madison.example" not in text
    assert "608-555-0100" in text  # the public phone is public
    assert "Rejected Org" not in text and "Draft plan" not in text


def test_the_export_is_read_only(client, db):
    assert client.post("/resources/hsds.json").status_code == 405
    assert export(client)["services"] == []
