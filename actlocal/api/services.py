"""Writes of the API app: making and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.api.models import ApiToken
from actlocal.core.audit import audit_log

# "al_" marks our tokens in logs and secret scanners; the prefix after it is public, the rest secret.
TOKEN_MARK = "al_"  # noqa: S105 (a public marker, not a secret)
PREFIX_LENGTH = 8
MAX_ACTIVE_TOKENS = 20


def key_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def split_key(raw: str) -> tuple[str, str] | None:
    """The public prefix of a well-formed key, or None: malformed keys never reach the database."""
    if not raw.startswith(TOKEN_MARK) or len(raw) > 100:
        return None
    body = raw[len(TOKEN_MARK) :]
    prefix, dot, secret = body.partition(".")
    if not dot or len(prefix) != PREFIX_LENGTH or not secret:
        return None
    return prefix, secret


@transaction.atomic
def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it with the full key, which is not stored anywhere."""
    name = " ".join((name or "").split())[:100]
    if not name:
        raise ValidationError(_("Give the token a name, such as the program that will use it."), code="name")
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("You already have %(count)d active tokens; revoke one you no longer use first.")
            % {"count": MAX_ACTIVE_TOKENS},
            code="too_many",
        )
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    raw = f"{TOKEN_MARK}{prefix}.{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=key_hash(raw))
    audit_log(action="api_token.create", actor=user, target=token, changes={"name": name})
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_log(action="api_token.revoke", actor=actor, target=token)
    return token


def api_token_touch(*, token: ApiToken) -> None:
    """Record use at most once a minute, so a busy client does not turn every read into a write."""
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() >= 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
