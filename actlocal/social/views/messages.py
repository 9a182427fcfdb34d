"""Private messages: the inbox, writing to one leader or a small group, a conversation, reporting."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actlocal.social import selectors, services
from actlocal.social.forms import GroupMessageForm, MessageForm, ReportForm
from actlocal.social.views._common import error_text, status_for

PAGE_SIZE = 25


@login_required
def inbox(request):
    page = Paginator(selectors.conversations_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("page", "1")[:6]
    )
    others = {}
    for conversation in page:
        others[conversation.pk] = [
            p.user_id for p in conversation.participants.all() if p.user_id != request.user.pk
        ]
    names = selectors.names_for({uid for ids in others.values() for uid in ids}, request.user)
    rows = [
        {"conversation": c, "names": ", ".join(names[uid] for uid in others[c.pk]) or _("Only you")}
        for c in page
    ]
    return render(
        request,
        "social/inbox.html",
        {"page_obj": page, "rows": rows, "refusal": selectors.participation_refusal(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def message_new(request):
    """Write to one leader (``?to=<profile id>``) or to a group of one's connections."""
    refusal = selectors.participation_refusal(request.user)
    to = request.GET.get("to", "")
    if to:
        return _message_one(request, to, refusal)
    connected = selectors.profiles_by_user(selectors.connected_user_ids(request.user), request.user)
    choices = sorted(((str(p.pk), p.full_name) for p in connected.values()), key=lambda c: c[1])
    form = GroupMessageForm(request.POST or None, choices=choices)
    status = 200
    if refusal:
        status = 403
    elif request.method == "POST":
        if form.is_valid():
            chosen = {int(pk) for pk in form.cleaned_data["recipients"]}
            people = [p for p in connected.values() if p.pk in chosen]
            try:
                conversation = services.conversation_start(
                    sender=request.user, recipients=people, body=form.cleaned_data["body"]
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
                status = status_for(exc)
            else:
                messages.success(request, _("Your message was sent."))
                return redirect("social:conversation", conversation.pk)
        else:
            status = 400
    return render(
        request,
        "social/message_new.html",
        {"form": form, "refusal": refusal, "person": None, "has_connections": bool(choices)},
        status=status,
    )


def _message_one(request, to: str, refusal: str):
    if not to.isdigit():
        return redirect("social:message_new")
    person = selectors.leader_for_member(viewer=request.user, pk=int(to[:12]))
    refusal = refusal or selectors.recipient_refusal(sender=request.user, person=person, message=True)
    form = MessageForm(request.POST or None)
    status = 403 if refusal else 200
    if not refusal and request.method == "POST":
        if form.is_valid():
            try:
                conversation = services.conversation_start(
                    sender=request.user, recipients=[person], body=form.cleaned_data["body"]
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
                status = status_for(exc)
            else:
                messages.success(request, _("Your message was sent."))
                return redirect("social:conversation", conversation.pk)
        else:
            status = 400
    context = {
        "form": form,
        "refusal": refusal,
        "person": person,
        "name": selectors.display_name(person, request.user),
        "no_account": person.user_id is None,
    }
    return render(request, "social/message_new.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def conversation(request, pk: int):
    convo = selectors.conversation_for_member(user=request.user, conversation_id=pk)
    form = MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_send(sender=request.user, conversation=convo, body=form.cleaned_data["body"])
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
                status = status_for(exc)
            else:
                return redirect("social:conversation", convo.pk)
        else:
            status = 400
    else:
        services.conversation_mark_read(user=request.user, conversation=convo)
    others = selectors.other_participants(convo, request.user)
    profiles = selectors.profiles_by_user([u.pk for u in others], request.user)
    names = selectors.names_for([request.user, *others], request.user)
    thread = [
        {
            "message": m,
            "name": names.get(m.sender_id) or _("A former member"),
            "mine": m.sender_id == request.user.pk,
        }
        for m in selectors.conversation_messages(convo)
    ]
    context = {
        "conversation": convo,
        "thread": thread,
        "form": form,
        "others": [{"user": u, "name": names[u.pk], "person": profiles.get(u.pk)} for u in others],
        "title": ", ".join(names[u.pk] for u in others) or _("Only you"),
        "refusal": selectors.participation_refusal(request.user),
    }
    return render(request, "social/conversation.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def message_report(request, pk: int, message_id: int):
    convo = selectors.conversation_for_member(user=request.user, conversation_id=pk)
    message = selectors.message_for_participant(user=request.user, conversation=convo, message_id=message_id)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.message_report(
                    reporter=request.user, message=message, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                form.add_error(None, error_text(exc))
                status = status_for(exc)
            else:
                messages.success(request, _("Thank you. Network staff will look at this message."))
                return redirect("social:conversation", convo.pk)
        else:
            status = 400
    names = selectors.names_for([message.sender_id], request.user) if message.sender_id else {}
    return render(
        request,
        "social/message_report.html",
        {"form": form, "conversation": convo, "message": message, "name": names.get(message.sender_id, "")},
        status=status,
    )


@login_required
def report_queue(request):
    reports = selectors.open_message_reports(request.user)
    page = Paginator(reports, PAGE_SIZE).get_page(request.GET.get("page", "1")[:6])
    return render(request, "social/report_queue.html", {"page_obj": page})


@login_required
@require_http_methods(["GET", "POST"])
def report_detail(request, pk: int):
    report = selectors.message_report_for_staff(user=request.user, pk=pk)
    if request.method == "POST":
        action = request.POST.get("action")
        if action in {"dismiss", "remove"}:
            services.message_report_resolve(staff_user=request.user, report=report, remove=action == "remove")
            messages.success(
                request,
                _("The message was removed.") if action == "remove" else _("The report was dismissed."),
            )
            return redirect("social:report_queue")
    sender = selectors.leader_profile_of(report.message.sender) if report.message.sender_id else None
    reporter = selectors.leader_profile_of(report.reporter)
    return render(
        request,
        "social/report_detail.html",
        {
            "report": report,
            "sender_name": selectors.display_name(sender, request.user),
            "reporter_name": selectors.display_name(reporter, request.user),
            "sender_profile": sender,
        },
    )
