"""Queued e-mail is sent after commit, never for a rolled-back write, and retried when sending fails."""

from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction

from actlocal.core.emails import MAX_ATTEMPTS, email_builder, queue_email


@email_builder("test.hello")
def build_hello(object_id: int):
    if object_id < 0:
        return None
    return EmailMessage(subject=f"Hello {object_id}", body="Hi", to=["someone@example.org"])


@pytest.mark.django_db(transaction=True)
def test_mail_is_sent_only_when_the_write_commits():
    with transaction.atomic():
        queue_email("test.hello", 1)
        assert mail.outbox == []
    assert [m.subject for m in mail.outbox] == ["Hello 1"]

    with pytest.raises(RuntimeError), transaction.atomic():
        queue_email("test.hello", 2)
        raise RuntimeError("rolled back")
    assert [m.subject for m in mail.outbox] == ["Hello 1"]


@pytest.mark.django_db(transaction=True)
def test_a_failed_send_is_retried_until_it_goes_through():
    real_send = EmailMessage.send
    calls = {"n": 0}

    def flaky(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] < 3:
            raise OSError("SMTP server unreachable")
        return real_send(self, fail_silently=fail_silently)

    with mock.patch.object(EmailMessage, "send", flaky):
        queue_email("test.hello", 7)
    assert calls["n"] == 3
    assert [m.subject for m in mail.outbox] == ["Hello 7"]


@pytest.mark.django_db(transaction=True)
def test_a_send_that_never_works_gives_up_after_the_last_attempt():
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("down")) as send:
        queue_email("test.hello", 8)
    assert send.call_count == MAX_ATTEMPTS


@pytest.mark.django_db(transaction=True)
def test_a_builder_can_decide_the_mail_no_longer_applies():
    queue_email("test.hello", -1)
    assert mail.outbox == []


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(KeyError, match="no e-mail builder"):
        queue_email("test.nope", 1)


AFTER_SEND: list[int] = []


@email_builder("test.recorded")
def build_recorded(object_id: int):
    message = EmailMessage(subject=f"Recorded {object_id}", body="Hi", to=["someone@example.org"])
    message.after_send = lambda: AFTER_SEND.append(object_id)
    return message


@pytest.mark.django_db(transaction=True)
def test_after_send_runs_once_and_only_after_the_server_accepted_the_mail():
    AFTER_SEND.clear()
    real_send = EmailMessage.send
    calls = {"n": 0}

    def flaky(self, fail_silently=False):
        calls["n"] += 1
        if calls["n"] == 1:
            raise OSError("SMTP server unreachable")
        return real_send(self, fail_silently=fail_silently)

    with mock.patch.object(EmailMessage, "send", flaky):
        queue_email("test.recorded", 3)
    assert calls["n"] == 2
    assert AFTER_SEND == [3]
