"""Pass two of an events or RSVPs import. Thousands of rows, not millions: written through the ORM.

Imported events start as drafts, so nothing appears on the public calendar before a host has looked at it.
An RSVP row names its event by the event's ID in the same source (an events file imported earlier) or by
the event's address name (slug), and its person by e-mail: a known person gets the RSVP, an unknown one
becomes a person, recorded as a people row of this source so the export shows where they came from.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actlocal.core import places
from actlocal.directory.models import Person
from actlocal.events.services.authoring import event_slug
from actlocal.imports.mapping import parse_when
from actlocal.imports.models import ImportBatch, Kind, SourceRecord
from actlocal.imports.services.merge import recount_seats
from actlocal.imports.services.people_import import person_from_values


def event_refs(source) -> dict[str, int]:
    """{reference: event id} an RSVP row may use: this source's event IDs, then every event's slug."""
    from actlocal.events.models import Event

    refs = dict(Event.objects.values_list("slug", "pk"))
    refs.update(
        SourceRecord.objects.filter(source=source, kind=Kind.EVENTS, object_id__isnull=False).values_list(
            "external_id", "object_id"
        )
    )
    return refs


def _aware(text: str, zone: str):
    naive = parse_when(text)
    return timezone.make_aware(naive, ZoneInfo(zone)) if naive is not None else None


def _split(rows, batch, counts):
    known = dict(
        SourceRecord.objects.filter(source=batch.source, kind=batch.kind).values_list(
            "external_id", "content_hash"
        )
    )
    for _number, values, key, digest, _text in rows:
        if key not in known:
            yield values, key, digest
        elif known[key] == digest:
            counts["unchanged"] += 1
        else:
            SourceRecord.objects.filter(source=batch.source, kind=batch.kind, external_id=key).update(
                data=values, content_hash=digest, batch=batch
            )
            counts["updated"] += 1


@transaction.atomic
def import_event_rows(batch: ImportBatch, rows, progress) -> dict:
    from actlocal.events.models import Event

    counts: Counter = Counter()
    taken: set[str] = set()
    for values, key, digest in _split(rows, batch, counts):
        place = places.place_or_none(values.get("zip_code", "")) if values.get("zip_code") else None
        zone = place.timezone if place is not None else settings.TIME_ZONE
        starts = _aware(values["starts_at"], zone)
        ends = _aware(values["ends_at"], zone) if values.get("ends_at") else starts + timedelta(hours=2)
        event = Event(title=values["title"], slug=event_slug(values["title"], starts, taken=taken), starts_at=starts,
                      ends_at=ends, timezone=zone, venue_name=values.get("venue_name", ""),
                      street_address=values.get("street_address", ""), description=values.get("description", ""),
                      status=Event.Status.DRAFT)  # fmt: skip
        event.set_place(place)
        if place is None and values.get("zip_code"):
            event.zip_code = values["zip_code"]
        event.save()
        SourceRecord.objects.create(source=batch.source, kind=Kind.EVENTS, external_id=key, content_hash=digest,
                                    data=values, object_id=event.pk, batch=batch, created_object=True)  # fmt: skip
        counts["events_created"] += 1
        progress(sum(counts.values()))
    return dict(counts)


@transaction.atomic
def import_rsvp_rows(batch: ImportBatch, rows, progress) -> dict:
    from actlocal.events.models import Rsvp

    counts: Counter = Counter()
    refs = event_refs(batch.source)
    now = timezone.now()
    touched: set[int] = set()
    for values, key, digest in _split(rows, batch, counts):
        event_id = refs[values["event"]]  # pass one refused rows naming no known event
        person = Person.objects.filter(email=values["email"]).order_by("pk").first()
        if person is None:
            person = person_from_values(values)
            person.save()
            record = SourceRecord.objects.create(source=batch.source, kind=Kind.PEOPLE, batch=batch,
                                                 external_id=f"email:{values['email']}", data=values,
                                                 content_hash=digest, person=person, created_object=True)  # fmt: skip
            person.field_sources = {name: record.pk for name in ("first_name", "last_name", "email", "phone",
                                                                 "zip_code") if values.get(name)}  # fmt: skip
            person.save(update_fields=["field_sources"])
            counts["people_created"] += 1
        rsvp, created = Rsvp.objects.get_or_create(
            event_id=event_id, person=person, defaults={"status": values["status"], "source": "import"}
        )
        if created and values.get("attended"):
            rsvp.checked_in_at = now
            rsvp.save(update_fields=["checked_in_at"])
        SourceRecord.objects.create(source=batch.source, kind=Kind.RSVPS, external_id=key, content_hash=digest,
                                    data=values, person=person, object_id=rsvp.pk, batch=batch,
                                    created_object=created)  # fmt: skip
        counts["rsvps_created" if created else "rsvps_already_there"] += 1
        touched.add(event_id)
        progress(sum(counts.values()))
    recount_seats(touched)  # imported RSVPs bypass the RSVP services that keep seat counters
    return dict(counts)
