"""The list of invitations sent, and withdrawing one that is still waiting."""

from datetime import timedelta

import pytest
from django.utils import timezone

from actlocal.accounts.models import Invitation
from actlocal.accounts.services import invitation_create
from actlocal.core.audit import audit_trail
from actlocal.directory.models import PartnerGroup

pytestmark = pytest.mark.django_db

LIST = "/accounts/invitations/"


@pytest.fixture
def invitations(staff, group_admin, partner_group):
    other_group = PartnerGroup.objects.create(name="Dane County Faith Table", slug="dane-faith")
    waiting, _ = invitation_create(invited_by=staff, email="wanda@example.org", role="member")
    expired, _ = invitation_create(invited_by=staff, email="ed@example.org", role="staff")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    ours, _ = invitation_create(
        invited_by=group_admin, email="cara@example.org", role="group_admin", group=partner_group
    )
    theirs, _ = invitation_create(
        invited_by=staff, email="tess@example.org", role="group_admin", group=other_group
    )
    return {"waiting": waiting, "expired": expired, "ours": ours, "theirs": theirs}


def revoke_url(invitation) -> str:
    return f"/accounts/invitations/{invitation.pk}/revoke/"


def test_staff_see_every_invitation_and_its_status(client, staff, invitations):
    client.force_login(staff)

    page = client.get(LIST).content.decode()

    assert page.count("<h1") == 1
    for email in ("wanda@", "ed@", "cara@", "tess@"):
        assert email in page
    assert "Expired" in page and "Waiting" in page


def test_a_group_admin_sees_only_their_groups_invitations(client, group_admin, invitations):
    client.force_login(group_admin)

    page = client.get(LIST).content.decode()

    assert "cara@example.org" in page
    assert "tess@example.org" not in page and "wanda@example.org" not in page


def test_outsiders_and_the_public_cannot_see_invitations(client, outsider, leader, invitations):
    assert client.get(LIST)["Location"].startswith("/accounts/login/")
    for person in (outsider, leader):
        client.force_login(person)
        assert client.get(LIST).status_code == 403


def test_withdrawing_stops_the_link_and_is_audit_logged(client, staff, invitations):
    client.force_login(staff)
    waiting = invitations["waiting"]

    assert client.get(revoke_url(waiting)).status_code == 405  # only a POST withdraws
    response = client.post(revoke_url(waiting), follow=True)

    assert "The invitation to wanda@example.org was withdrawn." in response.content.decode()
    waiting.refresh_from_db()
    assert waiting.status == "revoked"
    assert [e.action for e in audit_trail(waiting)] == ["invitation.revoke", "invitation.create"]


def test_a_group_admin_cannot_withdraw_another_groups_invitation(client, group_admin, invitations):
    client.force_login(group_admin)

    assert client.post(revoke_url(invitations["theirs"])).status_code == 404
    assert client.post(revoke_url(invitations["waiting"])).status_code == 404
    assert Invitation.objects.filter(revoked_at__isnull=False).count() == 0

    client.post(revoke_url(invitations["ours"]))
    assert Invitation.objects.get(pk=invitations["ours"].pk).status == "revoked"


def test_an_outsider_cannot_withdraw_anything(client, outsider, invitations):
    client.force_login(outsider)

    assert client.post(revoke_url(invitations["waiting"])).status_code == 404
    assert Invitation.objects.get(pk=invitations["waiting"].pk).status == "pending"
