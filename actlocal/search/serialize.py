"""Search results as JSON: each result carries only the fields its viewer may see."""

from __future__ import annotations

from actlocal.core.visibility import visible_fields
from actlocal.search.results import SearchResults

PERSON_FIELDS = ["first_name", "last_name", "city", "state", "bio", "email", "phone"]


def _topics(obj) -> list[dict]:
    return [{"slug": t.slug, "name": t.name, "kind": t.kind} for t in obj.topic_list]


def _distance(obj) -> float | None:
    distance = getattr(obj, "distance", None)
    return None if distance is None else round(distance, 1)


def leader_json(person, viewer) -> dict:
    shown = visible_fields(person, viewer, PERSON_FIELDS)
    out = {
        "id": person.pk,
        "url": person.get_absolute_url(),
        "name": f"{shown.get('first_name', '')} {shown.get('last_name', '')}".strip(),
        "leader_type": person.leader_type,
        "leader_type_label": person.get_leader_type_display(),
        "topics": _topics(person),
        "languages": person.languages,
        "snippet": str(person.snippet),
        **shown,
    }
    if "city" in shown:
        out["distance_miles"] = _distance(person)
    return out


def group_json(group, viewer) -> dict:
    return {
        "id": group.pk,
        "url": group.get_absolute_url(),
        "name": group.name,
        "kind": group.kind,
        "kind_label": group.get_kind_display(),
        "city": group.city,
        "state": group.state,
        "mission": group.mission,
        "website": group.website,
        "languages": group.languages,
        "topics": _topics(group),
        "distance_miles": _distance(group),
        "snippet": str(group.snippet),
        **visible_fields(group, viewer),
    }


def resource_json(resource, viewer) -> dict:
    return {
        "id": resource.pk,
        "url": resource.get_absolute_url(),
        "title": resource.title,
        "kind": resource.kind,
        "kind_label": resource.get_kind_display(),
        "summary": resource.summary,
        "provider": resource.provider.name if resource.provider_id else "",
        "states": resource.state_list,
        "language": resource.language,
        "link": resource.url,
        "topics": _topics(resource),
        "snippet": str(resource.snippet),
    }


SERIALIZERS = {"leader": leader_json, "group": group_json, "resource": resource_json}


def results_json(results: SearchResults, viewer) -> dict:
    page = results.page_obj
    serialize = SERIALIZERS[results.query.kind]
    return {
        "count": results.count,
        "count_is_lower_bound": results.capped,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "sort": results.sort,
        "filters": results.params.as_filters(),
        "errors": list(results.params.errors),
        "results": [serialize(obj, viewer) for obj in page.object_list],
        "facets": {
            name: [{"value": o.value, "label": str(o.label), "count": o.count} for o in options if o.count]
            for name, options in results.facets.items()
        },
    }
