"""What the directory's services share: change tracking, e-mail. (Search stays fresh by itself: see
actlocal/search/indexing.py.)"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string


def changed_fields(obj, data: dict, fields) -> list[str]:
    """Copy ``data``'s values for ``fields`` onto ``obj``; the names of those that differed."""
    changed = []
    for field in fields:
        if field in data and getattr(obj, field) != data[field]:
            setattr(obj, field, data[field])
            changed.append(field)
    return changed


def send_directory_mail(*, template: str, context: dict, to: list[str]) -> None:
    subject = render_to_string(f"directory/email/{template}_subject.txt", context).strip()
    body = render_to_string(f"directory/email/{template}_message.txt", context)
    # No reply_to, ever: replying must not reveal the recipient's address to anyone.
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, to).send()
