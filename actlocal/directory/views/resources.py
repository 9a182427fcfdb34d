"""Submitting resources, and the review queue where staff and provider groups approve them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actlocal.accounts.selectors import user_is_member
from actlocal.directory import selectors, services
from actlocal.directory.forms import ResourceForm, ReviewForm


@login_required
@require_http_methods(["GET", "POST"])
def resource_submit(request):
    if not user_is_member(request.user):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_submit(actor=request.user, data=form.resource_data())
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Thank you. The resource will appear once it is reviewed."))
            return redirect(resource)
    return render(
        request, "directory/resource_submit.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_safe
def review_queue(request):
    if not selectors.user_reviews_resources(request.user):
        raise PermissionDenied
    pending = selectors.resources_to_review(request.user)
    return render(request, "directory/resource_review.html", {"pending": pending, "form": ReviewForm()})


@login_required
@require_POST
def resource_review(request, pk: int):
    resource = selectors.resource_for_reviewer(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or reject (a note can be at most 2,000 characters)."))
        return redirect("directory:resource_review_queue")
    approve = form.cleaned_data["decision"] == "approve"
    services.resource_review(
        resource=resource, actor=request.user, approve=approve, note=form.cleaned_data["note"]
    )
    if approve:
        messages.success(request, _("“%(title)s” is now public.") % {"title": resource.title})
    else:
        messages.success(request, _("“%(title)s” was rejected.") % {"title": resource.title})
    return redirect("directory:resource_review_queue")


@login_required
@require_POST
def resource_checked(request, pk: int):
    resource = selectors.resource_for_reviewer(user=request.user, pk=pk)
    services.resource_mark_checked(resource=resource, actor=request.user)
    messages.success(request, _("Marked as checked today."))
    return redirect(resource)
