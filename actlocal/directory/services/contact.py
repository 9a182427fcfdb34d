"""'Contact this leader': a message by e-mail through the platform, neither address revealed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.core.emails import queue_email
from actlocal.core.ratelimit import rate_limited
from actlocal.directory import emails  # noqa: F401  (registers the e-mails queued here)
from actlocal.directory.models import ContactMessage, Person

CONTACT_LIMIT_PER_HOUR = 5


def _contact_rate_limited(sender) -> bool:
    return rate_limited(f"directory:contact:{sender.pk}", CONTACT_LIMIT_PER_HOUR, 3600)


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
    queue_email("directory.contact_message", message.pk)
    return message
