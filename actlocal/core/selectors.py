"""Reads that span apps: the network at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count
from django.utils import timezone

from actlocal.core.places import state_name

GLANCE_CACHE_SECONDS = 60


@dataclass(frozen=True)
class NetworkGlance:
    leaders: int
    groups: int
    events: int
    upcoming_events: int
    states: int
    top_states: list[tuple[str, str, int]]  # (abbr, name, leaders)


def network_glance() -> NetworkGlance:
    """Counts for the home page. Counts are not personal data; cached briefly because at a million
    leaders they cost tens of milliseconds each."""
    cached = cache.get("core:network_glance")
    if cached is not None:
        return cached
    from django.contrib.auth.models import AnonymousUser

    from actlocal.core.listing import ListParams
    from actlocal.directory.models import PartnerGroup, Person
    from actlocal.directory.selectors_map import leader_counts_by_state
    from actlocal.events.models import Event

    leaders = Person.objects.exclude(leader_type="").filter(listed=True)
    published = Event.objects.filter(status=Event.Status.PUBLISHED)
    # The page is cached for everyone, so "where leaders are" uses what the public may see of each leader.
    public_counts = leader_counts_by_state(viewer=AnonymousUser(), params=ListParams())
    by_state = sorted(public_counts.items(), key=lambda pair: (-pair[1], pair[0]))
    states = set(leaders.exclude(state="").order_by().values_list("state", flat=True).distinct())
    states |= set(
        PartnerGroup.objects.exclude(state="").order_by().values_list("state", flat=True).distinct()
    )
    glance = NetworkGlance(
        leaders=leaders.count(),
        groups=PartnerGroup.objects.count(),
        events=published.count(),
        upcoming_events=published.filter(starts_at__gte=timezone.now()).count(),
        states=len(states),
        top_states=[(s, state_name(s), n) for s, n in by_state[:8]],
    )
    cache.set("core:network_glance", glance, GLANCE_CACHE_SECONDS)
    return glance


def upcoming_events(*, limit: int = 6):
    from actlocal.events.models import Event

    return (
        Event.objects.filter(status=Event.Status.PUBLISHED, starts_at__gte=timezone.now())
        .select_related("series")
        .annotate(cohost_count=Count("cohost_links"))
        .order_by("starts_at")[:limit]
    )
