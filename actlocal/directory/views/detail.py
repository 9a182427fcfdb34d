"""Profile pages: a leader, a partner group, a resource."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.directory import selectors


@require_safe
def leader_detail(request, pk: int):
    person = selectors.leader_for_viewer(viewer=request.user, pk=pk)
    return render(request, "directory/leader_detail.html", {"person": person})


@require_safe
def group_detail(request, slug: str):
    group = selectors.group_by_slug(viewer=request.user, slug=slug)
    return render(
        request,
        "directory/group_detail.html",
        {"group": group, "affiliations": selectors.group_people(viewer=request.user, group=group)},
    )


@require_safe
def resource_detail(request, pk: int):
    resource = selectors.resource_for_viewer(viewer=request.user, pk=pk)
    return render(request, "directory/resource_detail.html", {"resource": resource})
