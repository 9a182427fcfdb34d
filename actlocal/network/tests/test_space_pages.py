"""The space list, a space's settings and membership, and editing one's own thread."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.network.models import Space, SpaceMembership

pytestmark = pytest.mark.django_db


def test_the_list_shows_national_and_state_spaces_and_the_leaders_own_group_space(
    client, leader, partner_group, db
):
    from actlocal.directory.models import Affiliation, Person

    Space.objects.create(name="Elections", slug="elections", kind="topic")
    Space.objects.create(name="Wisconsin", slug="state-wi", kind="state")
    Space.objects.create(name="Madison Neighbors United", slug="group-mnu", kind="group", group=partner_group)
    Space.objects.create(name="Somebody else's group", slug="group-other", kind="group")
    person = Person.objects.create(first_name="Lena", user=leader)
    Affiliation.objects.create(person=person, group=partner_group)
    client.force_login(leader)
    page = client.get(reverse("network:index")).content.decode()
    assert "Elections" in page and "Wisconsin" in page and "Madison Neighbors United" in page
    assert "Somebody else" not in page


def test_the_public_sees_public_spaces_and_is_told_more_are_open_to_members(
    client, public_space, troubleshooting
):
    page = client.get(reverse("network:index")).content.decode()
    assert "Open forum" in page and "Troubleshooting" not in page
    assert "1 more space is open to network members." in page


def test_staff_open_a_space_to_invitations_and_add_a_member(client, staff, priya, troubleshooting):
    client.force_login(staff)
    url = reverse("network:space_settings", args=[troubleshooting.slug])
    client.post(url, {"name": "Troubleshooting", "description": "Ask here.", "access": "invite"})
    troubleshooting.refresh_from_db()
    assert troubleshooting.access == "invite"
    client.post(url, {"action": "member_add", "email": priya.email, "role": "member"})
    assert SpaceMembership.objects.filter(space=troubleshooting, user=priya).exists()
    assert audit_trail(troubleshooting).filter(action="space.member_add").exists()
    client.force_login(priya)
    assert client.get(troubleshooting.get_absolute_url()).status_code == 200


def test_only_staff_appoint_moderators(client, moderator, priya, troubleshooting):
    client.force_login(moderator)
    url = reverse("network:space_settings", args=[troubleshooting.slug])
    response = client.post(url, {"action": "member_add", "email": priya.email, "role": "moderator"})
    assert "Only network staff appoint moderators." in response.content.decode()
    assert not SpaceMembership.objects.filter(user=priya).exists()


def test_a_member_cannot_open_space_settings(client, leader, troubleshooting):
    client.force_login(leader)
    assert client.get(reverse("network:space_settings", args=[troubleshooting.slug])).status_code == 404


def test_the_author_edits_their_thread_and_others_cannot(client, leader, marco, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting)
    url = reverse("network:thread_edit", args=[troubleshooting.slug, thread.pk])
    client.force_login(marco)
    assert client.get(url).status_code == 404
    client.force_login(leader)
    response = client.post(
        url, {"title": "Venue booking, solved?", "body": "Updated *text*", "tags": "venues"}
    )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Venue booking, solved?" in page and "<em>text</em>" in page and "edited" in page


def test_the_author_edits_their_reply_and_others_cannot(client, leader, marco, troubleshooting, post_thread):
    from actlocal.network.services import reply_create

    thread = post_thread(author=leader, space=troubleshooting)
    reply = reply_create(author=marco, thread=thread, body="Frist answer")
    url = reverse("network:reply_edit", args=[troubleshooting.slug, thread.pk, reply.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 404
    assert url not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(marco)
    assert url in client.get(thread.get_absolute_url()).content.decode()
    assert client.post(url, {"body": "First answer"}).status_code == 302
    reply.refresh_from_db()
    assert reply.body == "First answer" and reply.edited_at is not None


def test_the_thread_list_shows_tags_and_filters_by_one(client, leader, troubleshooting, post_thread):
    post_thread(author=leader, space=troubleshooting, title="Room bookings", tags="venues")
    post_thread(author=leader, space=troubleshooting, title="Phone banks", tags="calls")
    client.force_login(leader)
    page = client.get(troubleshooting.get_absolute_url()).content.decode()
    assert 'href="?tag=venues"' in page
    filtered = client.get(troubleshooting.get_absolute_url(), {"tag": "venues"}).content.decode()
    assert "Room bookings" in filtered and "Phone banks" not in filtered
