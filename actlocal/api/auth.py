"""Who is asking: an API token (OSDI's ``OSDI-API-Token`` header, or ``Authorization: Bearer``), else the
browser session, else the public. A key that is present but wrong is refused outright (401) rather than
quietly served the public view, so a broken integration notices."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from ninja.errors import HttpError
from ninja.security import APIKeyHeader
from ninja.utils import check_csrf

from actlocal.api import selectors, services


class Viewer:
    """Truthy even for the public, so django-ninja lets anonymous readers through to the public view."""

    def __init__(self, user):
        self.user = user

    def __bool__(self) -> bool:
        return True


def presented_key(request) -> str | None:
    key = request.headers.get("OSDI-API-Token")
    if key is None:
        scheme, _, value = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "bearer" and value:
            key = value
    return key


class TokenOrSession(APIKeyHeader):
    param_name = "OSDI-API-Token"
    openapi_description = (
        "An API token from your account page, in the OSDI-API-Token header (or Authorization: Bearer). "
        "Without one you get what the public sees, or what your browser session sees."
    )

    def _get_key(self, request):
        return presented_key(request)

    def authenticate(self, request, key):
        if key is None:
            user = getattr(request, "user", None) or AnonymousUser()
            # A browser session is a cookie: writes through it need the CSRF token, as on the site.
            if (
                user.is_authenticated
                and request.method not in ("GET", "HEAD", "OPTIONS")
                and check_csrf(request)
            ):
                raise HttpError(403, "CSRF check failed")
            return Viewer(user)
        token = selectors.token_for_key(key)
        if token is None:
            return None
        services.api_token_touch(token=token)
        request.user = token.user
        return Viewer(token.user)
