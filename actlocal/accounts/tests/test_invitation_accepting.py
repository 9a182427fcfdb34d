"""Following an invitation link: create an account or accept with one, and every way a link can fail."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.utils import timezone

from actlocal.accounts.models import Invitation, User
from actlocal.accounts.services import invitation_accept, invitation_create, invitation_revoke
from actlocal.core.audit import audit_trail
from actlocal.directory.models import PartnerGroup, Person

pytestmark = pytest.mark.django_db

PASSPHRASE = "a-long-and-unusual-passphrase"


def url(token: str) -> str:
    return f"/accounts/invitations/{token}/"


def create_account(client, token, name="Nia Newcomer", **extra):
    return client.post(url(token), {"name": name, "password1": PASSPHRASE, "password2": PASSPHRASE, **extra})


@pytest.fixture
def member_invite(staff):
    return invitation_create(invited_by=staff, email="nia@example.org", role="member")


@pytest.fixture
def other_group():
    return PartnerGroup.objects.create(
        name="Dane County Faith Table", slug="dane-faith", city="Madison", state="WI"
    )


def test_an_anonymous_invitee_creates_an_account_and_becomes_a_member(client, member_invite):
    invitation, token = member_invite
    page = client.get(url(token)).content.decode()
    assert page.count("<h1") == 1
    assert 'value="nia@example.org"' in page and "disabled" in page

    response = create_account(client, token)

    assert response.status_code == 302
    user = User.objects.get(email="nia@example.org")
    assert user.name == "Nia Newcomer" and user.is_member and not user.is_staff
    assert client.session["_auth_user_id"] == str(user.pk)
    address = EmailAddress.objects.get(user=user)
    assert address.verified and address.primary and address.email == "nia@example.org"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user and invitation.accepted_at is not None
    assert [e.action for e in audit_trail(user)] == ["user.create"]
    assert "invitation.accept" in [e.action for e in audit_trail(invitation)]

    client.logout()
    client.post("/accounts/login/", {"login": "nia@example.org", "password": PASSPHRASE})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_invited_address_cannot_be_swapped_for_another(client, member_invite):
    _invitation, token = member_invite

    create_account(client, token, email="mallory@example.org")

    assert User.objects.filter(email="nia@example.org").exists()
    assert not User.objects.filter(email="mallory@example.org").exists()


def test_mismatched_passwords_are_shown_beside_the_field(client, member_invite):
    _invitation, token = member_invite

    response = client.post(
        url(token), {"name": "Nia", "password1": PASSPHRASE, "password2": PASSPHRASE + "x"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_password2_error"' in page and 'aria-describedby="id_password2_error"' in page
    assert not User.objects.filter(email="nia@example.org").exists()


def test_a_group_admin_invitation_makes_the_user_admin_of_that_group_only(
    client, group_admin, partner_group, other_group
):
    _invitation, token = invitation_create(
        invited_by=group_admin, email="nia@example.org", role="group_admin", group=partner_group
    )

    response = create_account(client, token)

    assert response.status_code == 302
    assert response["Location"] == partner_group.get_absolute_url()
    user = User.objects.get(email="nia@example.org")
    assert list(user.administered_groups.all()) == [partner_group]
    assert not other_group.admins.filter(pk=user.pk).exists()
    assert user.is_member and not user.is_staff


def test_a_staff_invitation_makes_network_staff(client, staff):
    _invitation, token = invitation_create(invited_by=staff, email="nia@example.org", role="staff")

    create_account(client, token)

    user = User.objects.get(email="nia@example.org")
    assert user.is_staff and user.is_member


def test_a_forged_token_gives_a_clear_page_not_found(client, member_invite):
    response = client.get(url("this-is-not-a-real-token"))

    assert response.status_code == 404
    assert "This invitation link isn't valid" in response.content.decode()
    assert client.post(url("x" * 500), {"name": "X"}).status_code == 404


def test_an_expired_invitation_is_gone(client, member_invite):
    invitation, token = member_invite
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client.get(url(token))

    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert create_account(client, token).status_code == 410
    assert not User.objects.filter(email="nia@example.org").exists()


def test_a_replayed_invitation_says_it_was_already_used(client, member_invite):
    _invitation, token = member_invite
    create_account(client, token)
    client.logout()

    response = client.get(url(token))

    assert response.status_code == 410
    assert "This invitation has already been used" in response.content.decode()
    assert create_account(client, token, name="Someone Else").status_code == 410
    assert User.objects.get(email="nia@example.org").name == "Nia Newcomer"


def test_a_withdrawn_invitation_says_so(client, staff, member_invite):
    invitation, token = member_invite
    invitation_revoke(invitation=invitation, actor=staff)

    response = client.get(url(token))

    assert response.status_code == 410
    assert "This invitation was withdrawn" in response.content.decode()


def test_an_existing_account_is_asked_to_sign_in_and_then_accepts(client, staff, outsider, password):
    invitation, token = invitation_create(invited_by=staff, email="otto@actlocal.test", role="member")

    page = client.get(url(token)).content.decode()
    assert "/accounts/login/?next=%2Faccounts%2Finvitations%2F" in page
    assert 'name="password1"' not in page

    signed_in = client.post(
        f"/accounts/login/?next={url(token)}", {"login": "otto@actlocal.test", "password": password}
    )
    assert signed_in["Location"] == url(token)
    assert "Accept the invitation" in client.get(url(token)).content.decode()
    client.post(url(token))

    outsider.refresh_from_db()
    assert outsider.is_member
    invitation.refresh_from_db()
    assert invitation.accepted_by == outsider


def test_someone_signed_in_with_another_address_cannot_accept(client, member_invite, leader):
    invitation, token = member_invite
    client.force_login(leader)

    page = client.get(url(token))
    assert page.status_code == 403
    assert "This invitation was sent to nia@example.org" in page.content.decode()
    assert client.post(url(token)).status_code == 403

    invitation.refresh_from_db()
    assert invitation.is_pending


def test_an_invitation_can_hand_over_a_leader_record(client, staff):
    person = Person.objects.create(first_name="Nia", last_name="Newcomer", email="nia@example.org")
    _invitation, token = invitation_create(
        invited_by=staff, email="nia@example.org", role="member", person=person
    )

    create_account(client, token)

    person.refresh_from_db()
    assert person.user == User.objects.get(email="nia@example.org")


def test_a_leader_record_claimed_meanwhile_is_not_taken_over(client, staff, leader):
    person = Person.objects.create(first_name="Nia", last_name="Newcomer")
    _invitation, token = invitation_create(
        invited_by=staff, email="nia@example.org", role="member", person=person
    )
    Person.objects.filter(pk=person.pk).update(user=leader)

    create_account(client, token)

    person.refresh_from_db()
    assert person.user == leader
    assert User.objects.get(email="nia@example.org").is_member


def test_a_verified_second_address_counts_as_the_invited_one(client, staff, leader):
    EmailAddress.objects.create(user=leader, email="lena@home.example", verified=True, primary=False)
    _invitation, token = invitation_create(invited_by=staff, email="lena@home.example", role="staff")
    client.force_login(leader)

    client.post(url(token))

    leader.refresh_from_db()
    assert leader.is_staff


def test_accepting_twice_is_refused_by_the_service(staff, leader):
    invitation, _token = invitation_create(invited_by=staff, email="lena@actlocal.test", role="member")
    invitation_accept(invitation=invitation, user=leader)

    with pytest.raises(ValidationError) as refused:
        invitation_accept(invitation=invitation, user=leader)

    assert refused.value.code == "accepted"
    assert [e.action for e in audit_trail(invitation)] == ["invitation.accept", "invitation.create"]
