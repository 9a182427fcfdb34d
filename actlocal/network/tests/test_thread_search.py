"""Full-text search over the threads the reader may see, and their replies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.network import services

pytestmark = pytest.mark.django_db


def _search(client, q: str) -> str:
    return client.get(reverse("network:thread_search"), {"q": q}).content.decode()


def test_search_finds_threads_by_words_in_title_and_body_and_by_prefix(
    client, leader, troubleshooting, post_thread
):
    post_thread(author=leader, space=troubleshooting, title="Canvassing in the rain", body="Bring ponchos.")
    post_thread(author=leader, space=troubleshooting, title="Fundraising basics", body="Ask early.")
    client.force_login(leader)
    assert "Canvassing in the rain" in _search(client, "ponchos")
    page = _search(client, "canvass")
    assert "Canvassing in the rain" in page and "Fundraising" not in page
    assert "1 thread found" in _search(client, "rain ponchos")


def test_search_words_are_never_query_syntax(client, leader, troubleshooting, post_thread):
    post_thread(author=leader, space=troubleshooting, title="Turnout", body="Door knocking works.")
    client.force_login(leader)
    for q in ['"door', "door*", "NEAR(door", "door OR", "-door", "door:", "^door", "' OR 1=1 --"]:
        response = client.get(reverse("network:thread_search"), {"q": q})
        assert response.status_code == 200, q


def test_hidden_threads_are_not_found(client, leader, moderator, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting, title="Spammy offer", body="cheap watches")
    services.post_hide(actor=moderator, thread=thread)
    client.force_login(leader)
    assert "0 threads found" in _search(client, "watches")


def test_an_edited_thread_is_found_by_its_new_words(client, leader, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting, title="Old title", body="original words")
    services.thread_edit(actor=leader, thread=thread, title="Fresh title", body="replacement text")
    client.force_login(leader)
    assert "0 threads found" in _search(client, "original")
    assert "Fresh title" in _search(client, "replacement")


def test_the_public_finds_only_public_space_threads(
    client, leader, public_space, troubleshooting, post_thread
):
    post_thread(author=leader, space=public_space, title="Open notes on turnout", body="turnout tips")
    post_thread(
        author=leader, space=troubleshooting, title="Members notes on turnout", body="turnout secrets"
    )
    page = _search(client, "turnout")
    assert "Open notes" in page and "Members notes" not in page


def test_words_in_a_reply_find_its_thread_after_threads_that_match_themselves(
    client, leader, marco, moderator, troubleshooting, post_thread
):
    asked = post_thread(author=leader, space=troubleshooting, title="Venue cancelled", body="Help?")
    services.reply_create(author=marco, thread=asked, body="The public library lends rooms.")
    post_thread(author=leader, space=troubleshooting, title="Library rooms", body="Which library branches?")
    client.force_login(leader)
    page = _search(client, "library")
    assert "2 threads found" in page and page.index("Library rooms") < page.index("Venue cancelled")
    hidden = services.reply_create(author=marco, thread=asked, body="secret zebra words")
    services.post_hide(actor=moderator, thread=asked, reply=hidden)
    assert "0 threads found" in _search(client, "zebra")


def test_a_very_common_word_shows_the_best_matches_and_asks_for_more_words(
    client, leader, troubleshooting, post_thread, monkeypatch
):
    from actlocal.network import search

    monkeypatch.setattr(search, "CANDIDATE_CAP", 2)
    for n in range(3):
        post_thread(author=leader, space=troubleshooting, title=f"Turnout idea {n}", body="turnout")
    client.force_login(leader)
    page = _search(client, "turnout")
    assert "More than 2 threads found" in page and "Add a word or two" in page
