from django.shortcuts import render
from django.views.decorators.http import require_safe

from actlocal.core.listing import RADIUS_CHOICES, paginate, parse_list_params
from actlocal.core.places import state_choices
from actlocal.events import selectors
from actlocal.events.models import Event


@require_safe
def event_list(request):
    params = parse_list_params(request.GET)
    kind = request.GET.get("kind", "") if request.GET.get("kind") in Event.Kind.values else ""
    series = request.GET.get("series", "")[:220]
    past = request.GET.get("when") == "past"
    qs = selectors.event_search(viewer=request.user, params=params, kind=kind, series=series, past=past)
    return render(
        request,
        "events/event_list.html",
        {
            "params": params,
            "radius_choices": RADIUS_CHOICES,
            "states": state_choices(),
            "page_obj": paginate(qs, params.page),
            "kind": kind,
            "kinds": Event.Kind.choices,
            "series": series,
            "series_choices": [(s.slug, s.name) for s in selectors.all_series()],
            "past": past,
        },
    )


@require_safe
def event_detail(request, slug: str):
    event = selectors.event_for_viewer(viewer=request.user, slug=slug)
    taken = selectors.seats_taken(event)
    return render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "cohosts": selectors.event_cohosts(event),
            "seats_taken": taken,
            "seats_left": None if event.capacity is None else max(event.capacity - taken, 0),
        },
    )
