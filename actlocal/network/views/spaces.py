from __future__ import annotations

from itertools import groupby

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actlocal.network import selectors, services
from actlocal.network.forms import MemberAddForm, SpaceForm
from actlocal.network.models import Space, SpaceMembership
from actlocal.network.views._common import add_service_errors

# Hundreds of thousands of group spaces would bury the index: it lists the national and state spaces
# and the reader's own; every other space is a search or a link away.
LISTED_KINDS = (Space.Kind.TOPIC, Space.Kind.STATE)


@require_safe
def space_list(request):
    spaces = selectors.spaces_for_viewer(request.user)
    listed = spaces.filter(Q(kind__in=LISTED_KINDS) | Q(pk__in=selectors.own_space_ids(request.user)))
    listed = listed.order_by("kind", "name").only("pk", "name", "slug", "kind", "access", "description")
    kinds = dict(Space.Kind.choices)
    grouped = [(kinds[kind], list(items)) for kind, items in groupby(listed, key=lambda s: s.kind)]
    return render(
        request,
        "network/space_list.html",
        {"grouped": grouped, "hidden_count": selectors.hidden_space_count(request.user)},
    )


@require_safe
def space_detail(request, slug: str):
    space = selectors.space_for_viewer(viewer=request.user, slug=slug)
    tag = (request.GET.get("tag") or "")[:50]
    page = selectors.thread_page(
        viewer=request.user, space=space, page=request.GET.get("page", "1")[:6], tag=tag
    )
    return render(
        request,
        "network/space_detail.html",
        {
            "space": space,
            "page": page,
            "tag": tag,
            "posting_refusal": selectors.posting_refusal(user=request.user, space=space),
            "is_moderator": selectors.is_space_moderator(user=request.user, space=space),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def space_settings(request, slug: str):
    space = selectors.space_for_viewer(viewer=request.user, slug=slug)
    if not selectors.is_space_moderator(user=request.user, space=space):
        raise Http404
    form = SpaceForm(initial={"name": space.name, "description": space.description, "access": space.access})
    member_form = MemberAddForm()
    if request.method == "POST":
        if request.POST.get("action") == "member_add":
            member_form = MemberAddForm(request.POST)
            if member_form.is_valid():
                user = (
                    get_user_model().objects.filter(email__iexact=member_form.cleaned_data["email"]).first()
                )
                if user is None:
                    member_form.add_error(
                        "email",
                        _("No one has an account with this address yet: invite them to ActLocal first."),
                    )
                else:
                    try:
                        services.space_member_add(
                            actor=request.user, space=space, user=user, role=member_form.cleaned_data["role"]
                        )
                    except (ValidationError, PermissionDenied) as exc:
                        member_form.add_error(
                            None, exc.messages if isinstance(exc, ValidationError) else str(exc)
                        )
                    else:
                        messages.success(request, _("Added to the space."))
                        return redirect("network:space_settings", slug=space.slug)
        elif request.POST.get("action") == "member_remove":
            user_id = request.POST.get("user", "")
            user = None
            if user_id.isdigit() and len(user_id) < 12:
                user = get_user_model().objects.filter(pk=int(user_id)).first()
            if user is not None:
                services.space_member_remove(actor=request.user, space=space, user=user)
                messages.success(request, _("Removed from the space."))
            return redirect("network:space_settings", slug=space.slug)
        else:
            form = SpaceForm(request.POST)
            if form.is_valid():
                try:
                    services.space_update(actor=request.user, space=space, **form.cleaned_data)
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("The space was saved."))
                    return redirect(space.get_absolute_url())
    members = (
        SpaceMembership.objects.filter(space=space).select_related("user").order_by("role", "user__name")
    )
    return render(
        request,
        "network/space_settings.html",
        {"space": space, "form": form, "member_form": member_form, "members": members},
    )
