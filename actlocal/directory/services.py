"""Writes to the directory. Every write is one function here: atomic, audit-logged."""

from __future__ import annotations

from django.db import transaction

from actlocal.core import places
from actlocal.core.audit import audit_log
from actlocal.directory.models import Person


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
