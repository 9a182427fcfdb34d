"""Creating notifications. Other apps call ``notify``; it is the only way a notification is made."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models, transaction

from actlocal.notifications.models import Notification


@transaction.atomic
def notify(
    *,
    recipients: Iterable,
    kind: str,
    title: str,
    url: str,
    actor=None,
    excerpt: str = "",
    target: models.Model | None = None,
) -> list[Notification]:
    """Tell each of ``recipients`` (users) about ``kind`` happening to ``target``.

    The caller must already have filtered ``recipients`` to people allowed to see the target: this
    function trusts it, and never notifies the actor of their own action.
    """
    seen: set[int] = set()
    rows = []
    for user in recipients:
        if user is None or user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        rows.append(
            Notification(
                recipient=user,
                kind=kind,
                actor=actor,
                title=title[:300],
                excerpt=excerpt[:300],
                url=url[:500],
                target_type=target._meta.label_lower if target is not None else "",
                target_id=str(target.pk) if target is not None else "",
            )
        )
    return Notification.objects.bulk_create(rows)
