"""Who may not write, and the clear message each gets: someone blocked, a suspended member, a visitor
without a leader profile, a leader without an account, too many messages at once."""

import pytest
from django.urls import reverse

from actlocal.social.models import Message
from actlocal.social.services import block_create

from .leaders import make_leader

NEW = reverse("social:message_new")


def test_someone_who_was_blocked_gets_a_neutral_message_and_nothing_is_sent(client, post, lena, gabe):
    block_create(blocker=lena.user, person=gabe)
    client.force_login(gabe.user)
    page = client.get(f"{NEW}?to={lena.pk}")
    assert page.status_code == 403
    assert "You can’t send messages or requests to this person." in page.text
    assert "blocked" not in page.text.lower().split("you can’t send")[1][:80]
    response = post(f"{NEW}?to={lena.pk}", {"body": "Hello?"})
    assert response.status_code == 403 and not Message.objects.exists()


def test_a_block_also_stops_replies_in_an_existing_conversation(client, post, lena, gabe):
    client.force_login(gabe.user)
    post(f"{NEW}?to={lena.pk}", {"body": "Hi Lena"})
    conversation = Message.objects.get().conversation
    block_create(blocker=lena.user, person=gabe)
    response = post(reverse("social:conversation", args=[conversation.pk]), {"body": "Hello again"})
    assert response.status_code == 403
    assert "You can’t send messages in this conversation." in response.text
    assert "Hello again" in response.text  # what was typed is kept
    assert Message.objects.count() == 1


def test_a_suspended_member_cannot_send(client, post, lena, gabe, staff):
    from actlocal.network.services.moderation import member_suspend

    member_suspend(actor=staff, user=gabe.user, reason="Spam")
    client.force_login(gabe.user)
    response = post(f"{NEW}?to={lena.pk}", {"body": "Buy now"})
    assert response.status_code == 403 and "suspended" in response.text
    assert not Message.objects.exists()


def test_a_member_without_a_leader_profile_is_asked_to_create_one(client, post, lena, staff):
    client.force_login(staff)
    response = post(f"{NEW}?to={lena.pk}", {"body": "Hello"})
    assert response.status_code == 403 and "Create your leader profile first" in response.text


def test_an_outsider_cannot_find_or_write_to_leaders(client, post, lena, outsider):
    client.force_login(outsider)
    assert client.get(f"{NEW}?to={lena.pk}").status_code == 404  # members-only name: no such leader for her
    assert not Message.objects.exists()


def test_a_leader_without_an_account_is_offered_the_email_contact_instead(client, lena, gabe):
    unclaimed = make_leader(None, first_name="Nora", last_name="Noaccount", email="nora@example.org")
    client.force_login(gabe.user)
    page = client.get(f"{NEW}?to={unclaimed.pk}")
    assert page.status_code == 403
    assert "no ActLocal account yet" in page.text
    assert reverse("directory:leader_contact", args=[unclaimed.pk]) in page.text
    assert "nora@example.org" not in page.text


def test_an_unlisted_leader_cannot_be_written_to(client, lena, gabe):
    lena.listed = False
    lena.save()
    client.force_login(gabe.user)
    assert client.get(f"{NEW}?to={lena.pk}").status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999"])
def test_a_bad_recipient_is_not_found_or_sent_back(client, gabe, bad):
    client.force_login(gabe.user)
    response = client.get(f"{NEW}?to={bad}")
    assert response.status_code in (302, 404)


def test_messaging_is_rate_limited_and_the_text_is_kept(client, post, lena, gabe):
    from actlocal.social.services.messages import MESSAGES_PER_WINDOW

    client.force_login(gabe.user)
    for i in range(MESSAGES_PER_WINDOW):
        assert post(f"{NEW}?to={lena.pk}", {"body": f"message {i}"}).status_code == 302
    response = post(f"{NEW}?to={lena.pk}", {"body": "one too many"})
    assert response.status_code == 429
    assert "Please wait a few minutes" in response.text and "one too many" in response.text
    assert Message.objects.count() == MESSAGES_PER_WINDOW


def test_a_leader_who_takes_no_messages_through_actlocal_is_not_written_to(client, post, lena, gabe):
    lena.contact_via_platform = False
    lena.save()
    client.force_login(gabe.user)
    response = post(f"{NEW}?to={lena.pk}", {"body": "Hello"})
    assert response.status_code == 403
    assert "This leader does not take messages through ActLocal." in response.text
    assert not Message.objects.exists()
