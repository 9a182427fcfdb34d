"""An RSVP's e-mail is owed on the RSVP's own row (the outbox): it commits with the RSVP, rolls back with
it, and a sweep sends it, retries it after a failure, and never sends it twice."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from actlocal.core.emails import MAX_ATTEMPTS
from actlocal.events import outbox
from actlocal.events.models import Rsvp
from actlocal.events.outbox import rsvp_emails_send
from actlocal.events.services.rsvp import rsvp_cancel, rsvp_create
from actlocal.events.tests.event_factory import make_event

pytestmark = pytest.mark.django_db(transaction=True)

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def db_tasks(settings):
    """Tasks in the database, as in production: nothing runs until a worker (here: the test) sweeps."""
    settings.TASKS = DB_TASKS
    forget_kicks()
    yield
    forget_kicks()


def forget_kicks():
    """A new window: neither the shared cache nor this process remembers a sweep queued."""
    cache.delete(outbox.KICK_KEY)
    outbox._covered_until = 0.0


def queued_sweeps():
    from django_tasks_db.models import DBTaskResult

    return list(DBTaskResult.objects.filter(task_path=outbox.rsvp_emails_tick.module_path))


def owed():
    return list(Rsvp.objects.filter(email_due_at__isnull=False).values_list("email_kind", flat=True))


def later(seconds: float):
    return timezone.now() + timedelta(seconds=seconds)


def test_the_owed_e_mail_commits_with_the_rsvp_and_one_sweep_is_queued(db_tasks):
    event = make_event(capacity=1)
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    rsvp_create(event=event, email="bo@example.org", first_name="Bo")
    assert sorted(owed()) == ["events.rsvp_confirmation", "events.rsvp_waitlisted"]
    assert mail.outbox == []  # the worker sends it, not the request
    # Two RSVPs in the same window queue one sweep, deferred to the window's end so it sees both.
    (sweep,) = queued_sweeps()
    assert sweep.run_after > timezone.now()


def test_a_process_that_queued_the_window_s_sweep_skips_the_cache_until_the_window_ends(db_tasks):
    event = make_event()
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    assert len(queued_sweeps()) == 1
    with mock.patch.object(outbox.cache, "add", wraps=outbox.cache.add) as add:
        rsvp_create(event=event, email="bo@example.org", first_name="Bo")  # its sweep is coming
    add.assert_not_called()
    assert len(queued_sweeps()) == 1
    # Past the window, this process asks again, and another window's sweep is queued.
    cache.delete(outbox.KICK_KEY)
    later_on = outbox._covered_until + 0.01
    with mock.patch.object(outbox.time, "monotonic", return_value=later_on):
        rsvp_create(event=event, email="cy@example.org", first_name="Cy")
    assert len(queued_sweeps()) == 2
    assert outbox._covered_until == pytest.approx(later_on + outbox.WINDOW)
    # The window's sweep runs after the RSVP that skipped the cache, and a margin after the window.
    first = min(sweep.run_after for sweep in queued_sweeps())
    ana, bo = (Rsvp.objects.get(person__email=f"{name}@example.org") for name in ("ana", "bo"))
    assert first > bo.created_at
    assert first - ana.created_at >= timedelta(seconds=outbox.WINDOW + outbox.COVER_MARGIN)


def test_an_rsvp_that_rolls_back_leaves_no_e_mail_owed(db_tasks):
    event = make_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        rsvp_create(event=event, email="ana@example.org", first_name="Ana")
        assert owed() == ["events.rsvp_confirmation"]  # written inside the transaction
        raise RuntimeError("the request failed after the RSVP")
    assert not Rsvp.objects.exists()
    assert queued_sweeps() == []


def test_the_sweep_sends_each_owed_e_mail_once_with_its_calendar_file(db_tasks):
    event = make_event(capacity=1)
    ana = rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    rsvp_create(event=event, email="bo@example.org", first_name="Bo")
    assert rsvp_emails_send() == {"sent": 2, "skipped": 0, "retrying": 0, "failed": 0}
    confirmation = next(m for m in mail.outbox if m.to == ["ana@example.org"])
    assert any(name == "event.ics" for name, *_rest in confirmation.attachments if isinstance(name, str))
    waitlisted = next(m for m in mail.outbox if m.to == ["bo@example.org"])
    assert "waitlist" in waitlisted.subject
    ana.refresh_from_db()
    assert ana.confirmation_sent_at is not None and ana.email_due_at is None
    # A second sweep, or the periodic one, finds nothing owed.
    assert rsvp_emails_send(now=later(3600))["sent"] == 0
    assert len(mail.outbox) == 2


def test_a_failing_mail_server_leaves_the_e_mail_owed_and_a_later_sweep_sends_it(db_tasks):
    event = make_event()
    rsvp = rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("SMTP server unreachable")):
        assert rsvp_emails_send()["retrying"] == 1
    rsvp.refresh_from_db()
    assert rsvp.status == Rsvp.Status.CONFIRMED and rsvp.confirmation_sent_at is None
    assert rsvp.email_attempts == 1 and rsvp.email_due_at > timezone.now()  # backing off
    assert rsvp_emails_send()["sent"] == 0 and mail.outbox == []  # not before the back-off
    assert rsvp_emails_send(now=later(60))["sent"] == 1
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    rsvp.refresh_from_db()
    assert rsvp.confirmation_sent_at is not None and rsvp.email_due_at is None


def test_an_e_mail_that_always_fails_is_given_up_and_the_rsvp_stands(db_tasks):
    event = make_event()
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("down")) as send:
        outcomes = [rsvp_emails_send(now=later(86400 * n)) for n in range(MAX_ATTEMPTS + 2)]
    assert send.call_count == MAX_ATTEMPTS
    assert outcomes[MAX_ATTEMPTS - 1]["failed"] == 1
    rsvp = Rsvp.objects.get()
    assert rsvp.status == Rsvp.Status.CONFIRMED and rsvp.email_due_at is None


def test_a_crash_after_the_rsvp_commits_loses_neither_the_rsvp_nor_its_e_mail(db_tasks):
    event = make_event()
    # The process dies, or the queue is down, right after the commit: the sweep is never queued.
    with mock.patch("actlocal.events.outbox.cache") as broken:
        broken.add.side_effect = RuntimeError("queue down")
        rsvp = rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    assert queued_sweeps() == []
    assert Rsvp.objects.get().pk == rsvp.pk and owed() == ["events.rsvp_confirmation"]
    assert rsvp_emails_send()["sent"] == 1  # the periodic sweep sends it
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_a_sweep_that_dies_mid_batch_resends_at_most_once_after_its_lease(db_tasks):
    event = make_event()
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    now = timezone.now()
    assert len(outbox._claim(now, 10)) == 1  # claimed, then the process died before settling
    assert rsvp_emails_send(now=now)["sent"] == 0  # another sweep leaves the claimed row alone
    assert rsvp_emails_send(now=now + outbox.LEASE + timedelta(seconds=1))["sent"] == 1
    assert rsvp_emails_send(now=now + outbox.LEASE * 3)["sent"] == 0
    assert len(mail.outbox) == 1


def test_an_rsvp_cancelled_before_the_sweep_gets_no_confirmation(db_tasks):
    event = make_event()
    rsvp = rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    rsvp_cancel(rsvp=rsvp)
    assert rsvp_emails_send()["skipped"] == 1
    assert mail.outbox == [] and owed() == []


def test_with_the_immediate_backend_the_e_mail_goes_right_after_the_commit():
    # The tests' default backend has no "later": the kick sweeps at once, after the commit only.
    event = make_event()
    with pytest.raises(RuntimeError), transaction.atomic():
        rsvp_create(event=event, email="ana@example.org", first_name="Ana")
        raise RuntimeError("rolled back")
    assert mail.outbox == []
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]


def test_an_rsvp_made_again_while_its_old_e_mail_is_sending_still_gets_its_new_one(db_tasks):
    event = make_event()
    rsvp = rsvp_create(event=event, email="ana@example.org", first_name="Ana")
    now = timezone.now()
    ((pk, kind, attempt),) = outbox._claim(now, 10)
    rsvp_cancel(rsvp=rsvp)
    rsvp_create(event=event, email="ana@example.org", first_name="Ana")  # owes a new confirmation
    # The old claim's outcome lands after that: it must not clear the new debt.
    outbox._send_one(outbox._builders(), pk, kind, attempt, lease=now + outbox.LEASE)
    assert owed() == ["events.rsvp_confirmation"]
    assert rsvp_emails_send(now=later(1))["sent"] == 1
    assert owed() == []
