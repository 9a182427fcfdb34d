"""The network's footprint: where leaders, groups and events are, and how far each series has reached."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from actlocal.core.places import state_name


@dataclass(frozen=True)
class StateRow:
    abbr: str
    name: str
    leaders: int
    groups: int
    upcoming_events: int


@dataclass(frozen=True)
class SeriesReach:
    name: str
    slug: str
    reached: int
    target: int | None

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.reached / self.target)) if self.target else 0


def footprint_by_state(*, viewer) -> list[StateRow]:
    """Leaders are counted only where this viewer may see their name and place (the map's rule)."""
    from actlocal.core.listing import ListParams
    from actlocal.directory.models import PartnerGroup
    from actlocal.directory.selectors_map import leader_counts_by_state
    from actlocal.events.models import Event

    leaders = leader_counts_by_state(viewer=viewer, params=ListParams())
    groups = dict(PartnerGroup.objects.exclude(state="").values_list("state").annotate(n=Count("id")))
    events = dict(
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .exclude(state="")
        .values_list("state")
        .annotate(n=Count("id"))
    )
    states = set(leaders) | set(groups) | set(events)
    rows = [StateRow(s, state_name(s), leaders.get(s, 0), groups.get(s, 0), events.get(s, 0)) for s in states]
    return sorted(rows, key=lambda r: (-r.leaders, r.name))


def series_reach() -> list[SeriesReach]:
    from actlocal.events.models import EventSeries
    from actlocal.events.selectors import series_states_reached

    return [
        SeriesReach(s.name, s.slug, len(series_states_reached(s)), s.target_states)
        for s in EventSeries.objects.order_by("name")
    ]
