from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.network import selectors, services
from actlocal.network.forms import ReplyEditForm, ReplyForm, ThreadEditForm, ThreadForm
from actlocal.network.models import Reply, Thread
from actlocal.network.rendering import PostContext, post_html, posts_html
from actlocal.network.search import thread_search_page
from actlocal.network.views._common import add_service_errors


def _tell_unlinked(request, post) -> None:
    unlinked = getattr(post, "unlinked_mentions", [])
    if unlinked:
        messages.warning(
            request,
            _(
                "These names were not linked and nobody was notified: %(names)s. Only people who can see this space can be mentioned."
            )
            % {"names": ", ".join(f"@{h}" for h in unlinked)},
        )


def _thread_context(request, thread: Thread, *, reply_form=None) -> dict:
    page = selectors.replies_page(thread=thread, page=request.GET.get("page", "1")[:6])
    moderator = selectors.is_space_moderator(user=request.user, space=thread.space)
    is_asker = request.user.is_authenticated and thread.author_id == request.user.pk
    post_ctx = PostContext.for_page(request=request, thread=thread, is_asker=is_asker, is_moderator=moderator)
    accepted = selectors.accepted_reply(thread) if page.number == 1 else None
    return {
        "space": thread.space,
        "thread": thread,
        "accepted_html": post_html(accepted, post_ctx, accepted=True) if accepted else "",
        "replies_html": posts_html(page.object_list, post_ctx),
        "page": page,
        "attachments": [a for a in thread.attachments.all() if a.reply_id is None],
        "tags": list(thread.tags.all()),
        "is_moderator": moderator,
        "is_asker": is_asker,
        "posting_refusal": selectors.posting_refusal(user=request.user, space=thread.space),
        "reply_form": reply_form or ReplyForm(),
    }


@require_safe
def thread_detail(request, slug: str, pk: int):
    try:
        thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    except Http404:
        # A thread moved to another space: links in old notifications follow it, for those who may read
        # it there (anyone else still gets the same 404).
        thread = selectors.thread_for_reader(user=request.user, thread_id=pk)
        return redirect(thread.get_absolute_url(), permanent=True)
    return render(request, "network/thread_detail.html", _thread_context(request, thread))


@login_required
@require_http_methods(["GET", "POST"])
def thread_new(request, slug: str):
    space = selectors.space_for_viewer(viewer=request.user, slug=slug)
    refusal = selectors.posting_refusal(user=request.user, space=space)
    form = ThreadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and not refusal:
        if form.is_bot():
            messages.success(request, _("Thank you."))
            return redirect(space.get_absolute_url())
        if form.is_valid():
            data = form.cleaned_data
            try:
                thread = services.thread_create(
                    author=request.user, space=space, title=data["title"], body=data["body"],
                    kind=data["kind"], tags=data["tags"], files=data["files"],
                )  # fmt: skip
            except (ValidationError, PermissionDenied) as exc:
                if isinstance(exc, PermissionDenied):
                    refusal = str(exc)
                else:
                    add_service_errors(form, exc)
            else:
                _tell_unlinked(request, thread)
                return redirect(thread.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "network/thread_form.html", {"space": space, "form": form, "refusal": refusal}, status=status
    )


@login_required
@require_POST
def reply_submit(request, slug: str, pk: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    form = ReplyForm(request.POST, request.FILES)
    if form.is_bot():
        messages.success(request, _("Thank you."))
        return redirect(thread.get_absolute_url())
    if form.is_valid():
        try:
            reply = services.reply_create(
                author=request.user,
                thread=thread,
                body=form.cleaned_data["body"],
                files=form.cleaned_data["files"],
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _tell_unlinked(request, reply)
            messages.success(request, _("Your reply was posted."))
            return redirect(f"{thread.get_absolute_url()}?page=last#reply-{reply.pk}")
    # The reply is refused: the page comes back with the text kept, and says why.
    return render(
        request, "network/thread_detail.html", _thread_context(request, thread, reply_form=form), status=400
    )


@login_required
@require_http_methods(["GET", "POST"])
def thread_edit(request, slug: str, pk: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    moderator = selectors.is_space_moderator(user=request.user, space=thread.space)
    if not (moderator or thread.author_id == request.user.pk):
        raise Http404
    initial = {
        "title": thread.title,
        "body": thread.body,
        "tags": ", ".join(t.name for t in thread.tags.all()),
    }
    form = ThreadEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and not form.is_bot() and form.is_valid():
        try:
            data = form.cleaned_data
            thread = services.thread_edit(
                actor=request.user, thread=thread, title=data["title"], body=data["body"], tags=data["tags"]
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _tell_unlinked(request, thread)
            messages.success(request, _("Your changes were saved."))
            return redirect(thread.get_absolute_url())
    return render(
        request, "network/thread_edit.html", {"space": thread.space, "thread": thread, "form": form}
    )


@login_required
@require_http_methods(["GET", "POST"])
def reply_edit(request, slug: str, pk: int, reply_id: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    reply = selectors.reply_for_reader(user=request.user, reply_id=reply_id)
    moderator = selectors.is_space_moderator(user=request.user, space=thread.space)
    if reply.thread_id != thread.pk or not (moderator or reply.author_id == request.user.pk):
        raise Http404
    form = ReplyEditForm(request.POST or None, initial={"body": reply.body})
    if request.method == "POST" and not form.is_bot() and form.is_valid():
        try:
            reply = services.reply_edit(actor=request.user, reply=reply, body=form.cleaned_data["body"])
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            _tell_unlinked(request, reply)
            messages.success(request, _("Your changes were saved."))
            return redirect(f"{thread.get_absolute_url()}#reply-{reply.pk}")
    return render(request, "network/reply_edit.html", {"space": thread.space, "thread": thread, "form": form})


@login_required
@require_POST
def thread_solve(request, slug: str, pk: int):
    thread = selectors.thread_for_reader(user=request.user, thread_id=pk, space_slug=slug)
    reply_id = request.POST.get("reply", "")
    try:
        if request.POST.get("action") == "unsolve":
            services.thread_unsolve(actor=request.user, thread=thread)
            messages.success(request, _("The question is open again."))
        else:
            reply = (
                Reply.objects.filter(pk=int(reply_id), thread=thread).first() if reply_id.isdigit() else None
            )
            if reply is None:
                raise Http404
            services.thread_solve(actor=request.user, thread=thread, reply=reply)
            messages.success(request, _("Marked solved: the accepted answer is now shown first."))
    except (PermissionDenied, ValidationError) as exc:
        messages.error(request, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
    return redirect(thread.get_absolute_url())


@require_safe
def attachment_download(request, pk: int):
    """Attachments are streamed after the same check as their thread (404 for anyone who may not read
    it). Images open in the page; PDFs download, so no viewer runs them in our origin."""
    attachment = selectors.attachment_for_reader(user=request.user, attachment_id=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        as_attachment=not attachment.is_image,
        filename=attachment.original_name,
        content_type=attachment.file_type,
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_safe
def thread_search(request):
    q = " ".join((request.GET.get("q") or "").split())[:200]
    results = (
        thread_search_page(viewer=request.user, q=q, page=request.GET.get("page", "1")[:6]) if q else None
    )
    return render(
        request,
        "network/search.html",
        {"q": q, "page": results.page if results else None, "capped": results.capped if results else False},
    )
