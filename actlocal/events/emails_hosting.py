"""E-mail a host sends to attendees ("Parking is behind the library"), one message per attendee.

The queued object is the per-recipient audit entry that ``attendees_message`` wrote; it points at the
broadcast entry holding the subject and body. Built at delivery time, so an attendee who cancelled in
the meantime is skipped, and nobody's address ever appears in another attendee's message.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actlocal.core.emails import email_builder
from actlocal.core.models import AuditEntry
from actlocal.events import ics
from actlocal.events.models import Rsvp

ATTENDEE_MESSAGE = "events.attendee_message"


@email_builder(ATTENDEE_MESSAGE)
def build_attendee_message(entry_id: int) -> EmailMessage | None:
    entry = AuditEntry.objects.filter(pk=entry_id, action="events.attendee_message_sent").first()
    if entry is None:
        return None
    broadcast = AuditEntry.objects.filter(
        pk=entry.changes.get("broadcast"), action="events.attendees_message"
    ).first()
    rsvp = Rsvp.objects.select_related("event", "person").filter(pk=entry.target_id).first()
    if broadcast is None or rsvp is None or rsvp.status == Rsvp.Status.CANCELLED or not rsvp.person.email:
        return None
    context = {
        "event": rsvp.event,
        "person": rsvp.person,
        "body": broadcast.changes.get("body", ""),
        "event_url": ics.event_url(rsvp.event),
    }
    subject = _("%(event)s: %(subject)s") % {
        "event": rsvp.event.title,
        "subject": broadcast.changes.get("subject", ""),
    }
    # Subjects are one line: a pasted newline would otherwise break the header.
    subject = " ".join(subject.split())[:250]
    return EmailMessage(
        subject=subject,
        body=render_to_string("events/host_message_email.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[rsvp.person.email],
    )
