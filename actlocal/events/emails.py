"""E-mails about RSVPs, built from the database by id when the delivery task runs (see core/emails.py).

Each builder returns None when its mail no longer applies (the RSVP was cancelled or the event called off
before the queue got to it), so a late retry never tells someone "you're in" after they left.
"""

from __future__ import annotations

from email.mime.image import MIMEImage
from io import BytesIO

import segno
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.emails import email_builder
from actlocal.events import ics
from actlocal.events.models import Event, Rsvp
from actlocal.events.selectors_rsvp import waitlist_position
from actlocal.events.tokens import cancel_token, checkin_token

QR_CID = "checkin-qr"


def _mark_confirmation_sent(rsvp_id: int) -> None:
    # Run by core.emails once the server has accepted the message, not before.
    Rsvp.objects.filter(pk=rsvp_id, confirmation_sent_at__isnull=True).update(
        confirmation_sent_at=timezone.now()
    )


def _rsvp(rsvp_id: int) -> Rsvp | None:
    return Rsvp.objects.select_related("event", "person").filter(pk=rsvp_id).first()


def _live(rsvp: Rsvp | None, status: str) -> bool:
    return (
        rsvp is not None
        and rsvp.status == status
        and rsvp.event.status == Event.Status.PUBLISHED
        and rsvp.event.ends_at > timezone.now()
        and bool(rsvp.person.email)
    )


def qr_png(url: str) -> bytes:
    out = BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=6, border=2)
    return out.getvalue()


def _build(
    rsvp: Rsvp, *, kind: str, subject: str, confirmed: bool, extra: dict | None = None
) -> EmailMultiAlternatives:
    event = rsvp.event
    checkin_url = settings.SITE_URL + reverse("events:checkin_token", args=[checkin_token(rsvp)])
    context = {
        "kind": kind,
        "rsvp": rsvp,
        "event": event,
        "person": rsvp.person,
        "event_url": ics.event_url(event),
        "cancel_url": settings.SITE_URL + reverse("events:rsvp_cancel", args=[cancel_token(rsvp)]),
        "checkin_url": checkin_url if confirmed else "",
        # Confirmed attendees get the street address; the waitlist gets the city only.
        "location": ics.event_location(event, include_address=confirmed),
        "online_url": event.online_url if confirmed else "",
        "qr_cid": QR_CID,
        **(extra or {}),
    }
    # Times in the e-mail are the event's local time, whatever zone the worker runs in.
    with timezone.override(ics.event_zone(event)):
        text = render_to_string("events/email/rsvp.txt", context)
        html = render_to_string("events/email/rsvp.html", context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[rsvp.person.email]
    )
    if kind in {"confirmation", "promoted"}:
        message.after_send = lambda: _mark_confirmation_sent(rsvp.pk)
    message.attach_alternative(html, "text/html")
    if confirmed:
        image = MIMEImage(qr_png(checkin_url), "png")
        image.add_header("Content-ID", f"<{QR_CID}>")
        image.add_header("Content-Disposition", "inline", filename="check-in.png")
        message.attach(image)
        message.attach(
            "event.ics", ics.event_ics(event, include_address=True), "text/calendar; method=PUBLISH"
        )
    return message


@email_builder("events.rsvp_confirmation")
def build_rsvp_confirmation(object_id: int) -> EmailMultiAlternatives | None:
    rsvp = _rsvp(object_id)
    if not _live(rsvp, Rsvp.Status.CONFIRMED):
        return None
    subject = _("You're in: %(title)s") % {"title": rsvp.event.title}
    return _build(rsvp, kind="confirmation", subject=subject, confirmed=True)


@email_builder("events.rsvp_promoted")
def build_rsvp_promoted(object_id: int) -> EmailMultiAlternatives | None:
    rsvp = _rsvp(object_id)
    if not _live(rsvp, Rsvp.Status.CONFIRMED):
        return None
    subject = _("A seat opened up: you're in for %(title)s") % {"title": rsvp.event.title}
    return _build(rsvp, kind="promoted", subject=subject, confirmed=True)


@email_builder("events.rsvp_waitlisted")
def build_rsvp_waitlisted(object_id: int) -> EmailMultiAlternatives | None:
    rsvp = _rsvp(object_id)
    if not _live(rsvp, Rsvp.Status.WAITLISTED):
        return None
    subject = _("You're on the waitlist for %(title)s") % {"title": rsvp.event.title}
    extra = {"position": waitlist_position(rsvp)}
    return _build(rsvp, kind="waitlisted", subject=subject, confirmed=False, extra=extra)


@email_builder("events.rsvp_reminder_day")
def build_rsvp_reminder_day(object_id: int) -> EmailMultiAlternatives | None:
    rsvp = _rsvp(object_id)
    if not _live(rsvp, Rsvp.Status.CONFIRMED):
        return None
    subject = _("Tomorrow: %(title)s") % {"title": rsvp.event.title}
    return _build(rsvp, kind="reminder_day", subject=subject, confirmed=True)


@email_builder("events.rsvp_reminder_hours")
def build_rsvp_reminder_hours(object_id: int) -> EmailMultiAlternatives | None:
    rsvp = _rsvp(object_id)
    if not _live(rsvp, Rsvp.Status.CONFIRMED):
        return None
    subject = _("Starting soon: %(title)s") % {"title": rsvp.event.title}
    return _build(rsvp, kind="reminder_hours", subject=subject, confirmed=True)
