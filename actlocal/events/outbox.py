"""The RSVP e-mail outbox: a new RSVP owes its confirmation (or waitlist) e-mail on its own row, and a sweep
sends what is owed in batches.

Why not one task per e-mail: queueing a django-tasks row costs more CPU than the rest of the RSVP's
writes together and, on SQLite, one more statement under the database's one write lock, in the request
that thousands of people send at once. The RSVP's INSERT already carries the promise instead
(``email_kind``, ``email_due_at``): it commits with the RSVP or rolls back with it, so a crash between the
RSVP and its e-mail never loses either, and no mail goes out for an RSVP that did not happen.

The sweep (``rsvp_emails_send``) claims a batch of owed rows (due time pushed ``LEASE`` ahead, attempt
counted) in one short transaction, sends each through the same builders and ``after_send`` as every other
e-mail, then clears what was sent. A failed send is due again after a back-off (``core.emails``' schedule)
up to ``MAX_ATTEMPTS``; a sweep that crashes mid-batch leaves its claims to expire, so a message is sent
again at most once per crash, and never twice by two sweeps at once.

Who runs it: every committed RSVP kicks it (``rsvp_emails_kick``), at most once per ``WINDOW`` per cache,
deferred by that window so one sweep picks up everything that arrived meanwhile; and the five-minute
``reminders_tick`` (or ``manage.py send_reminders`` from cron) sweeps as a safety net.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from actlocal.core.audit import audit_log
from actlocal.core.emails import BACKOFF_SECONDS, MAX_ATTEMPTS
from actlocal.events.models import Rsvp

logger = logging.getLogger(__name__)

CONFIRMATION = "events.rsvp_confirmation"
WAITLISTED = "events.rsvp_waitlisted"
BATCH = 200
# Long enough for a batch to be sent, short enough that a crashed sweep's e-mails go out the same hour.
LEASE = timedelta(minutes=10)
WINDOW = 2  # seconds: at most one kicked sweep per window, run at its end
KICK_KEY = "events:rsvp-outbox-sweep"
COVER_MARGIN = 0.25  # seconds
# Until when (``time.monotonic()``) a sweep this process enqueued will run after any RSVP committed now.
_covered_until = 0.0


def _builders() -> dict:
    from actlocal.events import emails

    return {CONFIRMATION: emails.build_rsvp_confirmation, WAITLISTED: emails.build_rsvp_waitlisted}


@transaction.atomic
def _claim(now, limit: int) -> list[tuple[int, str, int]]:
    """Owed rows due by ``now``, claimed: (id, kind, attempt). Skips rows another sweep holds (PostgreSQL);
    SQLite's write lock, taken at the transaction's start, already lets one sweep claim at a time."""
    due = Rsvp.objects.filter(email_due_at__lte=now).order_by("email_due_at", "id")
    if connection.features.has_select_for_update_skip_locked:
        due = due.select_for_update(skip_locked=True)
    rows = list(due.values_list("pk", "email_kind", "email_attempts")[:limit])
    if rows:
        Rsvp.objects.filter(pk__in=[pk for pk, _kind, _n in rows]).update(
            email_due_at=now + LEASE, email_attempts=F("email_attempts") + 1
        )
    return [(pk, kind, attempts + 1) for pk, kind, attempts in rows]


def _settle(pk: int, *, lease, due_at) -> None:
    """Sent (or no longer applicable) clears the debt, a failure reschedules it: one statement, only if
    the row still carries this sweep's claim. An RSVP cancelled and made again meanwhile owes a new
    e-mail (due now), which this must not clear."""
    Rsvp.objects.filter(pk=pk, email_due_at=lease).update(email_due_at=due_at)


def rsvp_emails_send(*, now=None, limit: int = BATCH) -> dict[str, int]:
    """Send the RSVP e-mails owed by ``now``, in batches of ``limit``; returns counts by outcome.

    Not one transaction: each claim is (so two sweeps never take the same row), each send happens outside
    any transaction (never hold the write lock across SMTP), and each outcome is its own statement."""
    now = now or timezone.now()
    builders = _builders()
    counts = {"sent": 0, "skipped": 0, "retrying": 0, "failed": 0}
    while True:
        claimed = _claim(now, limit)
        for pk, kind, attempt in claimed:
            counts[_send_one(builders, pk, kind, attempt, lease=now + LEASE)] += 1
        if len(claimed) < limit:
            break
    if counts["sent"] or counts["failed"]:
        audit_log(action="rsvp.emails_send", changes=counts)
    return counts


def _send_one(builders: dict, pk: int, kind: str, attempt: int, *, lease) -> str:
    build = builders.get(kind)
    message = build(pk) if build is not None else None
    if message is None:  # cancelled meanwhile, event called off: the mail no longer applies
        _settle(pk, lease=lease, due_at=None)
        return "skipped"
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP, DNS, timeouts: anything transient is retried by a later sweep
        if attempt >= MAX_ATTEMPTS:
            logger.error("e-mail %s for RSVP %s failed after %s attempts: %s", kind, pk, attempt, exc)
            _settle(pk, lease=lease, due_at=None)
            return "failed"
        logger.warning("e-mail %s for RSVP %s failed (attempt %s), retrying: %s", kind, pk, attempt, exc)
        delay = BACKOFF_SECONDS[min(attempt - 1, len(BACKOFF_SECONDS) - 1)]
        _settle(pk, lease=lease, due_at=timezone.now() + timedelta(seconds=delay))
        return "retrying"
    after_send = getattr(message, "after_send", None)
    if after_send is not None:
        after_send()
    _settle(pk, lease=lease, due_at=None)
    return "sent"


@task()
def rsvp_emails_tick() -> dict[str, int]:
    return rsvp_emails_send()


def rsvp_emails_kick() -> None:
    """Run after an RSVP commits: make sure a sweep is coming. Enqueues at most once per WINDOW, deferred
    to the window's end so that sweep sees every RSVP of the window. A backend with no "later" (the
    immediate one in tests) sweeps now.

    A process that enqueued the window's sweep itself knows it runs after any RSVP it commits before the
    window ends, so those skip the shared cache entirely (a cache ``add`` per RSVP was a fortieth of one
    in a surge, and a network round trip with Redis)."""
    global _covered_until
    try:
        backend = rsvp_emails_tick.get_backend()
        if not backend.supports_defer:
            rsvp_emails_tick.enqueue()
        elif time.monotonic() < _covered_until:
            return
        elif cache.add(KICK_KEY, 1, timeout=WINDOW):
            started = time.monotonic()
            # Run a margin after the window, for this process's two clocks (monotonic, wall) to disagree.
            run_after = timezone.now() + timedelta(seconds=WINDOW + COVER_MARGIN)
            rsvp_emails_tick.using(run_after=run_after).enqueue()
            _covered_until = started + WINDOW
    except Exception:  # the RSVP committed and owes its e-mail: the periodic sweep will send it
        logger.exception("could not schedule the RSVP e-mail sweep")
