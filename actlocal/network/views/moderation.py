from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.network import selectors, services
from actlocal.network.forms import MoveForm, PromoteForm, ReportForm, SuspendForm
from actlocal.network.models import Reply, Report
from actlocal.network.views._common import add_service_errors


def _reply_in(thread, raw: str, *, moderator: bool) -> Reply | None:
    if not raw:
        return None
    reply = (
        Reply.objects.filter(pk=int(raw), thread=thread).first() if raw.isdigit() and len(raw) < 12 else None
    )
    if reply is None or (reply.is_hidden and not moderator):
        raise Http404
    return reply


def _moderated_thread(request, slug: str, pk: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    if not selectors.is_space_moderator(user=request.user, space=thread.space):
        raise Http404
    return thread


@login_required
@require_http_methods(["GET", "POST"])
def report_post(request, slug: str, pk: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    moderator = selectors.is_space_moderator(user=request.user, space=thread.space)
    reply = _reply_in(
        thread, request.POST.get("reply") or request.GET.get("reply") or "", moderator=moderator
    )
    form = ReportForm(request.POST or None)
    if request.method == "POST":
        if form.is_bot():
            messages.success(request, _("Thank you."))
            return redirect(thread.get_absolute_url())
        if form.is_valid():
            try:
                services.report_create(
                    reporter=request.user, thread=thread, reply=reply, reason=form.cleaned_data["reason"]
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Thank you. The space's moderators will look at it."))
                return redirect(thread.get_absolute_url())
    return render(
        request,
        "network/report_form.html",
        {"space": thread.space, "thread": thread, "reply": reply, "form": form},
    )


@login_required
@require_safe
def moderation_queue(request):
    if not selectors.user_moderates_anything(request.user):
        raise Http404
    status = request.GET.get("status", Report.Status.OPEN)
    if status not in Report.Status.values:
        status = Report.Status.OPEN
    reports = selectors.reports_for_moderator(user=request.user, status=status)[:200]
    return render(
        request,
        "network/moderation_queue.html",
        {"reports": reports, "status": status, "statuses": Report.Status.choices},
    )


@login_required
@require_POST
def report_decide(request, report_id: int):
    report = (
        selectors.reports_for_moderator(user=request.user, status=Report.Status.OPEN)
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        raise Http404
    action = request.POST.get("action")
    if action == "hide":
        services.post_hide(actor=request.user, thread=report.thread, reply=report.reply, reason=report.reason)
        messages.success(request, _("The post is hidden."))
    else:
        services.report_resolve(actor=request.user, report=report, dismiss=True)
        messages.success(request, _("The report was dismissed."))
    return redirect("network:moderation")


MODERATION_ACTIONS = {
    "hide": (lambda u, t, r: services.post_hide(actor=u, thread=t, reply=r), _("Hidden.")),
    "restore": (lambda u, t, r: services.post_restore(actor=u, thread=t, reply=r), _("Restored.")),
    "lock": (
        lambda u, t, r: services.thread_lock(actor=u, thread=t, locked=True),
        _("The thread is locked."),
    ),
    "unlock": (
        lambda u, t, r: services.thread_lock(actor=u, thread=t, locked=False),
        _("The thread is open again."),
    ),
    "pin": (lambda u, t, r: services.thread_pin(actor=u, thread=t, pinned=True), _("The thread is pinned.")),
    "unpin": (
        lambda u, t, r: services.thread_pin(actor=u, thread=t, pinned=False),
        _("The thread is no longer pinned."),
    ),
}


@login_required
@require_POST
def thread_moderate(request, slug: str, pk: int):
    thread = _moderated_thread(request, slug, pk)
    action = request.POST.get("action", "")
    if action not in MODERATION_ACTIONS:
        raise Http404
    reply = _reply_in(thread, request.POST.get("reply", ""), moderator=True)
    do, done = MODERATION_ACTIONS[action]
    try:
        do(request.user, thread, reply)
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
    else:
        messages.success(request, str(done))
    return redirect(thread.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def thread_move(request, slug: str, pk: int):
    thread = _moderated_thread(request, slug, pk)
    spaces = selectors.spaces_for_viewer(request.user).exclude(pk=thread.space_id).order_by("kind", "name")
    if not request.user.is_staff:
        from actlocal.network.models import SpaceMembership

        spaces = spaces.filter(
            memberships__user=request.user, memberships__role=SpaceMembership.Role.MODERATOR
        )
    form = MoveForm(request.POST or None, spaces=spaces)
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.thread_move(actor=request.user, thread=thread, space=form.cleaned_data["space"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The thread was moved."))
            return redirect(thread.get_absolute_url())
    return render(
        request, "network/thread_move.html", {"space": thread.space, "thread": thread, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_promote(request, slug: str, pk: int):
    thread = _moderated_thread(request, slug, pk)
    form = PromoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_promote(actor=request.user, thread=thread, **form.cleaned_data)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The thread was sent to the resource directory, where it waits for review.")
            )
            return redirect(thread.get_absolute_url())
    return render(
        request, "network/thread_promote.html", {"space": thread.space, "thread": thread, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_suspend(request, user_id: int):
    if not request.user.is_staff:
        raise Http404
    member = get_user_model().objects.filter(pk=user_id).first()
    if member is None:
        raise Http404
    form = SuspendForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "lift":
            services.suspension_lift(actor=request.user, user=member)
            messages.success(request, _("The suspension was lifted."))
            return redirect("network:member_suspend", user_id=member.pk)
        if form.is_valid():
            try:
                services.member_suspend(
                    actor=request.user,
                    user=member,
                    reason=form.cleaned_data["reason"],
                    until=form.cleaned_data["until"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The member is suspended."))
                return redirect("network:member_suspend", user_id=member.pk)
    return render(
        request,
        "network/member_suspend.html",
        {"member": member, "form": form, "suspension": selectors.active_suspension(member)},
    )
