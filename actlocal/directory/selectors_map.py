"""Counts for the directory maps, by state and by city, through the visibility rule.

A leader is counted for a viewer only when the viewer may see both the leader's name (``leaders_for_viewer``)
and place (``visible_q(Person, "city", ...)``); an unlisted leader counts only for herself. A leader is
never a point: the city layer puts one marker per city, at the centre of all of that city's ZIP codes
(from ``core.places``), so a marker says nothing about where in the city anyone lives.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from statistics import fmean

from django.db.models import Count, QuerySet

from actlocal.core.listing import ListParams
from actlocal.core.places import zips_in_state
from actlocal.core.visibility import visible_q
from actlocal.directory import selectors
from actlocal.directory.models import Person


@dataclass(frozen=True, slots=True)
class CityCount:
    city: str
    state: str
    lat: float
    lng: float
    count: int


@lru_cache(maxsize=64)
def _city_centres(state: str) -> dict[str, tuple[float, float]]:
    """Each city of a state -> the mean of its ZIP centroids (lower-cased city name as the key)."""
    points: dict[str, list[tuple[float, float]]] = {}
    for place in zips_in_state(state):
        points.setdefault(place.city.lower(), []).append((place.lat, place.lng))
    return {
        city: (round(fmean(p[0] for p in pts), 4), round(fmean(p[1] for p in pts), 4))
        for city, pts in points.items()
    }


def city_centre(state: str, city: str) -> tuple[float, float] | None:
    return _city_centres(state.upper()).get(city.lower())


def _by_state(qs: QuerySet) -> dict[str, int]:
    rows = qs.exclude(state="").order_by().values("state").annotate(n=Count("id", distinct=True))
    return {row["state"]: row["n"] for row in rows}


def _by_city(qs: QuerySet) -> list[CityCount]:
    rows = (
        qs.exclude(state="")
        .exclude(city="")
        .order_by()
        .values("state", "city")
        .annotate(n=Count("id", distinct=True))
    )
    cities = []
    for row in rows:
        centre = city_centre(row["state"], row["city"])
        if centre is None:
            # A city the ZIP data does not know (typed by hand): no marker, but it still counts by state.
            continue
        cities.append(CityCount(row["city"], row["state"], centre[0], centre[1], row["n"]))
    return sorted(cities, key=lambda c: (-c.count, c.state, c.city))


def _leaders_placed(*, viewer, params: ListParams, leader_type: str, topic: str) -> QuerySet[Person]:
    # Same filters as the leaders list, minus the ordering and prefetching an aggregate does not need.
    qs = selectors.leader_search(viewer=viewer, params=params, leader_type=leader_type, topic=topic)
    return qs.filter(visible_q(Person, "city", viewer)).prefetch_related(None)


def leader_counts_by_state(
    *, viewer, params: ListParams, leader_type: str = "", topic: str = ""
) -> dict[str, int]:
    return _by_state(_leaders_placed(viewer=viewer, params=params, leader_type=leader_type, topic=topic))


def leader_counts_by_city(
    *, viewer, params: ListParams, leader_type: str = "", topic: str = ""
) -> list[CityCount]:
    return _by_city(_leaders_placed(viewer=viewer, params=params, leader_type=leader_type, topic=topic))


def group_counts_by_state(*, params: ListParams, kind: str = "", topic: str = "") -> dict[str, int]:
    # Partner groups are organisations, not people: their place is public.
    return _by_state(selectors.group_search(params=params, kind=kind, topic=topic).prefetch_related(None))


def group_counts_by_city(*, params: ListParams, kind: str = "", topic: str = "") -> list[CityCount]:
    return _by_city(selectors.group_search(params=params, kind=kind, topic=topic).prefetch_related(None))


@dataclass(frozen=True, slots=True)
class ResourceCounts:
    by_state: dict[str, int]
    nationwide: int


def resource_counts(*, params: ListParams, kind: str = "", topic: str = "") -> ResourceCounts:
    """Approved resources per state where they apply; nationwide ones (no states) are counted apart."""
    qs = selectors.resource_search(params=params, kind=kind, topic=topic).prefetch_related(None)
    by_state: Counter[str] = Counter()
    nationwide = 0
    # distinct on pk: a topic filter joins, and a resource must count once.
    for _pk, states in qs.order_by().values_list("pk", "states").distinct():
        abbrs = {s.strip().upper() for s in states.split(",") if s.strip()}
        if not abbrs:
            nationwide += 1
            continue
        if params.state:
            abbrs &= {params.state}
        by_state.update(abbrs)
    return ResourceCounts(by_state=dict(by_state), nationwide=nationwide)
