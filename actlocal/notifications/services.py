"""Writes for notifications. Other apps call ``notify``; it is the only way a notification is made."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.notifications.kinds import DIGEST_PERIODS, KINDS
from actlocal.notifications.models import Delivery, Notification, NotificationPreference
from actlocal.notifications.selectors import deliveries_for, preferences_for

# Control characters (PostgreSQL refuses NUL outright) and bidi overrides that would reorder the text
# around a title in the inbox or a subject line.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def _plain(text: str, limit: int) -> str:
    return _UNSAFE.sub("", text or "")[:limit]


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
    function trusts it, and never notifies the actor of their own action. Everyone gets the notification
    in the app; those whose delivery for ``kind`` is "instant" also get an e-mail once this commits, the
    daily and weekly ones get it in their next digest.
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
                title=_plain(title, 300),
                excerpt=_plain(excerpt, 300),
                url=url[:500],
                target_type=target._meta.label_lower if target is not None else "",
                target_id=str(target.pk) if target is not None else "",
            )
        )
    created = Notification.objects.bulk_create(rows)
    if created:
        deliveries = deliveries_for(user_ids=seen, kind=kind)
        for notification in created:
            if deliveries[notification.recipient_id] == Delivery.INSTANT:
                queue_email("notifications.instant", notification.pk)
    return created


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValidationError(_("There is no kind of notification called “%(kind)s”.") % {"kind": kind})


@transaction.atomic
def notification_preference_set(*, user, kind: str, delivery: str) -> NotificationPreference:
    """Choose how ``user`` hears about ``kind``: instant, daily, weekly or off (e-mail; the in-app inbox
    always shows every notification)."""
    _check_kind(kind)
    if delivery not in Delivery.values:
        raise ValidationError(_("Choose one of the delivery options."))
    pref, created = NotificationPreference.objects.get_or_create(
        user=user, kind=kind, defaults={"delivery": delivery}
    )
    before = None if created else pref.delivery
    if not created and pref.delivery != delivery:
        pref.delivery = delivery
        pref.save(update_fields=["delivery"])
    if before != delivery:
        audit_log(
            action="notification_preference.set",
            actor=user,
            target=pref,
            changes={"kind": kind, "delivery": [before, delivery]},
        )
    return pref


@transaction.atomic
def notification_preferences_save(*, user, choices: dict[str, str]) -> int:
    """Save the settings page: one choice per kind. Returns how many changed."""
    current = preferences_for(user)
    changed = 0
    for kind, delivery in choices.items():
        if current.get(kind) != delivery:
            notification_preference_set(user=user, kind=kind, delivery=delivery)
            changed += 1
    return changed


@transaction.atomic
def notification_unsubscribe(*, user, scope: str) -> list[str]:
    """Turn e-mail off for one kind, or for every kind a digest carries (scope "daily"/"weekly").
    Returns the kinds turned off. Runs from a one-click link, so it is idempotent."""
    if scope in DIGEST_PERIODS:
        kinds = [kind for kind, delivery in preferences_for(user).items() if delivery == scope]
    else:
        _check_kind(scope)
        kinds = [scope]
    for kind in kinds:
        notification_preference_set(user=user, kind=kind, delivery=Delivery.OFF)
    audit_log(
        action="notification.unsubscribe", actor=user, target=user, changes={"scope": scope, "kinds": kinds}
    )
    return kinds


@transaction.atomic
def notification_mark_read(*, user, notification_ids: Iterable[int] | None = None) -> int:
    """Mark some (or all) of ``user``'s unread notifications read; another person's ids are ignored.

    Not audit-logged: reading is a person's own state, not a change anyone else sees or answers for.
    """
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        qs = qs.filter(pk__in=list(notification_ids))
    return qs.update(read_at=timezone.now())
