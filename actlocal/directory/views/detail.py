"""Profile pages: a leader, a partner group, a resource."""

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.accounts.selectors import user_is_group_admin, user_is_staff
from actlocal.directory import selectors
from actlocal.directory.forms import ClaimInvitationForm


@require_safe
def leader_detail(request, pk: int):
    person = selectors.leader_for_viewer(viewer=request.user, pk=pk)
    context = {
        "profile": selectors.leader_profile(person=person, viewer=request.user),
        "person": person,
        "can_contact": not selectors.contact_refusal(viewer=request.user, person=person),
        "is_staff": user_is_staff(request.user),
    }
    if context["is_staff"] and person.user_id is None:
        context["claim_form"] = ClaimInvitationForm()
    return render(request, "directory/leader_detail.html", context)


@require_safe
def leader_photo(request, pk: int):
    """Photos go through the visibility rule like every other field, so they are never plain media URLs."""
    photo = selectors.leader_photo_for_viewer(viewer=request.user, pk=pk)
    response = FileResponse(photo.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_safe
def group_detail(request, slug: str):
    group = selectors.group_by_slug(viewer=request.user, slug=slug)
    return render(
        request,
        "directory/group_detail.html",
        {
            "group": group,
            "affiliations": selectors.group_people(viewer=request.user, group=group),
            "social_links": selectors.group_social_links(group),
            "events": selectors.group_upcoming_events(group),
            "can_edit": user_is_group_admin(user=request.user, group=group),
        },
    )


@require_safe
def resource_detail(request, pk: int):
    resource = selectors.resource_for_viewer(viewer=request.user, pk=pk)
    return render(
        request,
        "directory/resource_detail.html",
        {"resource": resource, "can_review": selectors.user_may_review(user=request.user, resource=resource)},
    )


@require_safe
def resource_download(request, pk: int):
    """Always a download, never shown inline: an uploaded file can never run as a page of this site."""
    resource = selectors.resource_file_for_viewer(viewer=request.user, pk=pk)
    extension = resource.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        resource.file.open("rb"),
        as_attachment=True,
        filename=f"resource-{resource.pk}.{extension}",
        content_type=resource.file_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
