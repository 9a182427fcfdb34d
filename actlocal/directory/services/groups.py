"""Writes to partner groups and the leaders linked to them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.core.slugs import unique_slug
from actlocal.directory.models import Affiliation, PartnerGroup, Person
from actlocal.directory.services._common import changed_fields

GROUP_FIELDS = (
    "name",
    "kind",
    "area_served",
    "mission",
    "website",
    "meeting_times",
    "social_links",
    "languages",
    "contact_email",
    "contact_phone",
    "contact_email_visibility",
    "contact_phone_visibility",
)
RESERVED_GROUP_SLUGS = {"new", "map"}  # /groups/new/ and /groups/map/ are pages of their own


def unique_group_slug(name: str, *, taken: set[str] | None = None) -> str:
    return unique_slug(name, model=PartnerGroup, taken=taken, reserved=RESERVED_GROUP_SLUGS, fallback="group")


def _apply_group(group: PartnerGroup, data: dict) -> list[str]:
    changed = changed_fields(group, data, GROUP_FIELDS)
    if "zip_code" in data and data["zip_code"] != group.zip_code:
        group.set_place(places.place_for_zip(data["zip_code"]) if data["zip_code"] else None)
        changed += ["zip_code", "city", "state", "county", "lat", "lng"]
    if "state" in data and not group.zip_code and data["state"] != group.state:
        group.state = data["state"]  # a statewide or national group may have no ZIP
        changed.append("state")
    return changed


@transaction.atomic
def group_create(*, actor, data: dict) -> PartnerGroup:
    """Staff add a partner group (its admins are invited separately)."""
    from actlocal.accounts import selectors as account_selectors

    if not account_selectors.user_is_staff(actor):
        raise PermissionDenied("only staff create partner groups")
    group = PartnerGroup(slug=unique_group_slug(data["name"]))
    _apply_group(group, data)
    group.save()
    if "topics" in data:
        group.topics.set(data["topics"])
    audit_log(action="group.create", actor=actor, target=group, changes={"name": group.name})
    return group


@transaction.atomic
def group_update(*, group: PartnerGroup, actor, data: dict) -> PartnerGroup:
    """A group's admins (or staff) edit its page. The slug, and so every link to it, stays the same."""
    from actlocal.accounts import selectors as account_selectors

    if not account_selectors.user_is_group_admin(user=actor, group=group):
        raise PermissionDenied("may only edit groups one runs")
    changed = _apply_group(group, data)
    if changed:
        group.save()
    if "topics" in data and {t.pk for t in data["topics"]} != set(group.topics.values_list("pk", flat=True)):
        group.topics.set(data["topics"])
        changed.append("topics")
    if changed:
        audit_log(action="group.update", actor=actor, target=group, changes={"fields": sorted(set(changed))})
    return group


@transaction.atomic
def affiliation_add(*, group: PartnerGroup, person: Person, actor, role: str = "", is_contact=False):
    """Link a leader to a group with a role (or change the role of one already linked)."""
    from actlocal.accounts import selectors as account_selectors

    if not account_selectors.user_is_group_admin(user=actor, group=group):
        raise PermissionDenied("may only link leaders to groups one runs")
    affiliation, created = Affiliation.objects.update_or_create(
        group=group, person=person, defaults={"role": role.strip(), "is_contact": is_contact}
    )
    audit_log(
        action="affiliation.add" if created else "affiliation.update",
        actor=actor,
        target=affiliation,
        changes={"group": group.pk, "person": person.pk, "role": affiliation.role},
    )
    return affiliation


@transaction.atomic
def affiliation_remove(*, affiliation: Affiliation, actor) -> None:
    from actlocal.accounts import selectors as account_selectors

    group, person = affiliation.group, affiliation.person
    if not account_selectors.user_is_group_admin(user=actor, group=group):
        raise PermissionDenied("may only unlink leaders from groups one runs")
    audit_log(
        action="affiliation.remove",
        actor=actor,
        target=affiliation,
        changes={"group": group.pk, "person": person.pk},
    )
    affiliation.delete()
