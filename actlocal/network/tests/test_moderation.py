"""Reports reach the space's moderators; they hide, restore, lock, pin and move; staff suspend. Every
action is audit-logged, and members who are not moderators are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actlocal.core.audit import audit_trail
from actlocal.core.models import AuditEntry
from actlocal.network import selectors, services
from actlocal.network.models import Report, Thread
from actlocal.notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread(leader, troubleshooting, post_thread):
    return post_thread(author=leader, space=troubleshooting)


def test_a_report_reaches_the_moderators_queue_and_they_are_notified(
    client, marco, moderator, thread, django_capture_on_commit_callbacks
):
    reply = services.reply_create(author=thread.author, thread=thread, body="rude words")
    client.force_login(marco)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:report", args=[thread.space.slug, thread.pk]),
            {"reply": reply.pk, "reason": "Insulting"},
        )
    assert response.status_code == 302
    note = Notification.objects.get(kind="moderation.report")
    assert note.recipient == moderator and note.excerpt == "Insulting"
    client.force_login(moderator)
    page = client.get(reverse("network:moderation")).content.decode()
    assert "Insulting" in page and "rude words" in page


def test_a_moderator_hides_a_reported_reply_from_the_queue(client, marco, moderator, thread):
    reply = services.reply_create(author=thread.author, thread=thread, body="rude words")
    report = services.report_create(reporter=marco, thread=thread, reply=reply, reason="Insulting")
    client.force_login(moderator)
    client.post(reverse("network:report_decide", args=[report.pk]), {"action": "hide"})
    reply.refresh_from_db()
    report.refresh_from_db()
    assert reply.is_hidden and report.status == Report.Status.RESOLVED
    client.force_login(marco)
    page = client.get(thread.get_absolute_url()).content.decode()
    assert "rude words" not in page and "hidden by a moderator" in page
    assert audit_trail(reply).filter(action="post.hide", actor=moderator).exists()


def test_a_member_cannot_see_the_queue_or_moderate(client, marco, thread):
    client.force_login(marco)
    assert client.get(reverse("network:moderation")).status_code == 404
    response = client.post(
        reverse("network:thread_moderate", args=[thread.space.slug, thread.pk]), {"action": "lock"}
    )
    assert response.status_code == 404
    thread.refresh_from_db()
    assert not thread.is_locked


def test_a_moderator_of_one_space_cannot_moderate_another(
    client, moderator, leader, public_space, post_thread
):
    other = post_thread(author=leader, space=public_space)
    client.force_login(moderator)
    response = client.post(
        reverse("network:thread_moderate", args=[public_space.slug, other.pk]), {"action": "pin"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("lock", "is_locked", True), ("pin", "is_pinned", True), ("hide", "is_hidden", True)],
)
def test_moderator_actions_change_the_thread_and_are_logged(client, moderator, thread, action, field, value):
    client.force_login(moderator)
    client.post(reverse("network:thread_moderate", args=[thread.space.slug, thread.pk]), {"action": action})
    thread.refresh_from_db()
    assert getattr(thread, field) is value
    assert AuditEntry.objects.filter(
        action__startswith=f"{'post' if action == 'hide' else 'thread'}.{action}", actor=moderator
    ).exists()
    undo = {"lock": "unlock", "pin": "unpin", "hide": "restore"}[action]
    client.post(reverse("network:thread_moderate", args=[thread.space.slug, thread.pk]), {"action": undo})
    thread.refresh_from_db()
    assert getattr(thread, field) is not value


def test_staff_move_a_thread_to_another_space(client, staff, thread, public_space):
    client.force_login(staff)
    response = client.post(
        reverse("network:thread_move", args=[thread.space.slug, thread.pk]), {"space": public_space.pk}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.space == public_space
    old_link = client.get(reverse("network:thread", args=["troubleshooting", thread.pk]))
    assert old_link.status_code == 301 and old_link["Location"] == thread.get_absolute_url()


def test_a_moderator_cannot_move_a_thread_into_a_space_they_do_not_moderate(moderator, thread, public_space):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.thread_move(actor=moderator, thread=thread, space=public_space)


def test_a_suspended_member_cannot_post_or_reply_until_lifted(client, staff, marco, thread, troubleshooting):
    client.force_login(staff)
    client.post(reverse("network:member_suspend", args=[marco.pk]), {"reason": "Spam"})
    assert selectors.member_is_suspended(marco)
    client.force_login(marco)
    response = client.post(
        reverse("network:reply", args=[troubleshooting.slug, thread.pk]), {"body": "again"}
    )
    assert response.status_code == 400 and "suspended" in response.content.decode()
    client.force_login(staff)
    client.post(reverse("network:member_suspend", args=[marco.pk]), {"action": "lift"})
    assert not selectors.member_is_suspended(marco)
    assert AuditEntry.objects.filter(action="member.suspend").exists()
    assert AuditEntry.objects.filter(action="member.unsuspend").exists()


def test_a_suspension_ends_by_itself(staff, marco):
    services.member_suspend(
        actor=staff, user=marco, reason="Cool off", until=timezone.now() + dt.timedelta(hours=1)
    )
    assert selectors.member_is_suspended(marco)
    from actlocal.network.models import Suspension

    Suspension.objects.update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    assert not selectors.member_is_suspended(marco)


def test_only_staff_can_suspend(client, moderator, marco):
    client.force_login(moderator)
    assert client.get(reverse("network:member_suspend", args=[marco.pk])).status_code == 404
    assert not selectors.member_is_suspended(marco)


def test_pinned_threads_head_the_list(client, moderator, leader, troubleshooting, post_thread):
    first = post_thread(author=leader, space=troubleshooting, title="Pin me")
    post_thread(author=leader, space=troubleshooting, title="Latest")
    services.thread_pin(actor=moderator, thread=first)
    client.force_login(leader)
    page = client.get(troubleshooting.get_absolute_url()).content.decode()
    assert page.index("Pin me") < page.index("Latest")
    assert Thread.objects.get(pk=first.pk).is_pinned


def test_group_admins_moderate_their_groups_space(group_admin, partner_group, leader, post_thread):
    from actlocal.network.models import Space

    space = Space.objects.create(name="Group", slug="group-x", kind=Space.Kind.GROUP, group=partner_group)
    thread = post_thread(author=leader, space=space)
    services.thread_lock(actor=group_admin, thread=thread)
    assert Thread.objects.get(pk=thread.pk).is_locked
