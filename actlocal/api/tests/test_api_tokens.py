"""API tokens: a program sees what its user sees, nothing more; wrong, revoked or foreign keys get nowhere."""

import pytest

from actlocal.api.models import ApiToken
from actlocal.api.services import api_token_create
from actlocal.core import places
from actlocal.core.audit import audit_trail
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Person


@pytest.fixture
def maya(db):
    person = Person(
        first_name="Maya",
        last_name="Staffonly",
        leader_type="community",
        email="maya@example.org",
        name_visibility=Visibility.PUBLIC,
        email_visibility=Visibility.STAFF,
    )
    person.set_place(places.place_for_zip("53703"))
    person.save()
    return person


def emails_seen(client, maya, **headers):
    response = client.get(f"/api/v1/people/{maya.pk}", headers=headers)
    return response.status_code, response.json()


def test_a_staff_token_sees_the_staff_only_email(client, staff, maya):
    _token, key = api_token_create(user=staff, name="CRM sync")
    status, body = emails_seen(client, maya, **{"OSDI-API-Token": key})
    assert status == 200
    assert [e["address"] for e in body["email_addresses"]] == ["maya@example.org"]


def test_a_bearer_header_works_like_the_osdi_header(client, staff, maya):
    _token, key = api_token_create(user=staff, name="CRM sync")
    status, body = emails_seen(client, maya, Authorization=f"Bearer {key}")
    assert status == 200 and body["email_addresses"]


def test_a_leaders_token_sees_only_what_the_leader_sees(client, leader, maya):
    _token, key = api_token_create(user=leader, name="My script")
    status, body = emails_seen(client, maya, **{"OSDI-API-Token": key})
    assert status == 200
    assert body["email_addresses"] == [] and "maya@example.org" not in str(body)


def test_without_a_key_the_public_view_is_served(client, maya):
    status, body = emails_seen(client, maya)
    assert status == 200 and body["email_addresses"] == []


@pytest.mark.parametrize("key", ["al_deadbeef.nope", "garbage", "al_.x", "x" * 500])
def test_a_wrong_key_is_refused_not_served_the_public_view(client, staff, maya, key):
    api_token_create(user=staff, name="real one")
    status, body = emails_seen(client, maya, **{"OSDI-API-Token": key})
    assert status == 401


def test_a_right_prefix_with_a_wrong_secret_is_refused(client, staff, maya):
    _token, key = api_token_create(user=staff, name="CRM sync")
    forged = key[: key.index(".") + 1] + "forged-secret"
    assert emails_seen(client, maya, **{"OSDI-API-Token": forged})[0] == 401


def test_a_revoked_token_stops_working(client, staff, maya):
    token, key = api_token_create(user=staff, name="CRM sync")
    client.force_login(staff)
    client.post(f"/api/tokens/{token.pk}/revoke/")
    client.logout()
    assert emails_seen(client, maya, **{"OSDI-API-Token": key})[0] == 401
    assert sorted(e.action for e in audit_trail(token)) == ["api_token.create", "api_token.revoke"]


def test_a_deactivated_users_token_stops_working(client, staff, maya):
    _token, key = api_token_create(user=staff, name="CRM sync")
    staff.is_active = False
    staff.save()
    assert emails_seen(client, maya, **{"OSDI-API-Token": key})[0] == 401


def test_only_a_hash_of_the_key_is_stored(staff):
    token, key = api_token_create(user=staff, name="CRM sync")
    stored = ApiToken.objects.get(pk=token.pk)
    secret = key.split(".", 1)[1]
    assert secret not in stored.key_hash and secret not in str(stored.__dict__)


def test_use_is_recorded(client, staff, maya):
    token, key = api_token_create(user=staff, name="CRM sync")
    emails_seen(client, maya, **{"OSDI-API-Token": key})
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_the_token_page_shows_a_new_key_once(client, leader):
    client.force_login(leader)
    response = client.post("/api/tokens/", {"name": "My script"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=leader)
    html = response.content.decode()
    assert f"al_{token.prefix}." in html
    again = client.get("/api/tokens/").content.decode()
    assert "My script" in again and f"al_{token.prefix}." not in again


def test_a_token_needs_a_name(client, leader):
    client.force_login(leader)
    response = client.post("/api/tokens/", {"name": "   "})
    assert response.status_code == 400
    assert "Give the token a name" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_nobody_can_revoke_someone_elses_token(client, leader, outsider):
    token, _key = api_token_create(user=leader, name="My script")
    client.force_login(outsider)
    assert client.post(f"/api/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_token_page_needs_a_login(client):
    response = client.get("/api/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
