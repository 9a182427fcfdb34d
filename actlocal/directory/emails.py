"""The directory's e-mails, built from the database by id when the delivery task runs (see core/emails.py).

No ``reply_to``, ever: replying to a message from the platform must not reveal anyone's address.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from actlocal.core.emails import email_builder
from actlocal.directory.models import ContactMessage, Resource


def _message(template: str, context: dict, to: str) -> EmailMessage:
    subject = render_to_string(f"directory/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"directory/email/{template}_message.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


@email_builder("directory.contact_message")
def build_contact_message(object_id: int) -> EmailMessage | None:
    from actlocal.directory import selectors

    message = ContactMessage.objects.select_related("sender", "person").filter(pk=object_id).first()
    if message is None or message.delivered_at is not None or not message.person.email:
        return None
    context = {
        "message": message,
        "person": message.person,
        "sender_name": selectors.contact_sender_name(message.sender),
        "reply_url": selectors.contact_reply_url(sender=message.sender, recipient=message.person),
        "profile_url": settings.SITE_URL + reverse("directory:my_profile"),
    }
    email = _message("contact", context, message.person.email)
    email.after_send = lambda: ContactMessage.objects.filter(pk=object_id).update(delivered_at=timezone.now())
    return email


@email_builder("directory.resource_reviewed")
def build_resource_reviewed(object_id: int) -> EmailMessage | None:
    resource = Resource.objects.select_related("submitted_by").filter(pk=object_id).first()
    if resource is None or resource.status == Resource.Status.PENDING:
        return None
    submitter = resource.submitted_by
    if submitter is None or not submitter.email:
        return None
    context = {"resource": resource, "url": settings.SITE_URL + resource.get_absolute_url()}
    return _message("resource_reviewed", context, submitter.email)
