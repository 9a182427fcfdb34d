"""E-mail that survives failures: services queue a delivery by kind and object id after their write commits;
a background task builds the message from the database and sends it, retrying with back-off.

A service never sends mail inline, so a crash between the write and the e-mail never loses the write, and
an SMTP outage delays mail instead of failing the request. Each app registers its builders::

    @email_builder("events.rsvp_confirmation")
    def build_rsvp_confirmation(object_id: int) -> EmailMessage | None:
        ...  # return None when the mail no longer applies (RSVP cancelled meanwhile)

and queues with ``queue_email("events.rsvp_confirmation", rsvp.pk)`` inside its transaction. A builder
that must record the delivery (a sent-at column) sets ``message.after_send`` to a callable: it runs once
the mail server has accepted the message, never for a failed attempt.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_SECONDS = (30, 120, 600, 1800, 7200)

Builder = Callable[[int], EmailMessage | None]
_BUILDERS: dict[str, Builder] = {}


def email_builder(kind: str):
    def register(func: Builder) -> Builder:
        _BUILDERS[kind] = func
        return func

    return register


def queue_email(kind: str, object_id: int) -> None:
    """Deliver after the current transaction commits (at once when there is none)."""
    if kind not in _BUILDERS:
        raise KeyError(f"no e-mail builder registered for {kind!r}")
    transaction.on_commit(lambda: deliver_email.enqueue(kind=kind, object_id=object_id, attempt=1))


@task()
def deliver_email(*, kind: str, object_id: int, attempt: int = 1) -> str:
    message = _BUILDERS[kind](object_id)
    if message is None:
        return "skipped"
    try:
        message.send(fail_silently=False)
    except Exception as exc:  # SMTP, DNS, timeouts: anything transient is retried
        if attempt >= MAX_ATTEMPTS:
            logger.error("e-mail %s for %s failed after %s attempts: %s", kind, object_id, attempt, exc)
            raise
        logger.warning("e-mail %s for %s failed (attempt %s), retrying: %s", kind, object_id, attempt, exc)
        retry = deliver_email
        if default_task_backend.supports_defer:
            delay = BACKOFF_SECONDS[min(attempt - 1, len(BACKOFF_SECONDS) - 1)]
            retry = deliver_email.using(run_after=timezone.now() + timedelta(seconds=delay))
        retry.enqueue(kind=kind, object_id=object_id, attempt=attempt + 1)
        return "retrying"
    after_send = getattr(message, "after_send", None)
    if after_send is not None:
        after_send()
    return "sent"
