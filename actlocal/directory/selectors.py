"""Reads for the directories. Every query about people goes through the visibility rule: a viewer only
finds a leader by what that viewer may see of them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from actlocal.core.listing import ListParams, filter_near
from actlocal.core.visibility import visible_q
from actlocal.directory.models import Affiliation, PartnerGroup, Person, Resource, Topic


def leaders_for_viewer(viewer) -> QuerySet[Person]:
    """Listed leaders whose name this viewer may see (a leader always finds herself)."""
    qs = Person.objects.exclude(leader_type="").filter(visible_q(Person, "first_name", viewer))
    if viewer.is_authenticated:
        return qs.filter(Q(listed=True) | Q(user=viewer))
    return qs.filter(listed=True)


def leader_search(*, viewer, params: ListParams, leader_type: str = "", topic: str = "") -> QuerySet[Person]:
    qs = leaders_for_viewer(viewer)
    place_visible = visible_q(Person, "city", viewer)
    if params.q:
        words = Q(first_name__icontains=params.q) | Q(last_name__icontains=params.q)
        words |= Q(topics__name__icontains=params.q)
        words |= Q(bio__icontains=params.q) & visible_q(Person, "bio", viewer)
        words |= Q(city__iexact=params.q) & place_visible
        qs = qs.filter(pk__in=Person.objects.filter(words).values("pk"))
    if params.state:
        qs = qs.filter(place_visible, state=params.state)
    if leader_type:
        qs = qs.filter(leader_type=leader_type)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if params.near:
        return filter_near(qs.filter(place_visible), params.near, params.within).prefetch_related("topics")
    return qs.order_by("last_name", "first_name", "id").prefetch_related("topics")


def leader_for_viewer(*, viewer, pk: int) -> Person:
    person = leaders_for_viewer(viewer).filter(pk=pk).first()
    if person is None:
        raise Http404
    return person


def group_search(*, params: ListParams, kind: str = "", topic: str = "") -> QuerySet[PartnerGroup]:
    qs = PartnerGroup.objects.all()
    if params.q:
        qs = qs.filter(
            Q(name__icontains=params.q) | Q(mission__icontains=params.q) | Q(city__iexact=params.q)
        )
    if params.state:
        qs = qs.filter(state=params.state)
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    if params.near:
        return filter_near(qs, params.near, params.within).prefetch_related("topics")
    return qs.order_by("name").prefetch_related("topics")


def group_by_slug(*, viewer, slug: str) -> PartnerGroup:
    group = PartnerGroup.objects.filter(slug=slug).prefetch_related("topics").first()
    if group is None:
        raise Http404
    return group


def group_people(*, viewer, group: PartnerGroup) -> list[Affiliation]:
    """Affiliated leaders this viewer may see by name."""
    return list(
        Affiliation.objects.filter(group=group)
        .filter(visible_q(Person, "first_name", viewer, prefix="person__"), person__listed=True)
        .select_related("person")
        .order_by("-is_contact", "person__last_name")
    )


def resources_approved() -> QuerySet[Resource]:
    return Resource.objects.filter(status=Resource.Status.APPROVED)


def resource_search(*, params: ListParams, kind: str = "", topic: str = "") -> QuerySet[Resource]:
    qs = resources_approved().select_related("provider").prefetch_related("topics")
    if params.q:
        qs = qs.filter(Q(title__icontains=params.q) | Q(summary__icontains=params.q))
    if params.state:
        # A resource with no states applies nationwide.
        qs = qs.filter(Q(states="") | Q(states__contains=params.state))
    if kind:
        qs = qs.filter(kind=kind)
    if topic:
        qs = qs.filter(topics__slug=topic)
    return qs.order_by("title")


def resource_for_viewer(*, viewer, pk: int) -> Resource:
    resource = resources_approved().filter(pk=pk).select_related("provider").first()
    if resource is None:
        raise Http404
    return resource


def topics(kind: str) -> QuerySet[Topic]:
    return Topic.objects.filter(kind=kind).order_by("name")
