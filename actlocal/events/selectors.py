"""Reads for events. Drafts are seen only by their hosts and staff."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from actlocal.core.listing import ListParams, filter_near
from actlocal.events.models import CoHost, Event, EventSeries


def events_for_viewer(viewer) -> QuerySet[Event]:
    visible = Q(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])
    if viewer.is_authenticated:
        if viewer.is_staff:
            return Event.objects.all()
        visible |= Q(hosts=viewer)
    return Event.objects.filter(visible).distinct()


def event_search(
    *, viewer, params: ListParams, kind: str = "", series: str = "", past: bool = False
) -> QuerySet[Event]:
    qs = Event.objects.filter(status=Event.Status.PUBLISHED)
    now = timezone.now()
    qs = qs.filter(ends_at__lt=now) if past else qs.filter(ends_at__gte=now)
    if params.q:
        qs = qs.filter(
            Q(title__icontains=params.q) | Q(description__icontains=params.q) | Q(city__iexact=params.q)
        )
    if params.state:
        qs = qs.filter(state=params.state)
    if kind:
        qs = qs.filter(kind=kind)
    if series:
        qs = qs.filter(series__slug=series)
    qs = qs.select_related("series").annotate(
        cohost_count=Count("cohost_links", filter=Q(cohost_links__status=CoHost.Status.ACCEPTED))
    )
    if params.near:
        return filter_near(qs, params.near, params.within)
    return qs.order_by("-starts_at" if past else "starts_at", "id")


def event_for_viewer(*, viewer, slug: str) -> Event:
    event = events_for_viewer(viewer).filter(slug=slug).select_related("series", "host_person").first()
    if event is None:
        raise Http404
    return event


def event_cohosts(event: Event):
    return [
        link.group
        for link in event.cohost_links.filter(status=CoHost.Status.ACCEPTED)
        .select_related("group")
        .order_by("group__name")
    ]


def seats_taken(event: Event) -> int:
    return event.rsvps.filter(status="confirmed").count()


def all_series() -> QuerySet[EventSeries]:
    return EventSeries.objects.order_by("name")
