"""Leaders start threads and answer them through the pages; refusals say why and keep the text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.core.audit import audit_trail
from actlocal.network.models import Reply, Thread

pytestmark = pytest.mark.django_db


def test_a_leader_starts_a_thread_with_markdown_and_tags(client, leader, troubleshooting):
    client.force_login(leader)
    response = client.post(
        reverse("network:thread_new", args=[troubleshooting.slug]),
        {
            "kind": "question",
            "title": "Room bookings keep falling through",
            "body": "Any **tips**?",
            "tags": "venues, Logistics",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302 and response["Location"] == thread.get_absolute_url()
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "<strong>tips</strong>" in page
    assert sorted(t.slug for t in thread.tags.all()) == ["logistics", "venues"]
    assert audit_trail(thread).filter(action="thread.create", actor=leader).exists()


def test_the_thread_list_shows_pinned_first_then_latest_activity(
    client, leader, troubleshooting, post_thread
):
    old = post_thread(author=leader, space=troubleshooting, title="Older thread")
    new = post_thread(author=leader, space=troubleshooting, title="Newer thread")
    Thread.objects.filter(pk=old.pk).update(is_pinned=True)
    client.force_login(leader)
    page = client.get(troubleshooting.get_absolute_url()).content.decode()
    assert page.index("Older thread") < page.index("Newer thread")
    assert new.title in page


def test_a_reply_updates_the_thread_counters(client, leader, marco, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting)
    client.force_login(marco)
    response = client.post(
        reverse("network:reply", args=[troubleshooting.slug, thread.pk]), {"body": "Book the library."}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.reply_count == 1 and thread.last_reply_by == marco
    assert "Book the library." in client.get(thread.get_absolute_url()).content.decode()


def test_replying_to_a_locked_thread_is_refused_with_a_message_and_the_text_kept(
    client, leader, marco, troubleshooting, post_thread
):
    thread = post_thread(author=leader, space=troubleshooting)
    Thread.objects.filter(pk=thread.pk).update(is_locked=True)
    client.force_login(marco)
    response = client.post(
        reverse("network:reply", args=[troubleshooting.slug, thread.pk]), {"body": "My careful answer"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "This thread is locked" in page
    assert not Reply.objects.exists()


def test_a_one_megabyte_body_is_refused_with_a_clear_message(client, leader, troubleshooting):
    client.force_login(leader)
    response = client.post(
        reverse("network:thread_new", args=[troubleshooting.slug]),
        {"kind": "discussion", "title": "Long", "body": "a" * (1024 * 1024)},
    )
    assert response.status_code == 400
    assert "at most 20000 characters" in response.content.decode()
    assert not Thread.objects.exists()


def test_a_body_of_invisible_characters_is_refused(client, leader, troubleshooting):
    client.force_login(leader)
    response = client.post(
        reverse("network:thread_new", args=[troubleshooting.slug]),
        {"kind": "discussion", "title": "\u200b\u202e", "body": "\u200b\u200b \ufeff"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give your thread a title." in page and "the message is empty" in page


def test_right_to_left_overrides_are_removed_from_titles(client, leader, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting, title="invoice\u202egnp.exe")
    assert thread.title == "invoicegnp.exe"


def test_an_outsider_cannot_start_a_thread(client, outsider, public_space):
    client.force_login(outsider)
    response = client.post(
        reverse("network:thread_new", args=[public_space.slug]),
        {"kind": "discussion", "title": "Hi", "body": "Hello"},
    )
    assert "Only network members can post" in response.content.decode()
    assert not Thread.objects.exists()


def test_the_public_reads_a_public_space_but_is_asked_to_sign_in_to_reply(
    client, leader, public_space, post_thread
):
    thread = post_thread(author=leader, space=public_space)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert thread.title in page and "Sign in to take part." in page
    response = client.post(reverse("network:reply", args=[public_space.slug, thread.pk]), {"body": "hi"})
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_honeypot_saves_nothing(client, leader, troubleshooting):
    client.force_login(leader)
    response = client.post(
        reverse("network:thread_new", args=[troubleshooting.slug]),
        {"kind": "discussion", "title": "Spam", "body": "Buy now", "website": "http://spam.example"},
    )
    assert response.status_code == 302
    assert not Thread.objects.exists()


def test_posts_never_show_an_authors_email_address(client, marco, troubleshooting, post_thread, db):
    from conftest import make_user

    nameless = make_user("hidden-address@actlocal.test", name="", is_member=True)
    thread = post_thread(author=nameless, space=troubleshooting)
    client.force_login(marco)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "hidden-address@" not in page and "A leader" in page
