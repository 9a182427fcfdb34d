"""One row per person, with the source records merged into them: the proof that lists came together."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction

from actlocal.core.audit import audit_log
from actlocal.core.csv_safe import safe_writer
from actlocal.core.visibility import RANK, Visibility, audience_rank, field_level
from actlocal.directory.models import Person
from actlocal.imports.models import Kind, SourceRecord

COLUMNS = ["person_id", "first_name", "last_name", "email", "phone", "street_address", "zip_code", "city",
           "state"]  # fmt: skip
SOURCE_COLUMNS = ["sources", "source_record_ids"]
CHUNK = 5000


def _rows(rank: int, with_sources: bool):
    people = Person.objects.order_by("pk")
    last = 0
    while True:
        chunk = list(people.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1].pk
        sources: dict[int, list[tuple[str, str]]] = defaultdict(list)
        if with_sources:
            for person_id, name, external in (
                SourceRecord.objects.filter(kind=Kind.PEOPLE, person_id__in=[p.pk for p in chunk])
                .order_by("source__name", "external_id")
                .values_list("person_id", "source__name", "external_id")
            ):
                sources[person_id].append((name, external))
        for person in chunk:
            row = [person.pk]
            for column in COLUMNS[1:]:
                level = field_level(person, column) if column in Person.VISIBILITY else Visibility.PUBLIC
                row.append(getattr(person, column) if RANK.get(level, 3) <= rank else "")
            if with_sources:
                found = sources.get(person.pk, [])
                row.append("; ".join(sorted({name for name, _e in found})))
                row.append("; ".join(f"{name}:{external}" for name, external in found))
            yield row


@transaction.atomic
def people_export(*, stream, actor=None, with_sources: bool = True) -> int:
    """Write every person as CSV to ``stream`` (each field under its visibility rule for the reader;
    the command line reads as staff). Returns the number of people written."""
    rank = audience_rank(actor) if actor is not None else RANK[Visibility.STAFF]
    writer = safe_writer(stream)
    writer.writerow(COLUMNS + (SOURCE_COLUMNS if with_sources else []))
    count = 0
    for row in _rows(rank, with_sources):
        writer.writerow(row)
        count += 1
    audit_log(action="people.export", actor=actor, changes={"rows": count, "with_sources": with_sources})
    return count
