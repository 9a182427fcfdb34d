"""Staff download any filtered list as CSV: visibility respected, formulas defused, audit-logged."""

import csv
import io

import pytest

from actlocal.core.models import AuditEntry
from actlocal.search.tests.helpers import make_group, make_leader, make_resource

pytestmark = pytest.mark.django_db


def rows(response) -> list[dict]:
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.fixture
def people(leader):
    make_leader(
        "Ana",
        "Ruiz",
        email="ana@example.org",
        email_visibility="staff",
        street_address="1 Secret St",
        address_visibility="private",
        phone="608-555-0100",
        phone_visibility="private",
        bio='=HYPERLINK("http://evil")',
        leader_type="faith",
    )
    make_leader("Bo", "Chen", zip_code="43215", bio="@SUM(A1)", leader_type="community")
    make_leader("Lena", "Leader", user=leader, phone="608-555-0199", phone_visibility="private")


def test_staff_download_the_filtered_list(client, staff, people):
    client.force_login(staff)
    response = client.get("/leaders/export.csv", {"type": "faith"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    [ana] = rows(response)
    assert (ana["first_name"], ana["email"], ana["leader_type"]) == ("Ana", "ana@example.org", "faith")


def test_only_me_fields_never_reach_the_csv(client, staff, people):
    client.force_login(staff)
    body = client.get("/leaders/export.csv").content.decode()
    assert "608-555-0100" not in body and "608-555-0199" not in body and "Secret St" not in body
    assert "street_address" not in body


def test_staff_own_only_me_fields_stay_out_too(client, staff):
    make_leader("Stella", "Staff", user=staff, phone="608-555-0111", phone_visibility="private")
    client.force_login(staff)
    assert "608-555-0111" not in client.get("/leaders/export.csv").content.decode()


def test_cells_that_look_like_formulas_are_defused(client, staff, people):
    client.force_login(staff)
    bios = {r["first_name"]: r["bio"] for r in rows(client.get("/leaders/export.csv"))}
    assert bios["Ana"] == '\'=HYPERLINK("http://evil")'
    assert bios["Bo"] == "'@SUM(A1)"


@pytest.mark.parametrize("path", ["/leaders/export.csv", "/groups/export.csv", "/resources/export.csv"])
def test_the_public_an_outsider_a_leader_and_a_group_admin_are_refused(
    client, path, people, outsider, leader, group_admin
):
    assert client.get(path).status_code == 403
    for user in (outsider, leader, group_admin):
        client.force_login(user)
        assert client.get(path).status_code == 403
    assert not AuditEntry.objects.filter(action="directory.export").exists()


def test_an_export_is_audit_logged_with_its_filters(client, staff, people):
    client.force_login(staff)
    client.get("/leaders/export.csv", {"q": "ana", "state": "WI"})
    entry = AuditEntry.objects.get(action="directory.export")
    assert entry.actor == staff
    assert entry.changes["directory"] == "leader"
    assert entry.changes["filters"] == {"q": "ana", "state": "WI"}
    assert entry.changes["rows"] == 1


def test_groups_and_resources_export_too(client, staff):
    make_group(
        "Columbus Rising", zip_code="43215", contact_email="c@example.org", contact_email_visibility="staff"
    )
    make_group("Madison Rising")
    make_resource("-1+1 guide", summary="+cmd")
    client.force_login(staff)
    groups = rows(client.get("/groups/export.csv", {"state": "OH"}))
    assert [(g["name"], g["contact_email"]) for g in groups] == [("Columbus Rising", "c@example.org")]
    [resource] = rows(client.get("/resources/export.csv"))
    assert (resource["title"], resource["summary"]) == ("'-1+1 guide", "'+cmd")


def test_the_list_links_to_its_export_for_staff_only(client, staff, people):
    assert "export.csv" not in client.get("/leaders/", {"q": "ana"}).content.decode()
    client.force_login(staff)
    assert "/leaders/export.csv?q=ana" in client.get("/leaders/", {"q": "ana"}).content.decode()
