"""Approved resources as Open Referral's Human Services Data Specification (HSDS 3.0) JSON.

HSDS describes organisations and the services they offer; a resource is a service and its provider group
the organisation. Resources without a provider are offered by the alliance itself (the "publisher"
organisation). HSDS wants UUIDs: ours are UUID5s of stable names, so the same row always gets the same id.

Only approved resources, and only what the public sees: a group's contact e-mail and phone go through the
visibility rule for an anonymous viewer.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from actlocal.core.places import state_name
from actlocal.core.visibility import visible_value
from actlocal.directory.models import PartnerGroup, Resource, Topic
from actlocal.directory.selectors import resources_approved

HSDS_VERSION = "3.0"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://actlocal.example/hsds")
TAXONOMY = "actlocal-topics"
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _id(kind: str, key) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def publisher_id() -> str:
    return _id("publisher", "actlocal")


def _organization(group: PartnerGroup | None) -> dict:
    if group is None:
        return {
            "id": publisher_id(),
            "name": "ActLocal",
            "alternate_name": None,
            "description": "The alliance of organizing networks that runs ActLocal.",
            "email": None,
            "website": settings.SITE_URL,
            "uri": settings.SITE_URL,
            "phones": [],
        }
    public = AnonymousUser()
    phone = visible_value(group, "contact_phone", public, "")
    return {
        "id": _id("organization", group.pk),
        "name": group.name,
        "alternate_name": None,
        "description": group.mission or group.name,
        "email": visible_value(group, "contact_email", public, "") or None,
        "website": group.website or None,
        "uri": _absolute(group.get_absolute_url()),
        "phones": [{"id": _id("organization-phone", group.pk), "number": phone}] if phone else [],
    }


def _taxonomy_term(topic: Topic) -> dict:
    return {
        "id": _id("taxonomy_term", topic.pk),
        "code": f"{topic.kind}:{topic.slug}",
        "name": topic.name,
        "description": topic.get_kind_display(),
        "parent_id": None,
        "taxonomy": TAXONOMY,
        "language": "en",
        "taxonomy_id": _id("taxonomy", TAXONOMY),
        "term_uri": None,
    }


def _service(resource: Resource) -> dict:
    service_id = _id("service", resource.pk)
    states = resource.state_list
    areas = [
        {
            "id": _id("service_area", f"{resource.pk}:{abbr}"),
            "service_id": service_id,
            "name": state_name(abbr),
            "description": None,
            "extent": abbr,
            "extent_type": "other",
            "uri": None,
        }
        for abbr in states
    ] or [
        {
            "id": _id("service_area", f"{resource.pk}:US"),
            "service_id": service_id,
            "name": "United States",
            "description": "Nationwide",
            "extent": "US",
            "extent_type": "other",
            "uri": None,
        }
    ]
    return {
        "id": service_id,
        "organization_id": _id("organization", resource.provider_id)
        if resource.provider_id
        else publisher_id(),
        "program_id": None,
        "name": resource.title,
        "alternate_name": None,
        "description": resource.summary,
        "url": resource.url or _absolute(resource.get_absolute_url()),
        "email": None,
        "status": "active",
        "eligibility_description": resource.audience or None,
        "assured_date": resource.last_checked.isoformat() if resource.last_checked else None,
        "last_modified": resource.updated_at.isoformat(),
        "languages": [
            {
                "id": _id("language", f"{resource.pk}:{resource.language}"),
                "service_id": service_id,
                "name": str(LANGUAGE_NAMES.get(resource.language, resource.language)),
                "code": resource.language,
                "note": None,
            }
        ],
        "service_areas": areas,
        "attributes": [
            {
                "id": _id("attribute", f"{resource.pk}:{topic.pk}"),
                "link_id": service_id,
                "link_type": "service",
                "link_entity": "service",
                "taxonomy_term_id": _id("taxonomy_term", topic.pk),
                "value": None,
                "taxonomy_term": _taxonomy_term(topic),
            }
            for topic in resource.topics.all()
        ],
        "x_actlocal": {"kind": resource.kind, "page": _absolute(resource.get_absolute_url())},
    }


def resources_as_hsds() -> dict:
    """The whole export: every approved resource as a service, with its organisations and taxonomy terms."""
    resources = list(
        resources_approved().select_related("provider").prefetch_related("topics").order_by("pk")
    )
    providers = {r.provider_id: r.provider for r in resources if r.provider_id}
    organizations = [_organization(g) for g in sorted(providers.values(), key=lambda g: g.pk)]
    if any(r.provider_id is None for r in resources):
        organizations.insert(0, _organization(None))
    terms = {t.pk: t for r in resources for t in r.topics.all()}
    return {
        "schema": {
            "name": "Open Referral Human Services Data Specification (HSDS)",
            "version": HSDS_VERSION,
            "url": "https://docs.openreferral.org/en/latest/hsds/",
            "note": (
                "Approved ActLocal resources as HSDS services, their provider partner groups as "
                "organizations and their topics as taxonomy terms. Ids are stable UUID5s. Service areas are "
                "US states (extent = postal abbreviation); a nationwide resource has the area 'United States'. "
                "Fields prefixed x_ are ActLocal extensions."
            ),
        },
        "generated_at": timezone.now().isoformat(),
        "publisher": {"name": "ActLocal", "url": settings.SITE_URL},
        "total_services": len(resources),
        "organizations": organizations,
        "services": [_service(r) for r in resources],
        "taxonomies": [
            {
                "id": _id("taxonomy", TAXONOMY),
                "name": "ActLocal issue areas and skills",
                "description": "Topics used across ActLocal's directories",
                "uri": None,
                "version": None,
            }
        ]
        if terms
        else [],
        "taxonomy_terms": [_taxonomy_term(t) for t in sorted(terms.values(), key=lambda t: t.pk)],
    }
