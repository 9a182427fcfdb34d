"""Staff, and partner-group admins for their own groups, invite people by e-mail."""

import hashlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from actlocal.accounts.models import Invitation
from actlocal.accounts.services import invitation_create
from actlocal.accounts.tests.mailbox import link_in, messages_to
from actlocal.core.audit import audit_trail
from actlocal.directory.models import PartnerGroup

pytestmark = pytest.mark.django_db

FORM = "/accounts/invitations/new/"


@pytest.fixture
def other_group():
    return PartnerGroup.objects.create(
        name="Dane County Faith Table", slug="dane-faith", city="Madison", state="WI"
    )


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    """POST the invitation form as a person would, running the e-mail that is sent after commit."""

    def post(data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(FORM, {"message": "", "group": "", **data})

    return post


def test_staff_invite_a_leader_and_the_email_holds_the_only_copy_of_the_link(client, staff, send):
    client.force_login(staff)

    response = send(
        {"email": " Nia@Example.org ", "role": "member", "message": "Join our Dane County table!"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/invitations/"
    assert "Invitation sent to nia@example.org." in client.get(response["Location"]).content.decode()
    invitation = Invitation.objects.get()
    assert invitation.email == "nia@example.org"
    assert invitation.invited_by == staff
    [message] = messages_to("nia@example.org")
    assert "Join our Dane County table!" in message.body
    assert "http://127.0.0.1:8000/accounts/invitations/" in message.body  # absolute, from SITE_URL
    link = link_in(message, "/accounts/invitations/")
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.values().get())
    client.logout()
    assert client.get(link).status_code == 200


def test_the_invitation_form_is_labelled_and_has_one_heading(client, staff):
    client.force_login(staff)

    page = client.get(FORM).content.decode()

    assert page.count("<h1") == 1
    for field in ("email", "role", "group", "message"):
        assert f'<label for="id_{field}">' in page


def test_the_public_is_sent_to_sign_in(client):
    response = client.get(FORM)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


def test_an_outsider_cannot_reach_the_invitation_form(client, outsider, send):
    client.force_login(outsider)

    assert client.get(FORM).status_code == 403
    assert send({"email": "nia@example.org", "role": "member"}).status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_leader_who_is_not_staff_cannot_invite_staff(client, leader, send):
    client.force_login(leader)

    assert send({"email": "nia@example.org", "role": "staff"}).status_code == 403
    assert not Invitation.objects.exists()


def test_a_group_admin_invites_a_co_admin_for_their_own_group(client, group_admin, partner_group, send):
    client.force_login(group_admin)

    response = send({"email": "nia@example.org", "role": "group_admin", "group": partner_group.pk})

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.role, invitation.group) == ("group_admin", partner_group)
    [message] = messages_to("nia@example.org")
    assert partner_group.name in message.subject


def test_a_group_admin_cannot_invite_for_another_group(client, group_admin, other_group, send):
    client.force_login(group_admin)

    response = send({"email": "nia@example.org", "role": "group_admin", "group": other_group.pk})

    assert response.status_code == 200
    assert 'id="id_group_error"' in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        invitation_create(
            invited_by=group_admin, email="nia@example.org", role="group_admin", group=other_group
        )


def test_a_group_admin_cannot_invite_staff_or_members(client, group_admin, partner_group, send):
    client.force_login(group_admin)

    for role in ("staff", "member"):
        response = send({"email": "nia@example.org", "role": role, "group": partner_group.pk})
        assert response.status_code == 200
        assert 'id="id_role_error"' in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        invitation_create(invited_by=group_admin, email="nia@example.org", role="staff")


def test_a_group_admin_invitation_needs_a_group(client, staff, send):
    client.force_login(staff)

    response = send({"email": "nia@example.org", "role": "group_admin"})

    assert response.status_code == 200
    assert "Choose the partner group they will help run." in response.content.decode()
    assert not Invitation.objects.exists()


def test_inviting_again_replaces_the_pending_invitation(client, staff, send):
    client.force_login(staff)
    send({"email": "nia@example.org", "role": "member"})
    send({"email": "NIA@example.org", "role": "member"})

    first, second = (link_in(m, "/accounts/invitations/") for m in messages_to("nia@example.org"))

    assert Invitation.objects.count() == 2
    assert Invitation.objects.filter(revoked_at__isnull=True).count() == 1
    client.logout()
    assert client.get(first).status_code == 410
    assert client.get(second).status_code == 200


def test_sending_an_invitation_is_audit_logged(staff):
    invitation, _token = invitation_create(invited_by=staff, email="nia@example.org", role="member")

    [entry] = audit_trail(invitation)
    assert (entry.action, entry.actor) == ("invitation.create", staff)
    assert entry.changes["role"] == "member"


def test_no_email_goes_out_when_the_invitation_is_rolled_back(staff, django_capture_on_commit_callbacks):
    # The e-mail is sent on commit: a rolled-back write sends nothing.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation_create(invited_by=staff, email="nia@example.org", role="member")

    assert len(callbacks) == 1
    assert not mail.outbox


def test_an_expired_invitation_is_left_as_it_was_when_inviting_again(staff):
    first, _ = invitation_create(invited_by=staff, email="nia@example.org", role="member")
    Invitation.objects.filter(pk=first.pk).update(expires_at=first.created_at)

    invitation_create(invited_by=staff, email="nia@example.org", role="member")

    first.refresh_from_db()
    assert first.status == "expired"
