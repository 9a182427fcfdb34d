"""Writes to people: matching by e-mail, leaders' own profiles and privacy, staff-added leaders and
their claim invitations."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.directory.models import Person
from actlocal.directory.services._common import changed_fields


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


@transaction.atomic
def person_match_or_create(
    *,
    email: str,
    first_name: str,
    last_name: str = "",
    zip_code: str = "",
    phone: str = "",
    actor=None,
    source: str = "web",
) -> tuple[Person, bool]:
    """The person with this e-mail, or a new one. Returns (person, created).

    Someone typing a known address (an RSVP form, an import) only fills fields that are still blank: a
    stranger who knows a leader's e-mail must not be able to rename her or move her city.
    """
    email = normalize_email(email)
    person = Person.objects.filter(email=email).order_by("id").first() if email else None
    place = places.place_or_none(zip_code) if zip_code else None
    if person is not None:
        changed = []
        for field, value in (("first_name", first_name), ("last_name", last_name), ("phone", phone)):
            if value and not getattr(person, field):
                setattr(person, field, value.strip())
                changed.append(field)
        if place is not None and not person.zip_code:
            person.set_place(place)
            changed += ["zip_code", "city", "state", "county", "lat", "lng"]
        if changed:
            person.save(update_fields=[*changed, "updated_at"])
            audit_log(
                action="person.fill_blanks",
                actor=actor,
                target=person,
                changes={"fields": changed, "source": source},
            )
        return person, False
    person = Person(
        email=email, first_name=first_name.strip(), last_name=last_name.strip(), phone=phone.strip()
    )
    person.set_place(place)
    person.save()
    audit_log(action="person.create", actor=actor, target=person, changes={"source": source})
    return person, True


# --- Leaders' profiles ---------------------------------------------------------------------------------

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "pronouns",
    "leader_type",
    "bio",
    "languages",
    "website",
    "street_address",
    "phone",
    "email",
)
VISIBILITY_FIELDS = (
    "name_visibility",
    "place_visibility",
    "email_visibility",
    "phone_visibility",
    "address_visibility",
    "bio_visibility",
    "photo_visibility",
)


def _apply_profile(person: Person, data: dict) -> list[str]:
    """Copy cleaned form data onto ``person``; returns the names of fields that changed."""
    if "email" in data:
        data = {**data, "email": normalize_email(data["email"])}
    changed = changed_fields(person, data, PROFILE_FIELDS)
    if "zip_code" in data and data["zip_code"] != person.zip_code:
        person.set_place(places.place_for_zip(data["zip_code"]) if data["zip_code"] else None)
        changed += ["zip_code", "city", "state", "county", "lat", "lng"]
    old_photo = person.photo.name if person.photo else ""
    if data.get("remove_photo") and old_photo:
        person.photo = ""
        changed.append("photo")
    if data.get("photo"):
        person.photo.save(data["photo"].name, data["photo"], save=False)
        changed.append("photo")
    if old_photo and "photo" in changed:
        # Deleted only once the new row is committed: a rolled-back edit keeps the old photo.
        storage = person.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return changed


def _apply_topics(person: Person, data: dict) -> bool:
    if "topics" not in data:
        return False
    new = {t.pk for t in data["topics"]}
    if new == set(person.topics.values_list("pk", flat=True)):
        return False
    person.topics.set(data["topics"])
    return True


@transaction.atomic
def person_update(*, person: Person, actor, data: dict) -> Person:
    """Save a leader's edits to her profile. ``data`` holds cleaned form values (see ``PROFILE_FIELDS``,
    ``zip_code``, ``photo``, ``remove_photo``, ``topics``). The audit log names the fields that changed,
    never their values, since a private phone number must not end up in the log for staff to read."""
    changed = _apply_profile(person, data)
    if changed:
        person.save()
    if _apply_topics(person, data):
        changed.append("topics")
    if changed:
        audit_log(
            action="person.update", actor=actor, target=person, changes={"fields": sorted(set(changed))}
        )
    return person


@transaction.atomic
def person_set_visibility(*, person: Person, actor, data: dict) -> Person:
    """Who sees what: each ``*_visibility`` level (never more open than its floor), ``listed`` and
    ``contact_via_platform``. Levels are not secret, so the log records them."""
    for field in VISIBILITY_FIELDS:
        if field in data:
            level = data[field]
            if level not in {value for value, _label in Person._meta.get_field(field).allowed_levels()}:
                raise ValidationError({field: _("Choose one of the allowed levels.")}, code="floor")
    changed = changed_fields(person, data, (*VISIBILITY_FIELDS, "listed", "contact_via_platform"))
    if changed:
        person.save(update_fields=[*changed, "updated_at"])
        audit_log(
            action="person.set_visibility",
            actor=actor,
            target=person,
            changes={field: getattr(person, field) for field in changed},
        )
    return person


@transaction.atomic
def person_create_for_user(*, user, data: dict) -> Person:
    """A network member starts her own leader profile (she becomes a leader).

    If the network already knows her by her verified sign-in address (an RSVP, an import) and nobody has
    claimed that record, she takes it over rather than making a duplicate: it is hers by that address.
    """
    from actlocal.accounts import selectors as account_selectors

    if not account_selectors.user_is_member(user):
        raise PermissionDenied("only network members have leader profiles")
    if Person.objects.filter(user=user).exists():
        raise ValidationError(_("You already have a leader profile."), code="exists")
    person = None
    if account_selectors.user_owns_email(user=user, email=user.email):
        person = (
            Person.objects.select_for_update()
            .filter(email=normalize_email(user.email), user__isnull=True)
            .order_by("id")
            .first()
        )
    created = person is None
    if created:
        person = Person(email=normalize_email(user.email))
    person.user = user
    _apply_profile(person, {"email": person.email, **data})
    person.save()
    _apply_topics(person, data)
    audit_log(
        action="person.create" if created else "person.claim",
        actor=user,
        target=person,
        changes={"source": "profile", "fields": sorted(k for k in data if data[k])},
    )
    return person


@transaction.atomic
def person_create_by_staff(*, actor, data: dict) -> Person:
    """Staff add a leader who has no account yet; she can claim the record through an invitation."""
    from actlocal.accounts import selectors as account_selectors

    if not account_selectors.user_is_staff(actor):
        raise PermissionDenied("only staff add leaders")
    person = Person()
    _apply_profile(person, data)
    if not person.leader_type:
        person.leader_type = Person.LeaderType.EMERGENT
    person.save()
    _apply_topics(person, data)
    audit_log(
        action="person.create",
        actor=actor,
        target=person,
        changes={"source": "staff", "fields": sorted(k for k in data if data[k])},
    )
    return person


@transaction.atomic
def person_invite_to_claim(*, person: Person, actor, message: str = ""):
    """E-mail the leader an invitation to claim her record (accepting it links her account to it)."""
    from actlocal.accounts.models import Invitation
    from actlocal.accounts.services import invitation_create

    if not person.email:
        raise ValidationError(_("Add an e-mail address to this leader before inviting her."), code="no_email")
    invitation, _token = invitation_create(
        invited_by=actor, email=person.email, role=Invitation.Role.MEMBER, person=person, message=message
    )
    audit_log(
        action="person.invite_to_claim", actor=actor, target=person, changes={"invitation": invitation.pk}
    )
    return invitation
