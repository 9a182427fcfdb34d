import re

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from actlocal.accounts.selectors import user_is_event_host
from actlocal.core.listing import RADIUS_CHOICES, parse_list_params
from actlocal.core.places import state_choices
from actlocal.core.statemap import state_map_svg
from actlocal.directory.models import PartnerGroup
from actlocal.events import selectors
from actlocal.events.models import Event
from actlocal.events.selectors_host import SAME_EFFORT_DAYS, SAME_EFFORT_MILES, events_like_it_nearby
from actlocal.events.selectors_rsvp import seats_taken

_SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]+$")


def _slug_or_blank(value: str) -> str:
    value = value[:220]
    return value if _SLUG_RE.match(value) else ""


@require_safe
def event_list(request):
    params = parse_list_params(request.GET)
    kind = request.GET.get("kind", "") if request.GET.get("kind") in Event.Kind.values else ""
    # Not a slug: cannot match anything, and must not reach ``{% url %}`` (feed links) as it is.
    series = _slug_or_blank(request.GET.get("series", ""))
    cohost = _slug_or_blank(request.GET.get("cohost", ""))
    past = request.GET.get("when") == "past"
    qs = selectors.event_search(
        viewer=request.user, params=params, kind=kind, series=series, cohost=cohost, past=past
    )
    # The map keeps every filter but the state, so each state links to the same list narrowed to it.
    keep = {
        k: v
        for k, v in request.GET.items()
        if k in {"q", "near", "within", "kind", "series", "cohost", "when"} and v
    }
    map_link = reverse("events:list") + "?" + urlencode(keep)
    return render(
        request,
        "events/event_list.html",
        {
            "params": params,
            "radius_choices": RADIUS_CHOICES,
            "states": state_choices(),
            "page_obj": selectors.event_search_page(qs, params.page),
            "kind": kind,
            "kinds": Event.Kind.choices,
            "series": series,
            "series_choices": [(s.slug, s.name) for s in selectors.all_series()],
            "cohost": cohost,
            "cohost_choices": list(
                PartnerGroup.objects.filter(cohost_links__status="accepted")
                .distinct()
                .order_by("name")
                .values_list("slug", "name")
            ),
            "past": past,
            "state_map": state_map_svg(
                selectors.event_state_counts(qs),
                noun="events",
                link=map_link,
                id_prefix="events-map",
            ),
        },
    )


@require_safe
def event_detail(request, slug: str):
    event = selectors.event_for_viewer(viewer=request.user, slug=slug)
    taken = seats_taken(event)
    is_host = user_is_event_host(user=request.user, event=event)
    agenda_open = selectors.agenda_is_open(event)
    show_agenda = event.agenda_open or event.agenda_topics.exists()
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "cohosts": selectors.event_cohosts(event),
            "seats_taken": taken,
            "seats_left": None if event.capacity is None else max(event.capacity - taken, 0),
            "is_host": is_host,
            "like_it_nearby": events_like_it_nearby(event) if is_host else [],
            "same_effort": {"miles": SAME_EFFORT_MILES, "days": SAME_EFFORT_DAYS},
            "occurrences": selectors.event_upcoming_occurrences(event, viewer=request.user)[:52],
            "show_agenda": show_agenda,
            "agenda_open": agenda_open,
            "agenda_can_take_part": agenda_open and selectors.user_can_take_part_in_agenda(request.user),
            "topics": selectors.agenda_topics_ranked(event, viewer=request.user, include_hidden=is_host)
            if show_agenda
            else [],
            "picked_topics": event.agenda_topics.filter(picked=True, hidden=False).order_by("created_at")
            if show_agenda
            else [],
        },
    )
