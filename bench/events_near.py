"""Events within 25 miles of a ZIP, nearest first: the "Find events" query on the events list."""

from __future__ import annotations

import random

from bench.registry import BenchContext, benchmark, percentile, time_calls

MILES = 25


@benchmark("events.near")
def events_near(ctx: BenchContext):
    """The first page (and count) of published upcoming events within 25 miles of a ZIP, as /events/
    runs it (``selectors.event_search`` + ``event_search_page``), against a naive haversine over every
    published upcoming event in Python."""
    from django.utils import timezone

    from actlocal.core.listing import ListParams
    from actlocal.core.places import distance_miles, place_for_zip
    from actlocal.events.models import Event
    from actlocal.events.selectors import event_search, event_search_page

    now = timezone.now()
    upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=now)
    # ZIPs where events are: sample the events' own ZIPs, so most searches find something.
    zips = list(upcoming.exclude(zip_code="").values_list("zip_code", flat=True).distinct()[:2000])
    rng = random.Random(2018)
    places = [p for p in (_place(place_for_zip, z) for z in rng.sample(zips, min(300, len(zips)))) if p]
    if not places:
        raise RuntimeError("the dataset has no upcoming events with a ZIP")

    class AnonymousViewer:
        is_authenticated = False

    viewer = AnonymousViewer()
    picks = iter(places * 1000)
    found: list[int] = []

    def indexed():
        params = ListParams(near=next(picks), within=MILES)
        page = event_search_page(event_search(viewer=viewer, params=params), "1")
        found.append(len(page.object_list))

    def naive():
        place = next(picks)
        rows = upcoming.values_list("pk", "lat", "lng")
        near = sorted(
            (distance_miles(place.lat, place.lng, lat, lng), pk)
            for pk, lat, lng in rows
            if lat is not None and distance_miles(place.lat, place.lng, lat, lng) <= MILES
        )
        return near[:20]

    n = ctx.iterations(200)
    timed = time_calls(indexed, n=n, warmup=5, max_seconds=60)
    baseline = time_calls(naive, n=max(5, n // 10), warmup=1, max_seconds=60)
    yield ctx.figure("p50_ms", percentile(timed, 50), unit="ms", baseline=percentile(baseline, 50), target=15)
    yield ctx.figure("p95_ms", percentile(timed, 95), unit="ms", baseline=percentile(baseline, 95), target=30)
    yield ctx.figure(
        "results_per_page",
        sum(found) / len(found),
        unit="events",
        baseline=None,
        target=1,
        higher_is_better=True,
    )
    yield ctx.figure(
        "events_total", Event.objects.count(), unit="events", baseline=None, target=0, higher_is_better=True
    )


def _place(lookup, zip_code):
    try:
        return lookup(zip_code)
    except ValueError:
        return None
