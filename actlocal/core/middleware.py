from functools import cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.middleware import CSPMiddleware as LibraryCSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from actlocal.core.request_context import RequestOrigin, reset_origin, set_origin


class RequestContextMiddleware:
    """Remember where the request came from for the audit log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        ip = request.META.get("REMOTE_ADDR") or None
        if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
            # Behind our own proxy the client is the first hop it recorded.
            forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
            ip = forwarded.split(",")[0].strip() or ip
        token = set_origin(
            RequestOrigin(ip_address=ip, user_agent=request.META.get("HTTP_USER_AGENT", "")[:255])
        )
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)


class StripNulBytesMiddleware:
    """A NUL character in a query parameter is never meaningful, and PostgreSQL refuses it in text with an
    error deep inside a query. Drop it from the query string before any view sees it, so a filter with one
    behaves like any other odd filter. (Forms refuse NUL themselves with a field error.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get("QUERY_STRING", ""):
            cleaned = request.GET.copy()
            for key in list(cleaned):
                values = [value.replace("\x00", "") for value in cleaned.getlist(key)]
                del cleaned[key]
                cleaned.setlist(key.replace("\x00", ""), values)
            cleaned._mutable = False
            request.GET = cleaned
        return self.get_response(request)


# What a view's ``csp_update``/``csp_replace``/``csp_exempt`` decorators leave on its response.
_PER_VIEW = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
_DEBUG_EXEMPT = (404, 500)


@cache
def _site_policy(report_only: bool) -> str:
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def _policy_changed(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _site_policy.cache_clear()


class CSPMiddleware(LibraryCSPMiddleware):
    """django-csp's middleware, with the site's own policy built once per process.

    Why: the library builds the header text again for every response, which cost a twentieth of an RSVP
    in a surge, though without a nonce or a view's own policy the text is the same every time. Such a
    response (ours all are: no inline script, no per-view policy) gets the header built once; any other
    takes the library's own path. ``core/tests/test_csp.py`` holds the two to the same headers."""

    def process_response(self, request, response):
        if getattr(request, "_csp_nonce", None) is not None or any(hasattr(response, a) for a in _PER_VIEW):
            return super().process_response(request, response)
        if response.status_code in _DEBUG_EXEMPT and settings.DEBUG:
            return response
        for header, name, exempt in (
            (HEADER, "CONTENT_SECURITY_POLICY", "_csp_exempt"),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY", "_csp_exempt_ro"),
        ):
            policy = _site_policy(header == HEADER_REPORT_ONLY)
            if not policy or header in response or getattr(response, exempt, False) is not False:
                continue
            prefixes = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if not request.path_info.startswith(tuple(prefixes)):
                response[header] = policy
        # As the library does: a nonce asked for after the header is written is an error, not a silent gap.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
