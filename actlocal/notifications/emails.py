"""Notification e-mails: one right away per "instant" notification (built here, by id, when the delivery
task runs; see core/emails.py) and the digests (see digests.py). Every one is sent from the site's
address, never with a Reply-To, and carries a one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from actlocal.core.emails import email_builder
from actlocal.notifications.kinds import kind_label
from actlocal.notifications.models import Delivery, Notification
from actlocal.notifications.selectors import delivery_for
from actlocal.notifications.tokens import unsubscribe_headers, unsubscribe_url

# Control, zero-width and bidirectional-override characters: a subject line must be one plain line.
_UNSAFE_HEADER = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+")


def header_text(text: str, limit: int = 150) -> str:
    return " ".join(_UNSAFE_HEADER.sub(" ", text).split())[:limit]


def absolute(url: str) -> str:
    return url if url.startswith(("http://", "https://")) else settings.SITE_URL + url


def settings_url() -> str:
    return settings.SITE_URL + reverse("notifications:settings")


@email_builder("notifications.instant")
def build_instant(object_id: int) -> EmailMessage | None:
    notification = Notification.objects.select_related("recipient").filter(pk=object_id).first()
    if notification is None or notification.emailed_at is not None:
        return None
    recipient = notification.recipient
    if not recipient.is_active or not recipient.email:
        return None
    # The person may have changed their mind between the event and this delivery.
    if delivery_for(user=recipient, kind=notification.kind) != Delivery.INSTANT:
        return None
    unsubscribe = unsubscribe_url(recipient.pk, notification.kind)
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {
            "notification": notification,
            "kind_label": kind_label(notification.kind),
            "url": absolute(notification.url),
            "settings_url": settings_url(),
            "unsubscribe_url": unsubscribe,
        }
        body = render_to_string("notifications/email/instant_message.txt", context)
        subject = header_text(notification.title)
    email = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [recipient.email],
        headers=unsubscribe_headers(unsubscribe),
    )
    email.after_send = lambda: Notification.objects.filter(pk=object_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    return email
