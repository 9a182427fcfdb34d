"""Reads for notifications: each person's delivery choices, their inbox and its unread count."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from actlocal.notifications.kinds import KINDS, kind_default
from actlocal.notifications.models import Notification, NotificationPreference


def deliveries_for(*, user_ids: Iterable[int], kind: str) -> dict[int, str]:
    """Each user's delivery for ``kind`` (their choice, else the kind's default), in one query."""
    user_ids = list(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list(
            "user_id", "delivery"
        )
    )
    default = kind_default(kind)
    return {uid: chosen.get(uid, default) for uid in user_ids}


def preferences_for(user) -> dict[str, str]:
    """Every registered kind's delivery for ``user``: what the settings page shows."""
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {key: chosen.get(key, kind.default) for key, kind in KINDS.items()}


def delivery_for(*, user, kind: str) -> str:
    return deliveries_for(user_ids=[user.pk], kind=kind)[user.pk]


def inbox_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("actor")


def unread_count(user) -> int:
    """One indexed COUNT (recipient, read_at): cheap enough for every page's header."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
