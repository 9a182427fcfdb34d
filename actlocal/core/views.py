import logging

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from actlocal.core import selectors

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    glance = selectors.network_glance()
    max_state = max((n for _a, _name, n in glance.top_states), default=1)
    return render(
        request,
        "core/home.html",
        {"glance": glance, "events": selectors.upcoming_events(), "max_state": max_state},
    )


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 otherwise: for load balancers and uptime checks."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any database failure means "not healthy"; the reason goes to the log
        logger.exception("healthz: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in what a context processor needs.
    from django.template import loader

    return HttpResponse(loader.get_template("500.html").render(), status=500)
