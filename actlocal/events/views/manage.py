"""Hosts' authoring pages: create, edit, publish, cancel, add hosts, invite co-hosts; group admins answer
co-host invitations. Each view parses a form, calls one service, and redirects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.events import selectors
from actlocal.events.forms import CancelForm, CoHostInviteForm, EventForm, HostAddForm
from actlocal.events.services import authoring, cohosts


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def event_new(request):
    if not selectors.user_can_create_event(request.user):
        raise PermissionDenied
    form = EventForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = authoring.event_create(creator=request.user, fields=form.event_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Draft saved. Check it, then publish it when it is ready."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
@require_http_methods(["GET", "POST"])
def event_edit(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            event = authoring.event_update(event=event, actor=request.user, fields=form.event_fields())
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Changes saved."))
            return redirect(event)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
@require_POST
def event_publish(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    try:
        authoring.event_publish(event=event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Published: the event is now listed."))
    return redirect(event)


@login_required
@require_http_methods(["GET", "POST"])
def event_cancel(request, slug: str):
    event = selectors.event_for_host(user=request.user, slug=slug)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.event_cancel(event=event, actor=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The event is cancelled; attendees are being told by e-mail."))
            return redirect(event)
    return render(request, "events/event_cancel.html", {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def event_team(request, slug: str):
    """Hosts and co-host groups: add a host by e-mail, invite a partner group."""
    event = selectors.event_for_host(user=request.user, slug=slug)
    host_form = HostAddForm(request.POST if "add_host" in request.POST else None, prefix="host")
    cohost_form = CoHostInviteForm(
        request.POST if "invite_group" in request.POST else None, event=event, prefix="cohost"
    )
    if request.method == "POST":
        try:
            if "add_host" in request.POST and host_form.is_valid():
                user = authoring.event_host_add(
                    event=event, actor=request.user, email=host_form.cleaned_data["email"]
                )
                messages.success(request, _("%(email)s is now a host.") % {"email": user.email})
                return redirect("events:team", slug=event.slug)
            if "invite_group" in request.POST and cohost_form.is_valid():
                link = cohosts.cohost_invite(
                    event=event, group=cohost_form.cleaned_data["group"], invited_by=request.user
                )
                messages.success(request, _("%(group)s is invited.") % {"group": link.group.name})
                return redirect("events:team", slug=event.slug)
        except ValidationError as exc:
            _add_errors(host_form if "add_host" in request.POST else cohost_form, exc)
    return render(
        request,
        "events/event_team.html",
        {
            "event": event,
            "hosts": event.hosts.order_by("name", "email"),
            "links": selectors.event_cohost_links(event),
            "host_form": host_form,
            "cohost_form": cohost_form,
        },
    )


@login_required
def cohosting(request):
    """Pending co-host invitations for the groups the signed-in person administers."""
    return render(
        request,
        "events/cohosting.html",
        {"invitations": selectors.cohost_invitations_for_admin(request.user)},
    )


@login_required
@require_POST
def cohost_respond(request, pk: int):
    link = selectors.cohost_for_admin(user=request.user, cohost_id=pk)
    accept = request.POST.get("answer") == "accept"
    try:
        cohosts.cohost_respond(cohost=link, actor=request.user, accept=accept)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        text = _("%(group)s now co-hosts “%(event)s”.") if accept else _("%(group)s declined “%(event)s”.")
        messages.success(request, text % {"group": link.group.name, "event": link.event.title})
    return redirect("events:cohosting")
