"""The bottom-up agenda: members propose and vote; hosts pick and hide. Forms post and redirect back to
the event page's agenda section (HTMX swaps just that section when it is there)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from actlocal.accounts.selectors import user_is_event_host
from actlocal.events import selectors
from actlocal.events.forms import AgendaTopicForm
from actlocal.events.services import agenda


def _back(event):
    return redirect(event.get_absolute_url() + "#agenda")


def _member_event(request, slug: str):
    event = selectors.event_for_viewer(viewer=request.user, slug=slug)
    if not selectors.user_can_take_part_in_agenda(request.user):
        raise PermissionDenied
    return event


@login_required
@require_POST
def topic_propose(request, slug: str):
    event = _member_event(request, slug)
    form = AgendaTopicForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A topic needs a title of at most 200 characters."))
        return _back(event)
    try:
        agenda.agenda_topic_propose(
            event=event,
            user=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
        )
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("Thanks! Your topic is on the list."))
    return _back(event)


@login_required
@require_POST
def topic_vote(request, slug: str, topic_id: int):
    event = _member_event(request, slug)
    topic = selectors.agenda_topic_for_event(event=event, topic_id=topic_id)
    try:
        if request.POST.get("withdraw"):
            agenda.agenda_vote_withdraw(topic=topic, user=request.user)
        else:
            agenda.agenda_vote_cast(topic=topic, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return _back(event)


@login_required
@require_POST
def topic_moderate(request, slug: str, topic_id: int):
    event = selectors.event_for_viewer(viewer=request.user, slug=slug)
    if not user_is_event_host(user=request.user, event=event):
        raise PermissionDenied
    topic = selectors.agenda_topic_for_event(event=event, topic_id=topic_id)
    action = request.POST.get("action", "")
    changes = {
        "pick": {"picked": True},
        "unpick": {"picked": False},
        "hide": {"hidden": True},
        "unhide": {"hidden": False},
    }.get(action)
    if changes is None:
        messages.error(request, _("Unknown action."))
    else:
        agenda.agenda_topic_moderate(topic=topic, actor=request.user, **changes)
    return _back(event)
