"""People, groups and resources for the search tests, placed at real ZIP centroids."""

from __future__ import annotations

from django.utils.text import slugify

from actlocal.core import places
from actlocal.directory.models import PartnerGroup, Person, Resource, Topic


def topic(name: str, kind: str = Topic.Kind.ISSUE) -> Topic:
    return Topic.objects.get_or_create(kind=kind, slug=slugify(name), defaults={"name": name})[0]


def make_leader(first: str, last: str = "", *, zip_code: str = "53703", topics=(), **fields) -> Person:
    fields.setdefault("leader_type", Person.LeaderType.COMMUNITY)
    fields.setdefault("name_visibility", "public")
    fields.setdefault("place_visibility", "public")
    fields.setdefault("bio_visibility", "public")
    person = Person(first_name=first, last_name=last, **fields)
    person.set_place(places.place_for_zip(zip_code) if zip_code else None)
    person.save()
    if topics:
        person.topics.set(topics)
    return person


def make_group(name: str, *, zip_code: str = "53703", topics=(), **fields) -> PartnerGroup:
    group = PartnerGroup(name=name, slug=slugify(name), **fields)
    group.set_place(places.place_for_zip(zip_code))
    group.save()
    if topics:
        group.topics.set(topics)
    return group


def make_resource(title: str, *, summary: str = "A resource.", topics=(), **fields) -> Resource:
    fields.setdefault("kind", Resource.Kind.TOOLKIT)
    fields.setdefault("status", Resource.Status.APPROVED)
    resource = Resource.objects.create(title=title, summary=summary, **fields)
    if topics:
        resource.topics.set(topics)
    return resource


def names(response) -> list[str]:
    """Result names from a list's JSON."""
    return [r.get("name") or r.get("title") for r in response.json()["results"]]
