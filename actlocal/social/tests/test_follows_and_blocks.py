"""Following a leader or a group, and blocking someone."""

from django.urls import reverse

from actlocal.notifications.models import Notification
from actlocal.social.models import Block, Connection, Follow


def test_a_leader_follows_another_and_she_is_told(client, lena, gabe, django_capture_on_commit_callbacks):
    client.force_login(gabe.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("social:follow", args=[lena.pk]), follow=True)
    assert "You follow this leader now." in response.text
    assert Follow.objects.filter(follower=gabe.user, person=lena).exists()
    notification = Notification.objects.get(recipient=lena.user, kind="follow.new")
    assert notification.title == "Gabe Organizer started following you"
    assert "Lena Leader" in client.get(reverse("social:connections")).text
    client.post(reverse("social:unfollow", args=[lena.pk]))
    assert not Follow.objects.exists()


def test_a_leader_follows_a_partner_group(client, gabe, partner_group):
    client.force_login(gabe.user)
    client.post(reverse("social:group_follow", args=[partner_group.slug]))
    assert Follow.objects.filter(follower=gabe.user, group=partner_group).exists()
    assert "Madison Neighbors United" in client.get(reverse("social:connections")).text
    client.post(reverse("social:group_unfollow", args=[partner_group.slug]))
    assert not Follow.objects.exists()


def test_blocking_ends_follows_and_requests_and_stops_new_ones(client, lena, gabe):
    Follow.objects.create(follower=gabe.user, person=lena)
    Connection.objects.create(from_user=gabe.user, to_user=lena.user)
    client.force_login(lena.user)
    page = client.get(reverse("social:person", args=[gabe.pk]))
    assert "Block" in page.text
    response = client.post(reverse("social:block", args=[gabe.pk]), follow=True)
    assert "Blocked." in response.text
    assert Block.objects.filter(blocker=lena.user, blocked=gabe.user).exists()
    assert not Follow.objects.exists() and Connection.objects.get().status == "withdrawn"
    client.force_login(gabe.user)
    response = client.post(reverse("social:follow", args=[lena.pk]), follow=True)
    assert "You can’t follow this person." in response.text and not Follow.objects.exists()
    client.force_login(lena.user)
    assert "People you blocked" in client.get(reverse("social:connections")).text
    client.post(reverse("social:unblock", args=[gabe.pk]))
    assert not Block.objects.exists()


def test_nobody_blocks_themselves_and_outsiders_cannot_block(client, lena, outsider):
    client.force_login(lena.user)
    response = client.post(reverse("social:block", args=[lena.pk]), follow=True)
    assert "This is your own profile." in response.text and not Block.objects.exists()
    client.force_login(outsider)
    assert client.post(reverse("social:block", args=[lena.pk])).status_code == 404


def test_the_public_is_sent_to_sign_in(client, lena):
    for name in ("follow", "block", "connection_request"):
        assert client.post(reverse(f"social:{name}", args=[lena.pk])).status_code == 302
    assert not Follow.objects.exists() and not Block.objects.exists()
