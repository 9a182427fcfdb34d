"""Posting is rate-limited per person, with a message that keeps the text; the limiter is shared."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.core.ratelimit import rate_limit_reset, rate_limited
from actlocal.network.models import Reply
from actlocal.network.services import _common

pytestmark = pytest.mark.django_db


def test_the_limiter_counts_within_a_window():
    assert [rate_limited("test:k", 3, 60) for _ in range(5)] == [False, False, False, True, True]
    rate_limit_reset("test:k")
    assert rate_limited("test:k", 3, 60) is False


def test_the_limiter_keeps_keys_apart():
    assert not rate_limited("test:a", 1, 60)
    assert not rate_limited("test:b", 1, 60)
    assert rate_limited("test:a", 1, 60)


def test_a_burst_of_replies_is_stopped_with_a_message_and_the_text_kept(
    client, leader, marco, troubleshooting, post_thread
):
    thread = post_thread(author=leader, space=troubleshooting)
    client.force_login(marco)
    url = reverse("network:reply", args=[troubleshooting.slug, thread.pk])
    for n in range(_common.REPLY_LIMIT):
        assert client.post(url, {"body": f"reply {n}"}).status_code == 302
    response = client.post(url, {"body": "one too many"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "You are posting very quickly" in page and "one too many" in page
    assert Reply.objects.count() == _common.REPLY_LIMIT


def test_reports_are_rate_limited(marco, leader, troubleshooting, post_thread):
    from django.core.exceptions import ValidationError

    from actlocal.network.services import report_create

    thread = post_thread(author=leader, space=troubleshooting)
    for _ in range(_common.REPORT_LIMIT):
        report_create(reporter=marco, thread=thread, reason="spam")
    with pytest.raises(ValidationError):
        report_create(reporter=marco, thread=thread, reason="spam")
