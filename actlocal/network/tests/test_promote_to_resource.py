"""A moderator turns a helpful thread into a resource; it waits in the directory's review queue."""

from __future__ import annotations

import pytest
from django.urls import reverse

from actlocal.directory.models import Resource

pytestmark = pytest.mark.django_db


def test_a_moderator_promotes_a_thread_into_the_review_queue(
    client, moderator, leader, troubleshooting, post_thread
):
    thread = post_thread(author=leader, space=troubleshooting, title="Booking venues: a checklist")
    client.force_login(moderator)
    response = client.post(
        reverse("network:thread_promote", args=[troubleshooting.slug, thread.pk]), {"kind": "guide"}
    )
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.status == Resource.Status.PENDING and resource.title == thread.title
    assert resource.url.endswith(thread.get_absolute_url())
    thread.refresh_from_db()
    assert thread.resource == resource
    assert "in the resource directory" in client.get(thread.get_absolute_url()).content.decode()


def test_a_member_cannot_promote(client, marco, leader, troubleshooting, post_thread):
    thread = post_thread(author=leader, space=troubleshooting)
    client.force_login(marco)
    response = client.post(
        reverse("network:thread_promote", args=[troubleshooting.slug, thread.pk]), {"kind": "guide"}
    )
    assert response.status_code == 404 and not Resource.objects.exists()


def test_an_invite_only_spaces_thread_stays_in_it(client, staff, priya, circle, post_thread):
    thread = post_thread(author=priya, space=circle)
    client.force_login(staff)
    response = client.post(
        reverse("network:thread_promote", args=[circle.slug, thread.pk]), {"kind": "guide"}
    )
    assert response.status_code == 200 and "stay in that space" in response.content.decode()
    assert not Resource.objects.exists()
