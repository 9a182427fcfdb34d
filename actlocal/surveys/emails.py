"""The e-mail that takes an event's survey to its attendees, built by id when the delivery task runs."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from actlocal.core.emails import email_builder
from actlocal.surveys.models import Survey


@email_builder("surveys.event_survey")
def build_event_survey(object_id: int) -> EmailMessage | None:
    """``object_id`` is the RSVP; None when the person has no address or the survey closed meanwhile."""
    from actlocal.events.models import Rsvp

    rsvp = Rsvp.objects.select_related("event", "person").filter(pk=object_id).first()
    if rsvp is None or not rsvp.person.email:
        return None
    survey = (
        Survey.objects.filter(event=rsvp.event, status=Survey.Status.OPEN).order_by("-created_at").first()
    )
    if survey is None:
        return None
    context = {
        "person": rsvp.person,
        "event": rsvp.event,
        "survey": survey,
        "url": settings.SITE_URL + survey.get_absolute_url() + "?via=event",
    }
    return EmailMessage(
        subject=_("How was %(event)s? A few questions") % {"event": rsvp.event.title},
        body=render_to_string("surveys/email_event_survey.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[rsvp.person.email],
    )
