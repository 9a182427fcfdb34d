"""Daily and weekly digests: one e-mail per person with the notifications they chose to get that way,
each notification e-mailed at most once, with a one-click unsubscribe for the digest."""

from django.core import mail
from django.core.management import call_command

from actlocal.notifications.models import Notification
from actlocal.notifications.services import notification_mark_read, notification_preference_set, notify


def _setup(leader, outsider):
    notification_preference_set(user=leader, kind="thread.reply", delivery="daily")
    notification_preference_set(user=leader, kind="message.new", delivery="weekly")
    notify(
        recipients=[leader, outsider],
        kind="thread.reply",
        title="Gabe replied to “Canvass tips”",
        url="/network/t/1/",
    )
    notify(
        recipients=[leader],
        kind="thread.solved",
        title="“Turf cutting” was marked solved",
        url="/network/t/2/",
    )
    notify(recipients=[leader], kind="message.new", title="New message from Mara", url="/messages/3/")
    mail.outbox.clear()


def test_the_daily_digest_gathers_each_persons_daily_kinds(leader, outsider):
    _setup(leader, outsider)
    call_command("send_digests", "--period", "daily")
    [email] = mail.outbox  # the outsider's reply was instant by default: not in a digest
    assert email.to == [leader.email]
    assert email.subject == "Your daily ActLocal digest: 2 new notifications"
    assert "Gabe replied to “Canvass tips”" in email.body and "“Turf cutting” was marked solved" in email.body
    assert "http://" in email.body and "/network/t/1/" in email.body
    assert "New message from Mara" not in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert email.extra_headers["List-Unsubscribe"][1:-1] in email.body
    assert email.reply_to == []


def test_a_notification_is_in_one_digest_only(leader, outsider):
    _setup(leader, outsider)
    call_command("send_digests", "--period", "daily")
    call_command("send_digests", "--period", "daily")
    assert len(mail.outbox) == 1
    assert Notification.objects.filter(recipient=leader, emailed_at__isnull=False).count() == 2


def test_the_weekly_digest_has_the_weekly_kinds(leader, outsider):
    _setup(leader, outsider)
    call_command("send_digests", "--period", "weekly")
    [email] = mail.outbox
    assert email.subject == "Your weekly ActLocal digest: 1 new notification"
    assert "New message from Mara" in email.body


def test_what_was_already_read_in_the_app_is_not_emailed(leader, outsider):
    _setup(leader, outsider)
    notification_mark_read(user=leader)
    call_command("send_digests", "--period", "daily")
    assert mail.outbox == []


def test_a_refused_message_is_released_for_the_next_run(leader, outsider, monkeypatch):
    from django.core.mail.backends.locmem import EmailBackend

    _setup(leader, outsider)

    def refuse(self, messages):
        raise OSError("mail server down")

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
    call_command("send_digests", "--period", "daily")
    assert Notification.objects.filter(recipient=leader, emailed_at__isnull=False).count() == 0
    monkeypatch.undo()
    call_command("send_digests", "--period", "daily")
    assert len(mail.outbox) == 1


def test_the_digest_task_runs_in_the_background_worker(leader, outsider):
    from actlocal.notifications.tasks import send_digests

    _setup(leader, outsider)
    result = send_digests.enqueue(period="daily")
    assert result.return_value == {"emails": 1, "notifications": 2, "failed": 0}


def test_the_daily_tick_sends_daily_digests_and_weekly_ones_on_mondays(leader, outsider):
    from datetime import UTC, datetime

    from actlocal.notifications import tasks

    _setup(leader, outsider)
    result = tasks.digests_tick.call()
    assert result["daily"]["emails"] == 1
    assert tasks.next_digest_time(datetime(2026, 11, 25, 11, 0, tzinfo=UTC)) == datetime(
        2026, 11, 25, 12, 0, tzinfo=UTC
    )
    assert tasks.next_digest_time(datetime(2026, 11, 25, 12, 0, tzinfo=UTC)) == datetime(
        2026, 11, 26, 12, 0, tzinfo=UTC
    )


def test_the_command_says_which_period_is_missing():
    import pytest
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--period daily"):
        call_command("send_digests")


def test_a_long_digest_lists_fifty_and_points_to_the_inbox_for_the_rest(leader):
    from actlocal.notifications.digests import MAX_ITEMS_PER_DIGEST

    for i in range(MAX_ITEMS_PER_DIGEST + 3):
        notify(recipients=[leader], kind="thread.solved", title=f"Thread {i} solved", url=f"/network/t/{i}/")
    call_command("send_digests", "--period", "daily")
    [email] = mail.outbox
    assert email.subject == f"Your daily ActLocal digest: {MAX_ITEMS_PER_DIGEST + 3} new notifications"
    assert email.body.count("* Thread") == MAX_ITEMS_PER_DIGEST
    assert "…and 3 more in your inbox." in email.body
