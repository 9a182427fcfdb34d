"""Done when (issue 5): two leaders in different states meet in the troubleshooting space; one asks, the
other answers, the first marks it solved, and both get the notifications they chose."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from actlocal.directory.models import Person
from actlocal.network.models import Thread
from actlocal.notifications.models import Notification
from actlocal.notifications.services import notification_preference_set

pytestmark = pytest.mark.django_db


def _mails_to(user) -> list:
    return [m for m in mail.outbox if user.email in m.to]


def test_a_question_asked_in_wisconsin_is_answered_from_texas_and_solved(
    client, leader, marco, troubleshooting, django_capture_on_commit_callbacks
):
    Person.objects.create(first_name="Lena", last_name="Leader", state="WI", zip_code="53703", user=leader)
    Person.objects.create(first_name="Marco", last_name="Ruiz", state="TX", zip_code="77002", user=marco)
    # What each chose: Lena hears about replies right away; Marco hears right away when his answer is
    # accepted, and wants no e-mail about replies (the inbox still shows them).
    notification_preference_set(user=leader, kind="thread.reply", delivery="instant")
    notification_preference_set(user=marco, kind="thread.solved", delivery="instant")
    notification_preference_set(user=marco, kind="thread.reply", delivery="off")

    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:thread_new", args=[troubleshooting.slug]),
            {"kind": "question", "title": "Our venue cancelled two days out", "body": "What do you do?"},
        )
    thread = Thread.objects.get()

    client.force_login(marco)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:reply", args=[troubleshooting.slug, thread.pk]), {"body": "Call the library."}
        )
    answer = thread.replies.get()
    assert Notification.objects.filter(recipient=leader, kind="thread.reply").count() == 1
    [reply_mail] = _mails_to(leader)
    assert "Our venue cancelled" in reply_mail.subject
    assert (
        "List-Unsubscribe" in reply_mail.extra_headers and "List-Unsubscribe-Post" in reply_mail.extra_headers
    )
    assert marco.email not in reply_mail.body  # the answerer's address is never revealed

    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("network:thread_solve", args=[troubleshooting.slug, thread.pk]), {"reply": answer.pk}
        )
        client.post(
            reverse("network:reply", args=[troubleshooting.slug, thread.pk]), {"body": "It worked, thanks!"}
        )
    thread.refresh_from_db()
    assert thread.solved_at is not None and thread.accepted_reply == answer

    assert Notification.objects.filter(recipient=marco, kind="thread.solved").count() == 1
    assert Notification.objects.filter(recipient=marco, kind="thread.reply").count() == 1  # in the inbox
    [solved_mail] = _mails_to(marco)  # and only the solved one by e-mail, as he chose
    assert "accepted" in solved_mail.subject
    assert leader.email not in solved_mail.body

    # Each sees it in their inbox page.
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert "New reply in “Our venue cancelled two days out”" in inbox
    client.force_login(marco)
    assert "Your answer was accepted" in client.get(reverse("notifications:inbox")).content.decode()
