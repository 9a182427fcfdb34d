"""RFC 8058 one-click unsubscribe: a POST with no login and no CSRF token turns that e-mail off; a GET
shows a confirmation page; a tampered token is refused with a clear page."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from actlocal.notifications.selectors import preferences_for
from actlocal.notifications.services import notification_preference_set, notify
from actlocal.notifications.tokens import unsubscribe_token


def _url(user, scope):
    return reverse("notifications:unsubscribe", args=[unsubscribe_token(user.pk, scope)])


def test_a_mail_client_posts_once_without_cookies_and_the_kind_is_off(
    leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[leader], kind="message.new", title="New message", url="/messages/1/")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"][1:-1]
    path = header.split("://", 1)[1].split("/", 1)[1]
    mail_client = Client(enforce_csrf_checks=True)
    response = mail_client.post("/" + path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "no more e-mails" in response.text
    assert preferences_for(leader)["message.new"] == "off"
    assert preferences_for(leader)["thread.reply"] == "instant"


def test_a_click_shows_a_confirmation_and_changes_nothing_until_confirmed(client, leader):
    page = client.get(_url(leader, "connection.request"))
    assert (
        page.status_code == 200
        and "Connection requests" in page.text
        and "Yes, stop these e-mails" in page.text
    )
    assert preferences_for(leader)["connection.request"] == "instant"
    client.post(_url(leader, "connection.request"))
    assert preferences_for(leader)["connection.request"] == "off"


def test_a_digest_link_stops_every_kind_that_digest_carries(client, leader):
    notification_preference_set(user=leader, kind="thread.reply", delivery="daily")
    client.post(_url(leader, "daily"))
    prefs = preferences_for(leader)
    assert (
        prefs["thread.reply"] == "off" and prefs["thread.solved"] == "off"
    )  # thread.solved is daily by default
    assert prefs["message.new"] == "instant" and prefs["follow.new"] == "weekly"


def test_a_tampered_token_is_refused_with_a_clear_page(client, leader, staff):
    token = unsubscribe_token(leader.pk, "message.new")
    forged = token.replace(token.split(":")[0], unsubscribe_token(staff.pk, "message.new").split(":")[0])
    for bad in [forged, token[:-2] + "xx", "nonsense", "%3Cscript%3Ealert(1)%3C"]:
        response = client.post(f"/notifications/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "This unsubscribe link is not valid." in response.text
    assert preferences_for(staff)["message.new"] == "instant"
    assert preferences_for(leader)["message.new"] == "instant"


def test_a_token_for_an_unknown_kind_is_refused(client, leader):
    response = client.get(_url(leader, "everything"))
    assert response.status_code == 400
