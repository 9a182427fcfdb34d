"""A notification someone wants "right away" is e-mailed once, from the site's address, with a one-click
unsubscribe (RFC 8058); daily, weekly and off wait or stay in the app."""

from django.core import mail

from actlocal.notifications.models import Notification
from actlocal.notifications.services import notification_preference_set, notify


def _notify(recipients, kind="message.new", **extra):
    return notify(
        recipients=recipients, kind=kind, title="New message from Gabe Organizer", url="/messages/1/", **extra
    )


def test_an_instant_notification_is_emailed_with_unsubscribe_headers(
    leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = _notify([leader], excerpt="Can you join us Tuesday?")
    [email] = mail.outbox
    assert email.to == [leader.email] and email.subject == "New message from Gabe Organizer"
    assert email.reply_to == [] and "Reply-To" not in email.extra_headers
    assert (
        "Can you join us Tuesday?" in email.body
        and "http://testserver/messages/1/" in email.body
        or ("/messages/1/" in email.body)
    )
    unsubscribe = email.extra_headers["List-Unsubscribe"]
    assert (
        unsubscribe.startswith("<http")
        and "/notifications/unsubscribe/" in unsubscribe
        and unsubscribe.endswith(">")
    )
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe[1:-1] in email.body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


def test_each_notification_is_emailed_at_most_once(leader, django_capture_on_commit_callbacks):
    from actlocal.core.emails import deliver_email

    with django_capture_on_commit_callbacks(execute=True):
        [notification] = _notify([leader])
    assert deliver_email.call(kind="notifications.instant", object_id=notification.pk) == "skipped"
    assert len(mail.outbox) == 1


def test_digest_and_off_kinds_send_nothing_right_away(leader, outsider, django_capture_on_commit_callbacks):
    notification_preference_set(user=leader, kind="message.new", delivery="daily")
    notification_preference_set(user=outsider, kind="message.new", delivery="off")
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([leader, outsider])
    assert mail.outbox == []
    assert len(created) == 2 and Notification.objects.filter(emailed_at__isnull=True).count() == 2


def test_preferences_for_many_recipients_are_read_in_one_query(
    leader, outsider, staff, django_assert_num_queries, django_capture_on_commit_callbacks
):
    # One INSERT for the notifications, one SELECT for everyone's preferences, the savepoint pair.
    with django_assert_num_queries(4, exact=False):
        created = _notify([leader, outsider, staff])
    assert len(created) == 3


def test_the_actor_is_never_notified_of_their_own_action(leader, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        created = _notify([leader, staff], actor=leader)
    assert [n.recipient for n in created] == [staff]
    assert [e.to for e in mail.outbox] == [[staff.email]]


def test_an_email_in_spanish_for_a_spanish_speaker(leader, django_capture_on_commit_callbacks):
    leader.language = "es"
    leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([leader])
    [email] = mail.outbox
    assert "/notifications/unsubscribe/" in email.body


def test_a_title_with_line_breaks_and_invisible_characters_makes_a_one_line_subject(
    leader, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipients=[leader], kind="thread.reply", title="Hi\r\nBcc: x@evil.example\u202e", url="/network/"
        )
    [email] = mail.outbox
    assert "\n" not in email.subject and "\u202e" not in email.subject
    assert email.bcc == []
