"""Leaders, partner groups and resources in the JSON API, shaped after OSDI.

People follow OSDI's person (``given_name``, ``postal_addresses``, ``email_addresses``, ...); groups and
resources have no OSDI resource, so they use the same collection envelope under ``actlocal:`` names.
Every private field goes through ``core.visibility`` for the requesting user (session auth for now; no
session is the public), and the lists reuse the directory's selectors, so the API finds exactly what the
pages find. A postal address is never more than city, state and ZIP.
"""

from __future__ import annotations

import math
import re
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import Router
from ninja.errors import HttpError

from actlocal.core.listing import ListParams, parse_list_params
from actlocal.core.visibility import visible_fields
from actlocal.directory import selectors
from actlocal.directory.models import PartnerGroup, Person, Resource

router = Router(tags=["directory"])

MAX_PER_PAGE = 50
DEFAULT_PER_PAGE = 25
MAX_PAGE = 100_000
# Larger ids cannot be rows; refusing them early keeps the database from overflowing on the lookup.
MAX_ID = 2**31 - 1
SLUG_RE = re.compile(r"^[-a-zA-Z0-9_]{1,60}$")


def _href(name: str, *args) -> str:
    return settings.SITE_URL + reverse(f"api:{name}", args=args)


def _page_numbers(request) -> tuple[int, int]:
    values = {}
    for name, default, high in (("page", 1, MAX_PAGE), ("per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)):
        raw = request.GET.get(name, "")
        if raw == "":
            values[name] = default
            continue
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= high:
            raise HttpError(400, f"{name} must be a whole number from 1 to {high}; got “{raw[:20]}”.")
        values[name] = int(raw)
    return values["page"], values["per_page"]


def _list_params(request) -> ListParams:
    params = parse_list_params(request.GET)
    if params.errors:
        raise HttpError(400, " ".join(params.errors))
    return params


def _topic(request) -> str:
    value = request.GET.get("topic", "")
    if value and not SLUG_RE.match(value):
        raise HttpError(400, f"topic must be a topic's slug, like “voting-rights”; got “{value[:20]}”.")
    return value


def _choice(request, name: str, allowed) -> str:
    value = request.GET.get(name, "")
    if value and value not in allowed:
        raise HttpError(400, f"{name} must be one of: {', '.join(allowed)}.")
    return value


def _collection(request, qs, *, name: str, url_name: str, serialize) -> dict:
    """OSDI's collection envelope: counts, paging links and the page's items under ``_embedded``."""
    page, per_page = _page_numbers(request)
    total = qs.count()
    total_pages = math.ceil(total / per_page) if total else 0
    start = (page - 1) * per_page
    items = [serialize(obj) for obj in qs[start : start + per_page]] if page <= total_pages else []
    base = settings.SITE_URL + reverse(f"api:{url_name}")
    query = {k: v for k, v in request.GET.items() if k not in ("page", "per_page")}

    def link(n: int) -> dict:
        return {"href": f"{base}?{urlencode({**query, 'page': n, 'per_page': per_page})}"}

    links = {"self": link(page)}
    if page < total_pages:
        links["next"] = link(page + 1)
    if 1 < page <= total_pages + 1:
        links["prev"] = link(page - 1)
    links[name] = [{"href": item["_links"]["self"]["href"]} for item in items]
    return {
        "total_pages": total_pages,
        "per_page": per_page,
        "page": page,
        "total_records": total,
        "_links": links,
        "_embedded": {name: items},
    }


def _pk(raw: int) -> int:
    if raw > MAX_ID:
        raise Http404
    return raw


def _postal_address(shown: dict) -> list[dict]:
    # Never a street line: city, state and ZIP only, each as the owner allows.
    address = {
        key: shown[field]
        for key, field in (("locality", "city"), ("region", "state"), ("postal_code", "zip_code"))
        if shown.get(field)
    }
    return [{"primary": True, "country": "US", **address}] if address else []


def person_osdi(person: Person, viewer) -> dict:
    shown = visible_fields(
        person, viewer, ["first_name", "last_name", "city", "state", "zip_code", "email", "phone", "bio"]
    )
    custom = {
        "leader_type": person.leader_type,
        "topics": ", ".join(t.name for t in person.topics.all()),
    }
    if person.pronouns:
        custom["pronouns"] = person.pronouns
    if shown.get("bio"):
        custom["bio"] = shown["bio"]
    return {
        "identifiers": [f"actlocal:person-{person.pk}"],
        "given_name": shown.get("first_name", ""),
        "family_name": shown.get("last_name", ""),
        "languages_spoken": [x.strip() for x in person.languages.split(",") if x.strip()],
        "postal_addresses": _postal_address(shown),
        "email_addresses": [{"primary": True, "address": shown["email"]}] if shown.get("email") else [],
        "phone_numbers": [{"primary": True, "number": shown["phone"]}] if shown.get("phone") else [],
        "custom_fields": custom,
        "_links": {
            "self": {"href": _href("person", person.pk)},
            "actlocal:page": {"href": settings.SITE_URL + person.get_absolute_url()},
        },
    }


def group_json(group: PartnerGroup, viewer) -> dict:
    shown = visible_fields(group, viewer)
    return {
        "identifiers": [f"actlocal:group-{group.pk}"],
        "name": group.name,
        "description": group.mission,
        "kind": group.kind,
        "area_served": group.area_served,
        "website": group.website,
        "meeting_times": group.meeting_times,
        "languages": [x.strip() for x in group.languages.split(",") if x.strip()],
        "postal_addresses": _postal_address(
            {"city": group.city, "state": group.state, "zip_code": group.zip_code}
        ),
        "email_addresses": [{"primary": True, "address": shown["contact_email"]}]
        if shown.get("contact_email")
        else [],
        "phone_numbers": [{"primary": True, "number": shown["contact_phone"]}]
        if shown.get("contact_phone")
        else [],
        "custom_fields": {"topics": ", ".join(t.name for t in group.topics.all())},
        "_links": {
            "self": {"href": _href("group", group.pk)},
            "actlocal:page": {"href": settings.SITE_URL + group.get_absolute_url()},
        },
    }


def resource_json(resource: Resource) -> dict:
    provider = resource.provider
    return {
        "identifiers": [f"actlocal:resource-{resource.pk}"],
        "title": resource.title,
        "summary": resource.summary,
        "kind": resource.kind,
        "audience": resource.audience,
        "language": resource.language,
        "states": resource.state_list,
        "nationwide": not resource.state_list,
        "url": resource.url,
        "last_checked": resource.last_checked.isoformat() if resource.last_checked else None,
        "topics": [t.name for t in resource.topics.all()],
        "provider": {"identifier": f"actlocal:group-{provider.pk}", "name": provider.name}
        if provider
        else None,
        "_links": {
            "self": {"href": _href("resource", resource.pk)},
            "actlocal:page": {"href": settings.SITE_URL + resource.get_absolute_url()},
            **({"actlocal:provider": {"href": _href("group", provider.pk)}} if provider else {}),
        },
    }


_FILTER_DOC = (
    "Filters as on the web lists: `state` (two letters), `near` (a ZIP) and `within` (miles, at most 500), "
    "`topic` (a topic slug), `q` (words). Pages: `page` (from 1) and `per_page` (1 to 50, default 25). "
    "A bad value is a 400 with a message."
)


@router.get("/people", url_name="people", summary="Leaders (OSDI people)", description=_FILTER_DOC)
def people(
    request, state: str = "", near: str = "", within: str = "", type: str = "", topic: str = "", q: str = ""
):
    params = _list_params(request)
    leader_type = _choice(request, "type", Person.LeaderType.values)
    qs = selectors.leader_search(
        viewer=request.user, params=params, leader_type=leader_type, topic=_topic(request)
    )
    return _collection(
        request, qs, name="osdi:people", url_name="people", serialize=lambda p: person_osdi(p, request.user)
    )


@router.get("/people/{int:person_id}", url_name="person", summary="One leader (OSDI person)")
def person(request, person_id: int):
    found = selectors.leader_for_viewer(viewer=request.user, pk=_pk(person_id))
    return person_osdi(found, request.user)


@router.get("/groups", url_name="groups", summary="Partner groups", description=_FILTER_DOC)
def groups(
    request, state: str = "", near: str = "", within: str = "", kind: str = "", topic: str = "", q: str = ""
):
    params = _list_params(request)
    kind = _choice(request, "kind", PartnerGroup.Kind.values)
    qs = selectors.group_search(params=params, kind=kind, topic=_topic(request))
    return _collection(
        request,
        qs,
        name="actlocal:groups",
        url_name="groups",
        serialize=lambda g: group_json(g, request.user),
    )


@router.get("/groups/{int:group_id}", url_name="group", summary="One partner group")
def group(request, group_id: int):
    found = PartnerGroup.objects.filter(pk=_pk(group_id)).prefetch_related("topics").first()
    if found is None:
        raise Http404
    return group_json(found, request.user)


@router.get(
    "/resources",
    url_name="resources",
    summary="Approved resources",
    description="Filters: `state` (a resource for that state, or nationwide), `kind`, `topic`, `q`; "
    "pages as for people.",
)
def resources(request, state: str = "", kind: str = "", topic: str = "", q: str = ""):
    params = _list_params(request)
    kind = _choice(request, "kind", Resource.Kind.values)
    qs = selectors.resource_search(params=params, kind=kind, topic=_topic(request))
    return _collection(request, qs, name="actlocal:resources", url_name="resources", serialize=resource_json)


@router.get("/resources/{int:resource_id}", url_name="resource", summary="One approved resource")
def resource(request, resource_id: int):
    return resource_json(selectors.resource_for_viewer(viewer=request.user, pk=_pk(resource_id)))
