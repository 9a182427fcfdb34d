"""The notifications inbox lists what happened, marks it read, and the site header shows the unread count."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actlocal.notifications.context_processors import unread_notifications
from actlocal.notifications.models import Notification
from actlocal.notifications.services import notify

INBOX = reverse("notifications:inbox")


def _two(user):
    notify(recipients=[user], kind="thread.reply", title="Gabe replied to “Canvass tips”", url="/network/")
    return notify(recipients=[user], kind="message.new", title="New message from Mara", url="/messages/")[0]


def test_the_header_shows_the_unread_count_and_the_inbox_lists_them(client, leader):
    _two(leader)
    client.force_login(leader)
    home = client.get("/")
    assert '<span class="unread-count">(2<span class="visually-hidden"> unread</span>)</span>' in home.text
    page = client.get(INBOX)
    assert "2 unread notifications" in page.text
    assert "Gabe replied to “Canvass tips”" in page.text and "New message from Mara" in page.text


def test_opening_a_notification_marks_it_read_and_goes_to_its_page(client, leader):
    notification = _two(leader)
    client.force_login(leader)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == "/messages/"
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "1 unread notification" in client.get(INBOX).text


def test_mark_all_as_read(client, leader):
    _two(leader)
    client.force_login(leader)
    response = client.post(reverse("notifications:mark_read"), follow=True)
    assert "Marked as read." in response.text and "0 unread notifications" in response.text
    assert "unread-count" not in response.text


def test_nobody_opens_or_marks_another_persons_notification(client, leader, outsider):
    notification = _two(leader)
    client.force_login(outsider)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    client.post(reverse("notifications:mark_read"), {"id": [notification.pk]})
    notification.refresh_from_db()
    assert notification.read_at is None
    assert "Gabe replied" not in client.get(INBOX).text


def test_a_stored_url_never_redirects_off_the_site(client, leader):
    [notification] = notify(recipients=[leader], kind="thread.reply", title="x", url="//evil.example/")
    client.force_login(leader)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == INBOX


def test_the_public_is_sent_to_sign_in(client):
    assert client.get(INBOX).status_code == 302


def test_the_count_costs_one_query_and_nothing_for_anonymous_visitors(rf, leader):
    from django.contrib.auth.models import AnonymousUser

    _two(leader)
    request = rf.get("/")
    request.user = AnonymousUser()
    with CaptureQueriesContext(connection) as queries:
        assert int(str(unread_notifications(request)["unread_notifications"])) == 0
    assert len(queries) == 0
    request.user = leader
    with CaptureQueriesContext(connection) as queries:
        assert str(unread_notifications(request)["unread_notifications"]) == "2"
    assert len(queries) == 1
    assert Notification.objects.count() == 2
