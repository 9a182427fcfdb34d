"""The Django admin: users by e-mail, read-only invitations and audit log, county profiles."""

import pytest

from actlocal.accounts.models import Invitation, User
from actlocal.accounts.services import invitation_create
from actlocal.core.models import AuditEntry
from conftest import make_user

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "/admin/accounts/user/",
    "/admin/accounts/invitation/",
    "/admin/core/auditentry/",
    "/admin/core/countyprofile/",
]


@pytest.fixture
def superuser(db):
    return make_user("sam@actlocal.test", name="Sam Super", is_staff=True, is_superuser=True, is_member=True)


@pytest.fixture
def invitation(staff):
    invitation, _token = invitation_create(invited_by=staff, email="nia@example.org", role="member")
    return invitation


@pytest.mark.parametrize("path", CHANGELISTS)
def test_a_superuser_can_open_every_list(client, superuser, invitation, path):
    client.force_login(superuser)

    assert client.get(path).status_code == 200
    assert client.get(path + "?q=nia").status_code == 200


@pytest.mark.parametrize("path", CHANGELISTS)
def test_network_staff_can_read_every_list(client, staff, invitation, path):
    client.force_login(staff)

    assert client.get(path).status_code == 200


def test_network_staff_cannot_change_users_without_a_permission(client, staff, leader):
    client.force_login(staff)

    client.post(f"/admin/accounts/user/{leader.pk}/change/", {"email": leader.email, "is_staff": "on"})

    leader.refresh_from_db()
    assert not leader.is_staff


def test_leaders_and_outsiders_cannot_enter_the_admin(client, leader, outsider):
    for person in (leader, outsider):
        client.force_login(person)
        assert client.get("/admin/accounts/user/").status_code == 302


def test_the_user_list_shows_email_name_and_roles(client, superuser, leader):
    client.force_login(superuser)

    page = client.get("/admin/accounts/user/?is_member__exact=1").content.decode()

    assert "lena@actlocal.test" in page and "Lena Leader" in page


def test_a_superuser_adds_a_user_by_email(client, superuser):
    client.force_login(superuser)

    response = client.post(
        "/admin/accounts/user/add/",
        {
            "email": "nia@example.org",
            "name": "Nia",
            "usable_password": "true",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nia@example.org")
    assert user.check_password("a-long-and-unusual-passphrase")
    assert AuditEntry.objects.filter(action="user.admin_create", target_id=str(user.pk)).exists()


def test_invitations_are_read_only_and_show_no_token(client, superuser, invitation):
    client.force_login(superuser)

    assert client.get("/admin/accounts/invitation/add/").status_code == 403
    page = client.get(f"/admin/accounts/invitation/{invitation.pk}/change/").content.decode()
    assert invitation.token_hash in page
    client.post(f"/admin/accounts/invitation/{invitation.pk}/change/", {"email": "mallory@example.org"})
    assert Invitation.objects.get(pk=invitation.pk).email == "nia@example.org"


def test_staff_can_withdraw_invitations_from_the_admin(client, staff, invitation):
    client.force_login(staff)

    client.post(
        "/admin/accounts/invitation/", {"action": "revoke", "_selected_action": [invitation.pk], "index": 0}
    )

    assert Invitation.objects.get(pk=invitation.pk).status == "revoked"


def test_the_audit_log_cannot_be_added_to_changed_or_deleted(client, superuser, invitation):
    client.force_login(superuser)
    entry = AuditEntry.objects.get(action="invitation.create")

    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert client.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(f"/admin/core/auditentry/{entry.pk}/change/", {"action": "tampered"})
    assert AuditEntry.objects.get(pk=entry.pk).action == "invitation.create"
