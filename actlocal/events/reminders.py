"""Reminder e-mails a day and two hours before an event, for confirmed attendees.

``reminders_send()`` is safe to run as often as you like (every few minutes): each RSVP is marked
(``reminded_day_at`` / ``reminded_hours_at``) in the same transaction that queues its e-mail, so a second
run finds nothing to do, and a crash before commit leaves nothing marked. It runs from
``manage.py send_reminders`` (cron) or from the ``reminders_tick`` task, which re-enqueues itself with
``run_after`` so a running ``db_worker`` keeps reminders going without cron.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.events.models import Event, Rsvp
from actlocal.events.outbox import rsvp_emails_send

logger = logging.getLogger(__name__)

DAY_BEFORE = timedelta(hours=24)
HOURS_BEFORE = timedelta(hours=2)
TICK = timedelta(minutes=5)
BATCH = 500

# (kind, field, window start offset, window end offset): an RSVP gets a reminder when its event starts
# within (now + start, now + end]. The day window stops where the two-hour one starts, so someone who
# RSVPs 90 minutes ahead gets one reminder, not two in a row.
REMINDERS = (
    ("events.rsvp_reminder_day", "reminded_day_at", HOURS_BEFORE, DAY_BEFORE),
    ("events.rsvp_reminder_hours", "reminded_hours_at", timedelta(0), HOURS_BEFORE),
)


def _due(field: str, start: timedelta, end: timedelta, now):
    return (
        Rsvp.objects.filter(
            status=Rsvp.Status.CONFIRMED,
            event__status=Event.Status.PUBLISHED,
            event__starts_at__gt=now + start,
            event__starts_at__lte=now + end,
            **{f"{field}__isnull": True},
        )
        .exclude(person__email="")
        .order_by("event__starts_at", "id")
    )


@transaction.atomic
def _send_batch(kind: str, field: str, ids: list[int], now) -> int:
    # Re-check under the write lock: another run may have marked some of these meanwhile.
    fresh = list(Rsvp.objects.filter(pk__in=ids, **{f"{field}__isnull": True}).values_list("pk", flat=True))
    if not fresh:
        return 0
    Rsvp.objects.filter(pk__in=fresh).update(**{field: now})
    for rsvp_id in fresh:
        queue_email(kind, rsvp_id)
    audit_log(action="rsvp.remind", changes={"kind": kind, "rsvps": len(fresh)})
    return len(fresh)


def reminders_send(*, now=None) -> dict[str, int]:
    """Queue every reminder that is due; returns how many of each kind were queued."""
    now = now or timezone.now()
    counts = {}
    for kind, field, start, end in REMINDERS:
        counts[kind] = 0
        while True:
            ids = list(_due(field, start, end, now).values_list("pk", flat=True)[:BATCH])
            if not ids:
                break
            counts[kind] += _send_batch(kind, field, ids, now)
            if len(ids) < BATCH:
                break
    # The follow-up after an event rides the same clock: a survey attached to an event goes to its
    # attendees an hour after the end.
    from actlocal.surveys.services.builder import surveys_send_due

    counts["event_surveys"] = surveys_send_due(now=now)
    return counts


@task()
def reminders_tick() -> dict[str, int]:
    """Send due reminders and any owed RSVP e-mail, then come back in ``TICK`` (when the backend can run
    tasks later). The e-mail sweep here is the outbox's safety net: a kick that could not be queued, or a
    failed send whose back-off has passed, is picked up within ``TICK``."""
    try:
        rsvp_emails_send()
        return reminders_send()
    finally:
        if default_task_backend.supports_defer:
            reminders_tick.using(run_after=timezone.now() + TICK).enqueue()


_last_check = 0.0


def reminders_ensure_scheduled(*, force: bool = False) -> bool:
    """Start the ``reminders_tick`` chain unless one is already waiting. Cheap to call after every RSVP:
    it looks at the queue at most every few minutes per process. Returns True when it enqueued."""
    global _last_check
    if not default_task_backend.supports_defer:
        return False  # the immediate backend (tests) has no "later"; cron runs send_reminders instead
    if not force and time.monotonic() - _last_check < TICK.total_seconds():
        return False
    _last_check = time.monotonic()
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # another backend: it keeps its own schedule
        return False
    waiting = DBTaskResult.objects.filter(
        task_path=reminders_tick.module_path, status="READY", run_after__gt=timezone.now() - TICK
    )
    try:
        if waiting.exists():
            return False
        reminders_tick.enqueue()
    except Exception:  # an RSVP that committed must not fail because the schedule could not be checked
        logger.exception("could not schedule reminders")
        return False
    return True
