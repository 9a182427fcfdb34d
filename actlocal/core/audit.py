"""The audit log: every service that changes data calls ``audit_log`` inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from actlocal.core.models import AuditEntry
from actlocal.core.request_context import current_origin


def audit_log(
    *,
    action: str,
    actor=None,
    target: models.Model | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record ``actor`` doing ``action`` (``"rsvp.create"``) to ``target``; origin comes from the request."""
    origin = current_origin()
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEntry.objects.create(
        actor=actor,
        actor_repr=(actor.email if actor is not None else "")[:255],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        changes=changes or {},
        ip_address=origin.ip_address,
        user_agent=origin.user_agent,
    )


def audit_trail(target: models.Model):
    return AuditEntry.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
