"""'Contact this leader': a message by e-mail through the platform, neither address revealed."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.directory.models import ContactMessage, Person
from actlocal.directory.services._common import send_directory_mail

CONTACT_LIMIT_PER_HOUR = 5


def _contact_rate_limited(sender) -> bool:
    key = f"directory:contact:{sender.pk}"
    cache.add(key, 0, timeout=3600)  # the window starts with the first message of the hour
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        count = 1
    return count > CONTACT_LIMIT_PER_HOUR


@transaction.atomic
def contact_message_send(*, sender, person: Person, subject: str, body: str) -> ContactMessage:
    """Send ``person`` a message by e-mail from the platform. She sees the sender's name and a link to
    answer through ActLocal; neither sees the other's address. Permission is ``contact_target_for``'s;
    this checks the rules again so no other caller can skip them."""
    from actlocal.directory import selectors

    refusal = selectors.contact_refusal(viewer=sender, person=person)
    if refusal:
        raise PermissionDenied(refusal)
    if _contact_rate_limited(sender):
        raise ValidationError(
            _("You have sent %(n)s messages in the last hour. Please wait a while before sending more.")
            % {"n": CONTACT_LIMIT_PER_HOUR},
            code="rate_limited",
        )
    message = ContactMessage.objects.create(sender=sender, person=person, subject=subject, body=body)
    audit_log(action="contact_message.create", actor=sender, target=message, changes={"person": person.pk})
    context = {
        "message": message,
        "person": person,
        "sender_name": selectors.contact_sender_name(sender),
        "reply_url": selectors.contact_reply_url(sender=sender, recipient=person),
        "profile_url": settings.SITE_URL + reverse("directory:my_profile"),
    }
    to = person.email

    def deliver():
        send_directory_mail(template="contact", context=context, to=[to])
        ContactMessage.objects.filter(pk=message.pk).update(delivered_at=timezone.now())

    transaction.on_commit(deliver)
    return message
