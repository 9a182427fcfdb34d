from django.conf import settings

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
