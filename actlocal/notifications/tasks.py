"""Background tasks for notifications: the digests (see digests.py).

``send_digests(period=...)`` runs one period's digests now. ``digests_tick`` runs the daily digests (and,
on Mondays, the weekly ones) and re-enqueues itself for the next day at ``DIGEST_HOUR_UTC``, so a running
``db_worker`` keeps digests going without cron (``manage.py send_digests --keep-going`` starts it).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from django.utils import timezone
from django_tasks import default_task_backend, task

from actlocal.notifications.digests import digests_send

logger = logging.getLogger(__name__)

DIGEST_HOUR_UTC = 12  # morning across the continental United States
WEEKLY_ON = 0  # Monday


@task()
def send_digests(*, period: str) -> dict:
    run = digests_send(period=period)
    return {"emails": run.emails, "notifications": run.notifications, "failed": run.failed}


def next_digest_time(now: datetime) -> datetime:
    """The next DIGEST_HOUR_UTC strictly after ``now``."""
    today = now.astimezone(UTC).replace(hour=DIGEST_HOUR_UTC, minute=0, second=0, microsecond=0)
    return today if today > now else today + timedelta(days=1)


@task()
def digests_tick() -> dict:
    now = timezone.now()
    result = {"daily": send_digests.call(period="daily")}
    if now.weekday() == WEEKLY_ON:
        result["weekly"] = send_digests.call(period="weekly")
    if default_task_backend.supports_defer:
        digests_tick.using(run_after=next_digest_time(now)).enqueue()
    return result


def digests_ensure_scheduled() -> bool:
    """Start the ``digests_tick`` chain unless one is already waiting. Returns True when it enqueued."""
    if not default_task_backend.supports_defer:
        return False  # the immediate backend has no "later": use cron and ``send_digests --period``
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend keeps its own schedule
        return False
    if DBTaskResult.objects.filter(task_path=digests_tick.module_path, status="READY").exists():
        return False
    digests_tick.using(run_after=next_digest_time(timezone.now())).enqueue()
    return True
