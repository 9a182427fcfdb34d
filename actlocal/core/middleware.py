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
