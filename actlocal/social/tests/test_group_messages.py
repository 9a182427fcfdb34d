"""A small group conversation among one's connections."""

from django.core import mail
from django.urls import reverse

from actlocal.social.models import Connection, Conversation, Message

from .leaders import make_member_leader

NEW = reverse("social:message_new")


def _connect(a, b):
    Connection.objects.create(from_user=a.user, to_user=b.user, status=Connection.Status.ACCEPTED)


def test_a_leader_writes_to_several_connections_at_once(client, post, lena, gabe, mara):
    _connect(lena, gabe)
    _connect(mara, lena)
    client.force_login(lena.user)
    page = client.get(NEW)
    assert "Gabe Organizer" in page.text and "Mara Dallas" in page.text
    response = post(NEW, {"recipients": [gabe.pk, mara.pk], "body": "Shall we plan the training together?"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and conversation.is_group
    assert sorted(e.to[0] for e in mail.outbox) == sorted([gabe.user.email, mara.user.email])
    client.force_login(mara.user)
    thread = client.get(reverse("social:conversation", args=[conversation.pk]))
    assert "Shall we plan the training together?" in thread.text
    assert "Gabe Organizer" in thread.text and "Lena Leader" in thread.text


def test_only_connections_can_be_added_to_a_group(client, post, lena, gabe, mara):
    _connect(lena, gabe)
    client.force_login(lena.user)
    response = post(NEW, {"recipients": [gabe.pk, mara.pk], "body": "Hi all"})
    assert response.status_code == 400 and "Select a valid choice" in response.text
    assert "Hi all" in response.text and not Message.objects.exists()


def test_a_group_is_small(client, post, lena):
    people = [make_member_leader(f"p{i}@actlocal.test", f"Person{i}") for i in range(8)]
    for person in people:
        _connect(lena, person)
    client.force_login(lena.user)
    response = post(NEW, {"recipients": [p.pk for p in people], "body": "Everyone!"})
    assert response.status_code == 400
    assert "at most 7 people besides you" in response.text and not Message.objects.exists()


def test_someone_with_no_connections_is_told_how_to_find_some(client, lena):
    client.force_login(lena.user)
    assert "you have none yet" in client.get(NEW).text
