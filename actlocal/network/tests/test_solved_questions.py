"""The asker marks a question solved; the accepted answer is shown first and its author is told."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.network import services
from actlocal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def question(leader, troubleshooting, post_thread, marco, priya):
    thread = post_thread(author=leader, space=troubleshooting)
    first = services.reply_create(author=priya, thread=thread, body="First answer: call the church.")
    best = services.reply_create(author=marco, thread=thread, body="Best answer: book the library early.")
    return thread, first, best


def test_the_asker_accepts_an_answer_and_it_is_shown_first(
    client, leader, question, django_capture_on_commit_callbacks
):
    thread, _first, best = question
    client.force_login(leader)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:thread_solve", args=[thread.space.slug, thread.pk]), {"reply": best.pk}
        )
    assert response.status_code == 302
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "Accepted answer" in page
    assert page.index("Best answer") < page.index("First answer")
    assert page.count("Best answer") == 1  # shown once, first, not again in the list
    assert Notification.objects.filter(recipient=best.author, kind="thread.solved").count() == 1


def test_the_list_shows_a_solved_badge(client, leader, question):
    thread, _first, best = question
    services.thread_solve(actor=leader, thread=thread, reply=best)
    client.force_login(leader)
    assert "Solved" in client.get(thread.space.get_absolute_url()).content.decode()


def test_someone_else_cannot_mark_the_question_solved(client, marco, question):
    thread, first, _best = question
    client.force_login(marco)
    client.post(reverse("network:thread_solve", args=[thread.space.slug, thread.pk]), {"reply": first.pk})
    thread.refresh_from_db()
    assert thread.solved_at is None


def test_the_asker_can_reopen_the_question(client, leader, question):
    thread, _first, best = question
    services.thread_solve(actor=leader, thread=thread, reply=best)
    client.force_login(leader)
    client.post(reverse("network:thread_solve", args=[thread.space.slug, thread.pk]), {"action": "unsolve"})
    thread.refresh_from_db()
    assert thread.solved_at is None and thread.accepted_reply is None


def test_a_discussion_cannot_be_marked_solved(leader, marco, troubleshooting, post_thread):
    from django.core.exceptions import ValidationError

    thread = post_thread(author=leader, space=troubleshooting, kind="discussion")
    reply = services.reply_create(author=marco, thread=thread, body="ok")
    with pytest.raises(ValidationError):
        services.thread_solve(actor=leader, thread=thread, reply=reply)


def test_a_reply_from_another_thread_cannot_be_accepted(
    client, leader, marco, troubleshooting, post_thread, question
):
    thread, *_ = question
    other = post_thread(author=marco, space=troubleshooting, title="Other")
    foreign = services.reply_create(author=leader, thread=other, body="elsewhere")
    client.force_login(leader)
    response = client.post(
        reverse("network:thread_solve", args=[thread.space.slug, thread.pk]), {"reply": foreign.pk}
    )
    assert response.status_code == 404
