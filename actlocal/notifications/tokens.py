"""Signed one-click unsubscribe tokens (RFC 8058). A token names a person and a scope: one kind of
notification, or a digest period ("daily", "weekly") for the digests. Tokens never expire (a link in an
old e-mail must still work) and carry no secret: the signature is what makes them unforgeable."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "actlocal.notifications.unsubscribe"


def unsubscribe_token(user_id: int, scope: str) -> str:
    return signing.dumps([user_id, scope], salt=SALT)


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    """(user id, scope) for a genuine token; None for anything tampered with or malformed."""
    try:
        value = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, UnicodeError):
        return None
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not isinstance(value[0], int)
        or not isinstance(value[1], str)
    ):
        return None
    return value[0], value[1]


def unsubscribe_url(user_id: int, scope: str) -> str:
    return settings.SITE_URL + reverse("notifications:unsubscribe", args=[unsubscribe_token(user_id, scope)])


def unsubscribe_headers(url: str) -> dict[str, str]:
    """The headers that let a mail client offer "Unsubscribe" and POST it without a login (RFC 8058)."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
