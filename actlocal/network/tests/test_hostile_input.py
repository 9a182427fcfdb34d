"""Every text field a person types into the network, filled with each hostile string, renders inert."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actlocal.core.tests.hostile_strings import HOSTILE_STRINGS, assert_inert
from actlocal.network import services
from actlocal.network.markdown import render_markdown
from actlocal.network.models import Report, Thread

pytestmark = pytest.mark.django_db


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_markdown_rendering_leaves_every_hostile_string_inert(text):
    html = render_markdown(text, mentions={"lena.leader"})
    assert_inert(html)
    assert "<script" not in html.lower()


def test_links_get_nofollow_ugc_and_only_safe_schemes():
    html = render_markdown("[ok](https://example.org) [bad](javascript:alert(1)) [mail](mailto:a@b.org)")
    assert 'href="https://example.org" rel="nofollow ugc noopener"' in html
    assert 'href="mailto:a@b.org"' in html
    assert 'href="javascript' not in html and "[bad](javascript:alert(1))" in html  # shown as text


def test_assert_inert_catches_live_markup():
    for live in (
        '<img src=x onerror="alert(1)">',
        "<script>alert(1)</script>",
        '<a href="javascript:x">',
        '<p style="x">',
    ):
        with pytest.raises(AssertionError):
            assert_inert(live)
    assert_inert("&lt;script&gt;alert(1)&lt;/script&gt;")


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_thread_reply_tag_and_report_fields_render_inert(client, text, leader, marco, staff, troubleshooting):
    from django.core.cache import cache

    cache.clear()  # each string posts again: the posting rate limit is tested on its own
    services.space_update(
        actor=staff,
        space=troubleshooting,
        name=("Space " + text)[:200],
        description=text[:2000],
        access="members",
    )
    thread = services.thread_create(
        author=leader, space=troubleshooting, title=("T " + text)[:200], body="Body " + text,
        kind="question", tags=[text[:30]],
        files=[SimpleUploadedFile((text[:60] or "x") + ".png", _png(), content_type="image/png")],
    )  # fmt: skip
    reply = services.reply_create(author=marco, thread=thread, body="Reply " + text)
    services.report_create(reporter=marco, thread=thread, reply=reply, reason=("Reason " + text)[:2000])
    for viewer, url in (
        (marco, troubleshooting.get_absolute_url()),
        (marco, thread.get_absolute_url()),
        (marco, reverse("network:index")),
        (marco, reverse("network:thread_search") + "?q=body"),
        (marco, reverse("network:thread_search") + "?" + urlencode({"q": text[:200]})),
        (staff, reverse("network:moderation")),
        (leader, reverse("network:thread_edit", args=[troubleshooting.slug, thread.pk])),
    ):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200, url
        assert_inert(response.content)
    assert Report.objects.count() == 1 and Thread.objects.count() == 1
