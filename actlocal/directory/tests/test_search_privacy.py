"""Search never matches, highlights or returns a field the viewer may not see."""

import pytest

from actlocal.directory.models import Person
from actlocal.search.tests.helpers import make_leader

pytestmark = pytest.mark.django_db

EMAIL = "zanzibar.quokka@example.org"


@pytest.fixture
def lena_profile(leader):
    # Lena sets her e-mail to "staff only" and her bio to members.
    return make_leader(
        "Lena",
        "Leader",
        user=leader,
        email=EMAIL,
        email_visibility="staff",
        bio="Quietly building a tenants union.",
        bio_visibility="members",
        phone="608-555-0199",
        phone_visibility="private",
    )


def as_json(client, **params):
    return client.get("/leaders/", {**params, "format": "json"}).json()


def test_the_public_cannot_find_a_leader_by_her_staff_only_email(client, lena_profile):
    assert as_json(client, q="zanzibar")["count"] == 0
    assert as_json(client, q="quokka")["count"] == 0


def test_a_member_cannot_find_a_leader_by_her_staff_only_email(client, lena_profile, group_admin):
    client.force_login(group_admin)
    assert as_json(client, q="zanzibar")["count"] == 0


def test_staff_find_a_leader_by_her_staff_only_email(client, lena_profile, staff):
    client.force_login(staff)
    body = as_json(client, q="zanzibar")
    assert names_of(body) == ["Lena Leader"]
    assert body["results"][0]["email"] == EMAIL


def names_of(body):
    return [r["name"] for r in body["results"]]


def test_the_email_never_appears_for_the_public_or_members_in_json_page_or_snippet(
    client, lena_profile, group_admin, outsider
):
    for viewer in (None, outsider, group_admin):
        client.logout()
        if viewer:
            client.force_login(viewer)
        for q in ("lena", "tenants", ""):
            response = client.get("/leaders/", {"q": q, "format": "json"})
            assert EMAIL not in response.content.decode()
            assert "email" not in str(response.json()["results"])
            assert EMAIL not in client.get("/leaders/", {"q": q}).content.decode()
            assert EMAIL not in client.get("/search/", {"q": q or "lena"}).content.decode()


def test_a_member_finds_a_members_only_bio_that_the_public_does_not(client, lena_profile, group_admin):
    assert as_json(client, q="tenants")["count"] == 0
    body = as_json(client, q="lena")
    assert "tenants" not in str(body) and "bio" not in body["results"][0]
    client.force_login(group_admin)
    body = as_json(client, q="tenants")
    assert names_of(body) == ["Lena Leader"]
    assert "<mark>tenants</mark>" in body["results"][0]["snippet"]


def test_an_outsider_is_the_public_to_search(client, lena_profile, outsider):
    client.force_login(outsider)
    assert as_json(client, q="tenants")["count"] == 0


def test_an_only_me_phone_is_never_indexed_even_for_staff(client, lena_profile, staff):
    client.force_login(staff)
    assert as_json(client, q="0199")["count"] == 0
    assert "608-555-0199" not in client.get("/leaders/", {"q": "lena", "format": "json"}).content.decode()


def test_a_leader_whose_name_is_for_members_is_not_found_by_the_public(client, group_admin):
    make_leader("Mira", "Members", name_visibility="members", bio="Housing.")
    assert as_json(client, q="mira")["count"] == 0
    assert as_json(client, q="housing")["count"] == 0
    client.force_login(group_admin)
    assert names_of(as_json(client, q="mira")) == ["Mira Members"]


def test_an_unlisted_leader_is_not_found_except_by_herself(client, leader, staff):
    make_leader("Una", "Unlisted", listed=False, user=leader)
    assert as_json(client, q="una")["count"] == 0
    client.force_login(staff)
    assert as_json(client, q="una")["count"] == 0
    client.force_login(leader)
    assert names_of(as_json(client, q="una")) == ["Una Unlisted"]


def test_changing_a_field_to_staff_only_stops_it_matching_at_once(client):
    person = make_leader("Ana", "Ruiz", bio="Faith and voting rights.")
    assert as_json(client, q="faith voting")["count"] == 1
    person.bio_visibility = "staff"
    person.save()
    assert as_json(client, q="faith voting")["count"] == 0


def test_unlisting_and_deleting_remove_a_leader_from_search(client):
    person = make_leader("Ana", "Ruiz")
    Person.objects.filter(pk=person.pk).update(listed=False)  # a bulk write skips signals...
    # ...but the list re-reads every shown leader through the visibility selectors.
    assert as_json(client, q="ana")["results"] == []
    person.refresh_from_db()
    person.save()
    assert as_json(client, q="ana")["count"] == 0
    person.listed = True
    person.save()
    assert as_json(client, q="ana")["count"] == 1
    person.delete()
    assert as_json(client, q="ana")["count"] == 0


def test_a_hidden_city_neither_filters_nor_counts_in_facets(client, group_admin):
    make_leader("Ana", "Open", place_visibility="public")
    make_leader("Bea", "Hidden", place_visibility="members")
    body = as_json(client, q="")
    assert body["count"] == 2
    assert {f["value"]: f["count"] for f in body["facets"]["state"]} == {"WI": 1}
    assert {f["value"]: f["count"] for f in body["facets"]["city"]} == {"Madison": 1}
    assert names_of(as_json(client, city="Madison")) == ["Ana Open"]
    client.force_login(group_admin)
    assert as_json(client, state="WI")["count"] == 2
