"""The notifications inbox, the settings page and the one-click unsubscribe."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.notifications import selectors, services
from actlocal.notifications.forms import PreferencesForm
from actlocal.notifications.kinds import DIGEST_PERIODS, KINDS, kind_label
from actlocal.notifications.models import Delivery
from actlocal.notifications.tokens import read_unsubscribe_token

PAGE_SIZE = 25


@login_required
def inbox(request):
    page = Paginator(selectors.inbox_for(request.user), PAGE_SIZE).get_page(request.GET.get("page", "1")[:6])
    return render(
        request,
        "notifications/inbox.html",
        {"page_obj": page, "unread": selectors.unread_count(request.user)},
    )


@login_required
def notification_open(request, pk: int):
    """Follow a notification: it becomes read, then the person lands on what it is about."""
    notification = get_object_or_404(selectors.inbox_for(request.user), pk=pk)
    services.notification_mark_read(user=request.user, notification_ids=[notification.pk])
    # Only ever a path on this site: a stored URL is never an open redirect.
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) and notification.url.startswith(
        "/"
    ):
        return redirect(notification.url)
    return redirect("notifications:inbox")


@login_required
@require_POST
def mark_read(request):
    ids = [int(v) for v in request.POST.getlist("id")[:100] if v.isdigit()]
    count = services.notification_mark_read(user=request.user, notification_ids=ids or None)
    if count:
        messages.success(request, _("Marked as read."))
    return redirect("notifications:inbox")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    form = PreferencesForm(request.POST or None, current=selectors.preferences_for(request.user))
    if request.method == "POST" and form.is_valid():
        services.notification_preferences_save(user=request.user, choices=form.choices())
        messages.success(request, _("Your notification settings are saved."))
        return redirect("notifications:settings")
    return render(request, "notifications/settings.html", {"form": form}, status=400 if form.errors else 200)


@csrf_exempt  # RFC 8058: mail clients POST here without cookies or a form; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    found = read_unsubscribe_token(token)
    user = None
    if found is not None:
        user = get_user_model().objects.filter(pk=found[0], is_active=True).first()
    scope = found[1] if found else ""
    if user is None or not (scope in KINDS or scope in DIGEST_PERIODS):
        return render(request, "notifications/unsubscribe.html", {"state": "bad_token"}, status=400)
    what = Delivery(scope).label if scope in DIGEST_PERIODS else kind_label(scope)
    if request.method == "POST":
        services.notification_unsubscribe(user=user, scope=scope)
        return render(request, "notifications/unsubscribe.html", {"state": "done", "what": what})
    return render(request, "notifications/unsubscribe.html", {"state": "confirm", "what": what})
