"""A thread page runs the same number of SQL queries however many replies it shows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actlocal.network.models import Reply, Thread

pytestmark = pytest.mark.django_db


def _thread_with(n: int, *, space, authors) -> Thread:
    thread = Thread.objects.create(
        space=space, author=authors[0], kind="question", title=f"{n} replies", body="q", body_html="<p>q</p>"
    )
    now = timezone.now()
    Reply.objects.bulk_create(
        Reply(
            thread=thread,
            author=authors[i % len(authors)],
            body=f"r{i}",
            body_html=f"<p>r{i}</p>",
            created_at=now,
        )
        for i in range(n)
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=n, accepted_reply=Reply.objects.filter(thread=thread).first()
    )
    return thread


def _queries(client, thread) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(thread.get_absolute_url()).status_code == 200
    return len(ctx.captured_queries)


def test_the_query_count_does_not_grow_with_replies(client, leader, marco, priya, troubleshooting):
    client.force_login(leader)
    small = _thread_with(3, space=troubleshooting, authors=[leader, marco])
    large = _thread_with(50, space=troubleshooting, authors=[leader, marco, priya])
    assert _queries(client, small) == _queries(client, large)
