"""E-mails from event authoring: a cancellation to each attendee, a co-host invitation to a group's admins.

Built by id when the delivery task runs (see core/emails.py); imported from ``EventsConfig.ready()``.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils.translation import gettext as _

from actlocal.core.emails import email_builder
from actlocal.events import ics
from actlocal.events.models import CoHost, Event, Rsvp


def _local_start(event: Event) -> str:
    return event.starts_at.astimezone(ics.event_zone(event)).strftime("%a %b %-d, %Y %-I:%M %p %Z")


@email_builder("events.event_cancelled")
def build_event_cancelled(rsvp_id: int) -> EmailMessage | None:
    rsvp = Rsvp.objects.select_related("event", "person").filter(pk=rsvp_id).first()
    if rsvp is None or rsvp.event.status != Event.Status.CANCELLED or not rsvp.person.email:
        return None
    event = rsvp.event
    body = _(
        "Hello %(name)s,\n\n“%(title)s” on %(when)s has been cancelled.\n\nThe hosts say: %(reason)s\n\n"
        "%(url)s\n"
    ) % {
        "name": rsvp.person.first_name,
        "title": event.title,
        "when": _local_start(event),
        "reason": event.cancel_reason,
        "url": ics.event_url(event),
    }
    return EmailMessage(
        subject=_("Cancelled: %(title)s") % {"title": event.title},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[rsvp.person.email],
    )


@email_builder("events.cohost_invited")
def build_cohost_invited(cohost_id: int) -> EmailMessage | None:
    link = CoHost.objects.select_related("event", "group").filter(pk=cohost_id).first()
    if link is None or link.status != CoHost.Status.INVITED:
        return None
    admins = list(link.group.admins.filter(is_active=True).values_list("email", flat=True))
    if not admins:
        return None
    event = link.event
    body = _(
        "%(group)s is invited to co-host “%(title)s” (%(when)s, %(place)s).\n\n"
        "Accept or decline here: %(answer_url)s\n\nThe event: %(url)s\n"
    ) % {
        "group": link.group.name,
        "title": event.title,
        "when": _local_start(event),
        "place": ics.event_location(event),
        "answer_url": settings.SITE_URL + reverse("events:cohosting"),
        "url": ics.event_url(event),
    }
    return EmailMessage(
        subject=_("Co-host invitation: %(title)s") % {"title": event.title},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=admins,
    )
