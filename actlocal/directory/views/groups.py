"""Partner-group editing: staff create groups; a group's admins (and staff) edit it and link leaders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from actlocal.accounts.selectors import user_is_staff
from actlocal.directory import selectors, services
from actlocal.directory.forms import AffiliationForm, GroupForm


@login_required
@require_http_methods(["GET", "POST"])
def group_new(request):
    if not user_is_staff(request.user):
        raise PermissionDenied
    form = GroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = services.group_create(actor=request.user, data=form.group_data())
        messages.success(request, _("%(name)s was added.") % {"name": group.name})
        return redirect("directory:group_edit", slug=group.slug)
    return render(
        request,
        "directory/group_form.html",
        {"form": form, "group": None},
        status=400 if form.errors else 200,
    )


def _edit_context(request, group, form):
    q = request.GET.get("q", "")
    return {
        "group": group,
        "form": form,
        "q": q,
        "candidates": selectors.leaders_to_link(viewer=request.user, group=group, q=q),
        "affiliations": group.affiliations.select_related("person").order_by("person__last_name"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def group_edit(request, slug: str):
    group = selectors.group_for_admin(user=request.user, slug=slug)
    form = GroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        services.group_update(group=group, actor=request.user, data=form.group_data())
        messages.success(request, _("The group page was saved."))
        return redirect(group)
    status = 400 if form.errors else 200
    return render(request, "directory/group_form.html", _edit_context(request, group, form), status=status)


@login_required
@require_POST
def group_affiliation_add(request, slug: str):
    group = selectors.group_for_admin(user=request.user, slug=slug)
    form = AffiliationForm(request.POST)
    if form.is_valid():
        person = selectors.leader_to_link(viewer=request.user, pk=form.cleaned_data["person"])
        services.affiliation_add(
            group=group,
            person=person,
            actor=request.user,
            role=form.cleaned_data["role"],
            is_contact=form.cleaned_data["is_contact"],
        )
        messages.success(request, _("%(name)s was linked to the group.") % {"name": person.full_name})
    else:
        messages.error(request, _("The role can be at most 100 characters."))
    return redirect("directory:group_edit", slug=group.slug)


@login_required
@require_POST
def group_affiliation_remove(request, slug: str, pk: int):
    group = selectors.group_for_admin(user=request.user, slug=slug)
    affiliation = selectors.affiliation_for_admin(user=request.user, group=group, pk=pk)
    services.affiliation_remove(affiliation=affiliation, actor=request.user)
    messages.success(request, _("The leader was removed from the group."))
    return redirect("directory:group_edit", slug=group.slug)
