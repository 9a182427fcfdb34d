"""Keeping the search index in step with leaders, groups and resources.

Other apps need to call nothing for ordinary writes: ``signals.py`` reindexes a Person, PartnerGroup or
Resource whenever the ORM saves or deletes one, or changes its topics. Why signals here, against the
house habit: the index is a derived copy of who may see which field, and a write path that forgot to
reindex would leave a now-hidden bio matchable. Reindexing runs inside the writer's transaction, so a
rollback un-indexes too. Writes that bypass signals (``bulk_create``, ``QuerySet.update``) call
``reindex_many(model, ids)``; bulk loads call ``rebuild_index()`` (``manage.py search_rebuild``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation

from actlocal.core.visibility import RANK
from actlocal.directory.models import PartnerGroup, Person, Resource
from actlocal.search.models import SearchDocument

# Person fields copied into the text columns, each under its own visibility rule (Person.VISIBILITY).
# Phone and street address are never indexed; names go in ``title`` and gate findability.
PERSON_TEXT_FIELDS = (("bio", ("bio",)), ("city", ("city", "state")), ("email", ("email",)))
BUCKETS = ("public_text", "members_text", "staff_text")  # by visibility rank 0, 1, 2; rank 3 never
RESOURCE_LANGUAGE_NAMES = {"en": "english", "es": "spanish"}


def geocell(lat: float | None, lng: float | None) -> int | None:
    """The 0.1° grid cell of a point (about 7 × 5 miles): an integer key a B-tree finds by ``IN``."""
    if lat is None or lng is None:
        return None
    return int((lat + 90) * 10) * 4000 + int((lng + 180) * 10)


def languages_key(raw: str) -> str:
    """``"English, Spanish"`` becomes ``",english,spanish,"`` (the SQL in ``rebuild_index`` agrees)."""
    parts = [part.replace(" ", "").lower() for part in (raw or "").split(",")]
    parts = [p for p in parts if p]
    return "," + ",".join(parts) + "," if parts else ""


def _topics(obj) -> tuple[str, str]:
    topics = list(obj.topics.all())
    slugs = "," + ",".join(t.slug for t in topics) + "," if topics else ""
    return slugs, " ".join(t.name for t in topics)


def _person_document(person: Person) -> dict | None:
    if not person.leader_type:
        return None
    slugs, topic_names = _topics(person)
    texts: dict[str, list[str]] = {bucket: [] for bucket in BUCKETS}
    texts["public_text"] += [topic_names, person.get_leader_type_display(), person.languages]
    for field, sources in PERSON_TEXT_FIELDS:
        rank = RANK.get(getattr(person, Person.VISIBILITY[field]), 3)
        if rank < len(BUCKETS):
            texts[BUCKETS[rank]] += [getattr(person, f) or "" for f in sources]
    return {
        "title": person.full_name,
        **{bucket: " ".join(p for p in parts if p) for bucket, parts in texts.items()},
        "sort_name": f"{person.last_name} {person.first_name}".strip().lower()[:200],
        "subtype": person.leader_type,
        "state": person.state,
        "city": person.city,
        "regions": "",
        "topics": slugs,
        "languages": languages_key(person.languages),
        "name_rank": RANK.get(person.name_visibility, 3),
        "place_rank": RANK.get(person.place_visibility, 3),
        "owner_id": person.user_id,
        "listed": person.listed,
        "lat": person.lat,
        "lng": person.lng,
        "geocell": geocell(person.lat, person.lng),
        "created_at": person.created_at,
    }


def _group_document(group: PartnerGroup) -> dict:
    slugs, topic_names = _topics(group)
    public = [group.mission, group.city, group.state, topic_names, group.get_kind_display(), group.languages]
    return {
        "title": group.name,
        "public_text": " ".join(p for p in public if p),
        "members_text": "",
        "staff_text": "",
        "sort_name": group.name.lower()[:200],
        "subtype": group.kind,
        "state": group.state,
        "city": group.city,
        "regions": "",
        "topics": slugs,
        "languages": languages_key(group.languages),
        "name_rank": 0,
        "place_rank": 0,
        "owner_id": None,
        "listed": True,
        "lat": group.lat,
        "lng": group.lng,
        "geocell": geocell(group.lat, group.lng),
        "created_at": group.created_at,
    }


def _resource_document(resource: Resource) -> dict | None:
    if resource.status != Resource.Status.APPROVED:
        return None  # only reviewed resources are listed, so only they are findable
    slugs, topic_names = _topics(resource)
    provider = resource.provider.name if resource.provider_id else ""
    public = [resource.summary, resource.audience, provider, topic_names, resource.get_kind_display()]
    return {
        "title": resource.title,
        "public_text": " ".join(p for p in public if p),
        "members_text": "",
        "staff_text": "",
        "sort_name": resource.title.lower()[:200],
        "subtype": resource.kind,
        "state": "",
        "city": "",
        "regions": "," + resource.states.replace(" ", "").upper() + "," if resource.states else "",
        "topics": slugs,
        "languages": languages_key(RESOURCE_LANGUAGE_NAMES.get(resource.language, resource.language)),
        "name_rank": 0,
        "place_rank": 0,
        "owner_id": None,
        "listed": True,
        "lat": None,
        "lng": None,
        "geocell": None,
        "created_at": resource.created_at,
    }


_KINDS = {
    Person: (SearchDocument.Kind.LEADER, _person_document),
    PartnerGroup: (SearchDocument.Kind.GROUP, _group_document),
    Resource: (SearchDocument.Kind.RESOURCE, _resource_document),
}


def reindex_many(model, ids) -> None:
    """Rewrite the index rows of these objects from the database, in the caller's transaction.

    An object that is gone, unlisted-and-not-a-leader or not approved loses its row.
    """
    kind, build = _KINDS[model]
    ids = list(ids)
    if not ids:
        return
    objects = {o.pk: o for o in model.objects.filter(pk__in=ids).prefetch_related("topics")}
    # Type labels are indexed in the site's default language, whoever's request made the change.
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        for pk in ids:
            obj = objects.get(pk)
            document = build(obj) if obj is not None else None
            if document is None:
                SearchDocument.objects.filter(kind=kind, object_id=pk).delete()
            else:
                SearchDocument.objects.update_or_create(kind=kind, object_id=pk, defaults=document)


def reindex(obj) -> None:
    """Bring one Person, PartnerGroup or Resource's index row up to date (or remove it)."""
    reindex_many(type(obj), [obj.pk])


def reindex_on_commit(obj) -> None:
    """The name announced to other apps first. Indexing now happens at once, in the caller's
    transaction (so a rollback un-indexes too, and tests see it); this simply calls ``reindex``."""
    reindex(obj)


def remove(model, pk) -> None:
    SearchDocument.objects.filter(kind=_KINDS[model][0], object_id=pk).delete()
