"""Connections, follows and blocks: one overview page, a relationship page per leader, and the POST
actions (each redirects back with a message saying what happened or why not)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actlocal.directory.selectors import group_by_slug
from actlocal.social import selectors, services
from actlocal.social.models import Follow
from actlocal.social.views._common import back, report_error


@login_required
def connections(request):
    context = selectors.connections_page(request.user)
    context["refusal"] = selectors.participation_refusal(request.user)
    return render(request, "social/connections.html", context)


@login_required
def person_relationship(request, pk: int):
    """What ``request.user`` can do with one leader: connect, follow, message, block."""
    person = selectors.leader_for_member(viewer=request.user, pk=pk)
    other = person.user
    context = {
        "person": person,
        "name": selectors.display_name(person, request.user),
        "refusal": selectors.participation_refusal(request.user),
        "own": other is not None and other.pk == request.user.pk,
        "has_account": other is not None,
        "following": Follow.objects.filter(follower=request.user, person=person).exists(),
        "state": selectors.connection_state(user=request.user, other=other) if other else "",
        "i_blocked": False,
        "recipient_refusal": "",
    }
    if other is not None and not context["own"]:
        context["i_blocked"] = selectors.blocked_either_way(request.user, other)[0]
        context["recipient_refusal"] = selectors.recipient_refusal(sender=request.user, person=person)
        context["message_refusal"] = selectors.recipient_refusal(
            sender=request.user, person=person, message=True
        )
    return render(request, "social/person.html", context)


def _person_action(request, pk: int, action, success: str):
    person = selectors.leader_for_member(viewer=request.user, pk=pk)
    try:
        action(person)
    except ValidationError as exc:
        report_error(request, exc)
    else:
        messages.success(request, success)
    return back(request, reverse("social:person", args=[person.pk]))


@login_required
@require_POST
def connection_request(request, pk: int):
    return _person_action(
        request,
        pk,
        lambda person: services.connection_request(from_user=request.user, person=person),
        _("Your connection request was sent."),
    )


@login_required
@require_POST
def disconnect(request, pk: int):
    return _person_action(
        request,
        pk,
        lambda person: services.connection_remove(user=request.user, person=person),
        _("You are no longer connected."),
    )


@login_required
@require_POST
def follow(request, pk: int):
    return _person_action(
        request,
        pk,
        lambda person: services.follow_create(follower=request.user, person=person),
        _("You follow this leader now."),
    )


@login_required
@require_POST
def unfollow(request, pk: int):
    return _person_action(
        request,
        pk,
        lambda person: services.follow_delete(follower=request.user, person=person),
        _("You no longer follow this leader."),
    )


@login_required
@require_POST
def block(request, pk: int):
    return _person_action(
        request,
        pk,
        lambda person: services.block_create(blocker=request.user, person=person),
        _("Blocked. This person can no longer message you, ask to connect or follow you."),
    )


@login_required
@require_POST
def unblock(request, pk: int):
    # Someone you blocked may have hidden their profile since: unblocking must still work, so this looks
    # the person up among your own blocks, not through the directory's visibility.
    from actlocal.directory.models import Person

    person = Person.objects.filter(pk=pk, user__blocked_by__blocker=request.user).first()
    if person is not None:
        services.block_delete(blocker=request.user, person=person)
        messages.success(request, _("Unblocked."))
    return back(request, reverse("social:connections"))


@login_required
@require_POST
def connection_answer(request, pk: int, answer: str):
    if answer not in {"accept", "decline", "withdraw"}:
        raise Http404
    as_recipient = answer in {"accept", "decline"}
    connection = selectors.connection_for(user=request.user, pk=pk, as_recipient=as_recipient)
    service, done = {
        "accept": (services.connection_accept, _("You are connected now.")),
        "decline": (services.connection_decline, _("Request declined. They are not told.")),
        "withdraw": (services.connection_withdraw, _("Request withdrawn.")),
    }[answer]
    try:
        service(user=request.user, connection=connection)
    except ValidationError as exc:
        report_error(request, exc)
    else:
        messages.success(request, done)
    return back(request, reverse("social:connections"))


@login_required
@require_POST
def group_follow(request, slug: str, on: bool):
    group = group_by_slug(viewer=request.user, slug=slug)
    try:
        if on:
            services.follow_create(follower=request.user, group=group)
            messages.success(request, _("You follow this group now."))
        else:
            services.follow_delete(follower=request.user, group=group)
            messages.success(request, _("You no longer follow this group."))
    except ValidationError as exc:
        report_error(request, exc)
    return back(request, group.get_absolute_url())
