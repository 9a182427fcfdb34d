"""Replies and @mentions notify only people who may read the space; the author learns which names were
not linked, with the same words whether the person does not exist or may not see the space."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.network import services
from actlocal.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_a_mention_of_a_member_notifies_them_and_is_highlighted(
    client, leader, marco, troubleshooting, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:thread_new", args=[troubleshooting.slug]),
            {"kind": "question", "title": "Venues", "body": "@marco.ruiz how did you do it?"},
        )
    notification = Notification.objects.get(recipient=marco)
    assert notification.kind == "thread.mention" and "how did you do it" in notification.excerpt
    page = client.get(notification.url).content.decode()
    assert '<strong class="mention">@marco.ruiz</strong>' in page


def test_a_mention_of_someone_who_cannot_see_the_space_notifies_nobody_and_the_author_is_told(
    client, leader, outsider, troubleshooting, django_capture_on_commit_callbacks
):
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:thread_new", args=[troubleshooting.slug]),
            {"kind": "discussion", "title": "Hello", "body": "Ping @otto.outsider and @nobody.here"},
            follow=True,
        )
    page = response.content.decode()
    assert "These names were not linked and nobody was notified: @otto.outsider, @nobody.here" in page
    assert not Notification.objects.exists()
    assert 'class="mention"' not in page


def test_a_reply_notifies_the_asker_and_earlier_repliers_but_not_the_replier(
    leader, marco, priya, troubleshooting, post_thread, django_capture_on_commit_callbacks
):
    thread = post_thread(author=leader, space=troubleshooting)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=priya, thread=thread, body="One idea")
        services.reply_create(author=marco, thread=thread, body="Another idea")
    kinds = sorted(Notification.objects.values_list("recipient__name", "kind"))
    assert kinds == [
        ("Lena Leader", "thread.reply"),
        ("Lena Leader", "thread.reply"),
        ("Priya Shah", "thread.reply"),
    ]


def test_someone_mentioned_in_a_reply_gets_one_mention_not_also_a_reply_notice(
    leader, marco, troubleshooting, post_thread, django_capture_on_commit_callbacks
):
    thread = post_thread(author=leader, space=troubleshooting)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=marco, thread=thread, body="@lena.leader try this")
    assert list(Notification.objects.values_list("kind", flat=True)) == ["thread.mention"]


def test_a_participant_who_lost_access_is_no_longer_notified(
    leader, priya, circle, post_thread, django_capture_on_commit_callbacks
):
    from actlocal.network.models import SpaceMembership

    thread = post_thread(author=priya, space=circle)
    SpaceMembership.objects.filter(user=priya).delete()
    circle_member = leader
    SpaceMembership.objects.create(space=circle, user=circle_member)
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_create(author=circle_member, thread=thread, body="Answer")
    assert not Notification.objects.filter(recipient=priya).exists()
