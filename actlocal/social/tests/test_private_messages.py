"""Two leaders write to each other privately: in the app and by e-mail from the site, with no address
revealed; only the two of them can read the conversation."""

from django.core import mail
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.social.models import Conversation, Message

NEW = reverse("social:message_new")


def _write(client, post, sender, person, body="Can you share your canvass script?"):
    client.force_login(sender)
    return post(f"{NEW}?to={person.pk}", {"body": body})


def test_a_leader_writes_to_another_and_she_gets_it_in_the_app_and_by_email(client, post, lena, gabe):
    client.force_login(gabe.user)
    page = client.get(f"{NEW}?to={lena.pk}")
    assert page.status_code == 200 and "Write to Lena Leader" in page.text and lena.email not in page.text
    response = post(f"{NEW}?to={lena.pk}", {"body": "Can you share your canvass script?"})
    conversation = Conversation.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "social:conversation", args=[conversation.pk]
    )
    [email] = mail.outbox
    assert email.to == [lena.user.email]
    everything = email.subject + email.body + email.from_email + str(email.extra_headers)
    assert "Gabe Organizer" in email.subject and "Can you share your canvass script?" in email.body
    assert gabe.user.email not in everything and "gabe@" not in everything and email.reply_to == []
    assert reverse("social:conversation", args=[conversation.pk]) in email.body
    assert "List-Unsubscribe" in email.extra_headers
    assert audit_trail(Message.objects.get()).filter(action="message.send").exists()

    client.force_login(lena.user)
    assert "1 unread" in client.get(reverse("notifications:inbox")).text
    inbox = client.get(reverse("social:inbox"))
    assert "Gabe Organizer" in inbox.text and "Unread" in inbox.text
    thread = client.get(reverse("social:conversation", args=[conversation.pk]))
    assert "Can you share your canvass script?" in thread.text and gabe.user.email not in thread.text
    assert "Unread" not in client.get(reverse("social:inbox")).text
    assert "0 unread" in client.get(reverse("notifications:inbox")).text


def test_a_reply_goes_into_the_same_conversation(client, post, lena, gabe):
    _write(client, post, gabe.user, lena)
    conversation = Conversation.objects.get()
    client.force_login(lena.user)
    mail.outbox.clear()
    post(reverse("social:conversation", args=[conversation.pk]), {"body": "Sure, here it is."})
    [email] = mail.outbox
    assert email.to == [gabe.user.email] and "Lena Leader" in email.subject and lena.email not in email.body
    _write(client, post, gabe.user, lena, body="Thanks!")
    assert Conversation.objects.count() == 1 and Message.objects.count() == 3


def test_nobody_else_can_open_the_conversation_not_even_staff(
    client, post, lena, gabe, mara, staff, outsider
):
    _write(client, post, gabe.user, lena)
    url = reverse("social:conversation", args=[Conversation.objects.get().pk])
    for intruder in (mara.user, staff, outsider):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "let me in"}).status_code == 404
        assert "Gabe" not in client.get(reverse("social:inbox")).text
    assert Message.objects.count() == 1
    client.logout()
    assert client.get(url).status_code == 302


def test_an_empty_or_invisible_message_is_refused_with_a_clear_message(client, post, lena, gabe):
    client.force_login(gabe.user)
    for body in ["", "   ", "\u200b\u200b\u2060"]:
        response = post(f"{NEW}?to={lena.pk}", {"body": body})
        assert response.status_code == 400
        assert "Write a message before sending." in response.text
    assert not Message.objects.exists()


def test_a_one_megabyte_message_is_refused_and_the_text_is_kept(client, post, lena, gabe):
    client.force_login(gabe.user)
    body = "Organizing notes. " + "x" * (1024 * 1024)
    response = post(f"{NEW}?to={lena.pk}", {"body": body})
    assert response.status_code == 400
    assert "at most 5000 characters" in response.text
    assert "Organizing notes. xxxx" in response.text
    assert not Message.objects.exists()


def test_right_to_left_overrides_are_removed_and_line_breaks_kept(client, post, lena, gabe):
    _write(client, post, gabe.user, lena, body="first line\u202eevil\nsecond line")
    message = Message.objects.get()
    assert message.body == "first lineevil\nsecond line"
    client.force_login(lena.user)
    page = client.get(reverse("social:conversation", args=[message.conversation_id]))
    assert "first lineevil<br>second line" in page.text


def test_the_inbox_costs_the_same_queries_for_one_conversation_or_many(client, lena, gabe):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actlocal.social.services import conversation_start

    from .leaders import make_member_leader

    conversation_start(sender=gabe.user, recipients=[lena], body="first")
    client.force_login(lena.user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("social:inbox")).status_code == 200
        return len(captured)

    one = queries()
    for i in range(5):
        writer = make_member_leader(f"w{i}@actlocal.test", f"Writer{i}")
        conversation_start(sender=writer.user, recipients=[lena], body=f"hello {i}")
    assert queries() == one
