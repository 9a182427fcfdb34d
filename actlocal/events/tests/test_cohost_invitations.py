"""Hosts invite partner groups to co-host; the group's admins accept or decline; accepted groups show."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from actlocal.directory.models import PartnerGroup
from actlocal.events.models import CoHost
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(client, leader, group_admin, partner_group, django_capture_on_commit_callbacks):
    event = make_event(hosts=[leader])
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:team", args=[event.slug]), {"invite_group": "1", "cohost-group": partner_group.pk}
        )
    assert response.status_code == 302
    client.logout()
    return event


def test_inviting_emails_the_group_admins(invited, group_admin):
    assert [m.to for m in mail.outbox] == [[group_admin.email]]
    assert invited.title in mail.outbox[0].subject
    assert "/events/cohosting/" in mail.outbox[0].body


def test_the_admin_sees_and_accepts_the_invitation(client, invited, group_admin, partner_group):
    client.force_login(group_admin)
    page = client.get(reverse("events:cohosting")).content.decode()
    assert invited.title in page
    link = CoHost.objects.get()
    client.post(reverse("events:cohost_respond", args=[link.pk]), {"answer": "accept"})
    link.refresh_from_db()
    assert link.status == CoHost.Status.ACCEPTED and link.responded_at
    client.logout()
    detail = client.get(invited.get_absolute_url()).content.decode()
    assert partner_group.name in detail and partner_group.get_absolute_url() in detail
    assert invited.title not in client.get(reverse("events:cohosting")).content.decode()


def test_declined_groups_are_not_shown(client, invited, group_admin, partner_group):
    client.force_login(group_admin)
    client.post(reverse("events:cohost_respond", args=[CoHost.objects.get().pk]), {"answer": "decline"})
    assert CoHost.objects.get().status == CoHost.Status.DECLINED
    assert partner_group.get_absolute_url() not in client.get(invited.get_absolute_url()).content.decode()


def test_non_admins_cannot_answer_or_see_invitations(client, invited, leader, outsider):
    link = CoHost.objects.get()
    for user in (leader, outsider):
        client.force_login(user)
        assert invited.title not in client.get(reverse("events:cohosting")).content.decode()
        assert (
            client.post(reverse("events:cohost_respond", args=[link.pk]), {"answer": "accept"}).status_code
            == 404
        )
    link.refresh_from_db()
    assert link.status == CoHost.Status.INVITED


def test_an_admin_of_another_group_cannot_answer(client, invited):
    from conftest import make_user

    other = PartnerGroup.objects.create(name="Milwaukee Together", slug="milwaukee-together", state="WI")
    admin = make_user("mo@actlocal.test", name="Mo", is_member=True)
    other.admins.add(admin)
    client.force_login(admin)
    link = CoHost.objects.get()
    assert (
        client.post(reverse("events:cohost_respond", args=[link.pk]), {"answer": "accept"}).status_code == 404
    )


def test_only_hosts_invite(client, group_admin, partner_group, leader):
    event = make_event(hosts=[leader])
    client.force_login(group_admin)
    url = reverse("events:team", args=[event.slug])
    assert client.post(url, {"invite_group": "1", "cohost-group": partner_group.pk}).status_code == 403
    assert not CoHost.objects.exists()
