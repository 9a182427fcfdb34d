"""A series page: the campaign's events, its progress across states, and the map."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from actlocal.core.places import state_name
from actlocal.core.statemap import state_map_svg
from actlocal.events import selectors


@require_safe
def series_detail(request, slug: str):
    series = selectors.series_for_slug(slug)
    events = list(selectors.series_events(series))
    now = timezone.now()
    reached = selectors.series_states_reached(series)
    counts: dict[str, int] = {}
    for event in events:
        if event.status == "published" and event.state:
            counts[event.state] = counts.get(event.state, 0) + 1
    target = series.target_states or len(reached)
    return render(
        request,
        "events/series_detail.html",
        {
            "series": series,
            "upcoming": [e for e in events if e.ends_at >= now],
            "past": [e for e in events if e.ends_at < now][::-1],
            "reached": [(abbr, state_name(abbr)) for abbr in reached],
            "reached_count": len(reached),
            "target": target,
            "map": state_map_svg(
                counts,
                noun="events",
                link=reverse("events:list") + f"?series={series.slug}",
                title=series.name,
                id_prefix="series-map",
            ),
        },
    )
