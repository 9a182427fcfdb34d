"""A member who is not in a private space learns nothing of it: not from its URLs (404, not 403, so even
its existence stays hidden), the space list, search, mentions or notifications."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from actlocal.network import services
from actlocal.notifications.models import Notification

pytestmark = pytest.mark.django_db

SECRET = "zanzibarplan"


def _png() -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (2, 2)).save(out, format="PNG")
    return SimpleUploadedFile("plan.png", out.getvalue(), content_type="image/png")


@pytest.fixture
def secret_thread(priya, circle, marco, django_capture_on_commit_callbacks):
    from actlocal.network.models import SpaceMembership

    SpaceMembership.objects.create(space=circle, user=marco)
    with django_capture_on_commit_callbacks(execute=True):
        thread = services.thread_create(
            author=priya, space=circle, title=f"The {SECRET} meeting", body=f"Details of {SECRET} @lena.leader",
            kind="question", files=[_png()],
        )  # fmt: skip
        reply = services.reply_create(author=marco, thread=thread, body=f"More on {SECRET} @lena.leader")
    thread.first_reply = reply
    return thread


def _urls(thread) -> list[tuple[str, str]]:
    slug, pk = thread.space.slug, thread.pk
    attachment = thread.attachments.first()
    return [
        ("get", reverse("network:space", args=[slug])),
        ("get", reverse("network:thread_new", args=[slug])),
        ("get", reverse("network:space_settings", args=[slug])),
        ("get", reverse("network:thread", args=[slug, pk])),
        ("get", reverse("network:thread", args=["troubleshooting", pk])),  # a public slug, a secret id
        ("get", reverse("network:thread_edit", args=[slug, pk])),
        ("get", reverse("network:report", args=[slug, pk])),
        ("get", reverse("network:thread_move", args=[slug, pk])),
        ("get", reverse("network:thread_promote", args=[slug, pk])),
        ("get", reverse("network:attachment", args=[attachment.pk])),
        ("post", reverse("network:reply", args=[slug, pk])),
        ("post", reverse("network:thread_solve", args=[slug, pk])),
        ("post", reverse("network:thread_moderate", args=[slug, pk])),
    ]


def test_every_url_of_a_private_space_is_a_404_for_a_member_outside_it(
    client, leader, secret_thread, troubleshooting
):
    client.force_login(leader)
    for method, url in _urls(secret_thread):
        response = getattr(client, method)(
            url, {"body": "x", "reply": secret_thread.first_reply.pk, "action": "hide"}
        )
        assert response.status_code == 404, url
        assert SECRET not in response.content.decode()


def test_every_url_of_a_private_space_is_a_404_for_the_public(client, secret_thread):
    for method, url in _urls(secret_thread):
        response = getattr(client, method)(url)
        assert response.status_code in (404, 302), url  # sign-in pages redirect, revealing nothing
        if response.status_code == 302:
            assert "login" in response["Location"]


def test_the_private_space_is_not_listed_nor_counted(client, leader, secret_thread):
    client.force_login(leader)
    page = client.get(reverse("network:index")).content.decode()
    assert "Organizers circle" not in page


def test_search_finds_nothing_of_a_private_space(client, leader, priya, secret_thread):
    client.force_login(leader)
    page = client.get(reverse("network:thread_search"), {"q": SECRET}).content.decode()
    assert "0 threads found" in page and "meeting" not in page
    client.force_login(priya)
    assert "1 thread found" in client.get(reverse("network:thread_search"), {"q": SECRET}).content.decode()


def test_mentions_in_a_private_space_notify_no_one_outside_it(leader, priya, secret_thread):
    assert not Notification.objects.filter(recipient=leader).exists()
    assert secret_thread.unlinked_mentions == ["lena.leader"]
    assert "@lena.leader" in secret_thread.body_html and 'class="mention"' not in secret_thread.body_html


def test_notifications_inside_the_space_reach_only_its_members(priya, marco, leader, secret_thread):
    recipients = set(Notification.objects.values_list("recipient__email", flat=True))
    assert recipients == {"priya@actlocal.test"}  # Marco's reply told the asker; nobody outside


def test_a_member_removed_from_the_space_loses_access(client, priya, staff, secret_thread):
    services.space_member_remove(actor=staff, space=secret_thread.space, user=priya)
    client.force_login(priya)
    assert client.get(secret_thread.get_absolute_url()).status_code == 404


def test_staff_see_the_private_space(client, staff, secret_thread):
    client.force_login(staff)
    assert client.get(secret_thread.get_absolute_url()).status_code == 200


def test_a_hidden_thread_is_a_404_for_members_but_not_for_its_moderators(
    client, leader, moderator, troubleshooting, post_thread
):
    thread = post_thread(author=leader, space=troubleshooting)
    services.post_hide(actor=moderator, thread=thread)
    client.force_login(leader)
    assert client.get(thread.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    assert client.get(thread.get_absolute_url()).status_code == 200


def test_a_thread_moved_into_a_private_space_is_a_404_at_its_old_address(
    client, leader, staff, troubleshooting, circle, post_thread
):
    thread = post_thread(author=leader, space=troubleshooting, title="Moving soon")
    old_url = thread.get_absolute_url()
    services.thread_move(actor=staff, thread=thread, space=circle)
    client.force_login(leader)
    response = client.get(old_url)
    assert response.status_code == 404 and "Moving soon" not in response.content.decode()


def test_reply_words_of_a_private_space_are_not_found_either(client, leader, secret_thread):
    client.force_login(leader)
    page = client.get(reverse("network:thread_search"), {"q": "more " + SECRET}).content.decode()
    assert "0 threads found" in page


def test_who_may_be_notified_is_exactly_who_may_read_the_space(db):
    """The space rule is asked two ways: the spaces a user may read (pages, search) and, for a mention or a
    reply, the users who may read a space. Both must name the same active people for every kind of space
    and user, or a notification could tell someone of a thread they cannot open."""
    from actlocal.network.models import Space, SpaceMembership
    from actlocal.network.selectors import user_can_see_space, users_who_can_see_space
    from conftest import make_user

    users = {
        "visitor": make_user("v@actlocal.test", name="Vi Sitor"),
        "member": make_user("m@actlocal.test", name="Mem Ber", is_member=True),
        "staff": make_user("s@actlocal.test", name="Sta Ff", is_staff=True),
        "invited visitor": make_user("iv@actlocal.test", name="In Vited"),
        "invited member": make_user("im@actlocal.test", name="In Member", is_member=True),
        "inactive member": make_user("x@actlocal.test", name="Ex Member", is_member=True, is_active=False),
        "inactive invited": make_user("xi@actlocal.test", name="Ex Invited", is_active=False),
    }
    seen = set()
    for access in Space.Access.values:
        space = Space.objects.create(name=access, slug=f"rule-{access}", kind=Space.Kind.TOPIC, access=access)
        for name in ("invited visitor", "invited member", "inactive invited"):
            SpaceMembership.objects.create(space=space, user=users[name])
        # A deactivated account reads a public space as any visitor does, but is never notified.
        readers = {u.pk for u in users.values() if u.is_active and user_can_see_space(user=u, space=space)}
        notified = {
            u.pk for u in users_who_can_see_space(space=space, user_ids=[u.pk for u in users.values()])
        }
        assert notified == readers, access
        seen.add(frozenset(readers))
    # The three kinds of space admit three different sets of people, so the comparison above compared
    # something in each case.
    assert len(seen) == len(Space.Access.values) == 3
