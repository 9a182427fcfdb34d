"""Reads of the API app: the user behind a key, and a user's own tokens."""

from __future__ import annotations

import hmac

from django.http import Http404

from actlocal.api.models import ApiToken
from actlocal.api.services import key_hash, split_key


def token_for_key(raw: str) -> ApiToken | None:
    """The active token whose secret is ``raw``, or None (unknown, revoked, or its user deactivated)."""
    parts = split_key(raw.strip())
    if parts is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=parts[0]).first()
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    # Constant-time comparison: the prefix is public, so only the hash may decide.
    if not hmac.compare_digest(token.key_hash, key_hash(raw.strip())):
        return None
    return token


def tokens_of(user):
    return ApiToken.objects.filter(user=user)


def token_of(*, user, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise Http404
    return token
