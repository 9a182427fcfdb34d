"""Pass two of a people import: match the checked rows against each other and everyone already known,
then write each cluster as one person with one source record per row.

Why it is shaped this way (a million rows in two minutes):
- rows arrive as plain dicts from pass one; matching runs in memory (``matching.match``);
- writes go through ``TableLoader`` (``executemany``/``COPY``) with ids allocated up front, because
  ``bulk_create`` spends most of its time building model instances;
- each chunk of whole clusters is one transaction that also advances ``processed_rows``: a killed import
  leaves complete people only, and running it again (the same file, the same source) resumes, because
  rows already written are recognised by their source key and skipped;
- one audit row per import (written by ``import_run``) and one ``MergeRecord`` per automatic merge, not
  an audit row per person.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable

from django.db import connection, transaction

from actlocal.core import places
from actlocal.core.seeding.bulk import TableLoader
from actlocal.core.visibility import Visibility
from actlocal.directory.models import Affiliation, PartnerGroup, Person
from actlocal.imports.matching import PersonRecord, match
from actlocal.imports.models import DuplicatePair, ImportBatch, Kind, MergeRecord, SourceRecord

VALUE_FIELDS = ("first_name", "last_name", "email", "phone", "street_address", "zip_code", "languages",
                "pronouns", "website")  # fmt: skip
CHUNK_ROWS = 50_000
Progress = Callable[[int], None]


def person_from_values(values: dict) -> Person:
    """An unsaved Person from one cleaned row."""
    person = Person(**{name: values.get(name, "") for name in VALUE_FIELDS if name != "zip_code"})
    _place(person, values.get("zip_code", ""))
    # An imported street address came from an organization's list: staff may see it. "Only me" would
    # hide it from everyone, since an imported person has no account yet.
    person.address_visibility = Visibility.STAFF
    return person


def _place(person, zip_code: str) -> None:
    place = places.place_or_none(zip_code) if zip_code else None
    if place is not None:
        person.set_place(place)
    else:
        person.zip_code = zip_code


def survivorship(members: list[tuple[int, dict]]) -> tuple[dict, dict]:
    """One value per field from several rows (record id, values): the commonest, ties to the first row.

    Returns (values, field_sources) where field_sources names the record each value came from.
    """
    if len(members) == 1:
        record_id, values = members[0]
        chosen = {name: values.get(name, "") for name in VALUE_FIELDS}
        return chosen, {name: record_id for name, value in chosen.items() if value}
    chosen, sources = {}, {}
    for name in VALUE_FIELDS:
        present = [(rid, v[name]) for rid, v in members if v.get(name)]
        if not present:
            chosen[name] = ""
            continue
        if len(present) == 1:
            chosen[name], sources[name] = present[0][1], present[0][0]
            continue
        counts: dict[str, int] = {}
        for _rid, value in present:
            key = value.casefold()
            counts[key] = counts.get(key, 0) + 1
        best = max(counts.values())
        # Among the commonest, prefer a value not typed in capitals ("Ana", not "ANA"), then the first row.
        rid, value = min(
            (c for c in present if counts[c[1].casefold()] == best),
            key=lambda c: (c[1].isupper(), present.index(c)),
        )
        chosen[name], sources[name] = value, rid
    return chosen, sources


def _allocate_ids(model, count: int) -> list[int]:
    """Ids for rows written with explicit keys, inside the caller's transaction."""
    if not count:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite: the transaction holds the write lock (BEGIN IMMEDIATE), so nobody else can take these.
        # The AUTOINCREMENT counter moves too, so no deleted id is ever handed out again.
        cursor.execute(f"SELECT MAX(id) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        top = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        start = max(top, row[0] if row else 0) + 1
        cursor.execute("UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [start + count - 1, table])
        if not cursor.rowcount:
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start + count - 1]
            )
        return list(range(start, start + count))


def _json(value) -> str:
    # JSON text goes straight into the column (SQLite text, PostgreSQL's COPY parses it as jsonb).
    return json.dumps(value, ensure_ascii=False)


_PLACES: dict[str, object] = {}


def _place_cached(zip_code: str):
    """``places.place_or_none`` with a memo: a million rows share a few thousand ZIPs."""
    if zip_code not in _PLACES:
        _PLACES[zip_code] = places.place_or_none(zip_code)
    return _PLACES[zip_code]


class PeopleWriter:
    """Writes the new and changed rows of one batch. ``rows``: [(row number, cleaned values, key)]."""

    def __init__(self, batch: ImportBatch, rows: list[tuple[int, dict, str, str]], progress: Progress):
        self.batch = batch
        self.rows = rows
        self.progress = progress
        self.counts = Counter()
        self.groups = {g.name.casefold(): g.pk for g in PartnerGroup.objects.only("pk", "name")}
        quiet = lambda _message: None  # noqa: E731
        self.people = TableLoader(
            Person,
            [
                "id",
                *VALUE_FIELDS,
                "city",
                "state",
                "county",
                "lat",
                "lng",
                "field_sources",
                "address_visibility",
            ],
            log=quiet,
        )
        self.records = TableLoader(
            SourceRecord,
            [
                "id",
                "source",
                "kind",
                "external_id",
                "content_hash",
                "data",
                "person",
                "batch",
                "created_object",
            ],
            log=quiet,
        )
        self.merges = TableLoader(
            MergeRecord,
            ["kind", "survivor_id", "record", "score", "reasons", "automatic", "batch"],
            log=quiet,
        )

    # -- classification -----------------------------------------------------------------------------
    def run(self) -> Counter:
        known = {
            key: (pk, digest, person_id)
            for key, pk, digest, person_id in SourceRecord.objects.filter(
                source=self.batch.source, kind=Kind.PEOPLE
            ).values_list("external_id", "pk", "content_hash", "person_id")
        }
        # Rows stream in from pass one; a new row is kept only as (key, hash, JSON text) plus its matching
        # keys, not as a dict: at a million rows the dicts alone would take about a gigabyte.
        new, new_records, changed = [], [], []
        for row in self.rows:
            _number, values, key, digest, text = row
            found = known.get(key)
            if found is None:
                new_records.append(PersonRecord(len(new), first_name=values.get("first_name", ""),
                                                last_name=values.get("last_name", ""), email=values.get("email", ""),
                                                phone=values.get("phone", ""), zip_code=values.get("zip_code", ""),
                                                street=values.get("street_address", "")))  # fmt: skip
                new.append((key, digest, text))
            elif found[1] == digest:
                self.counts["unchanged"] += 1
            else:
                changed.append((row, found))
        self.counts["unchanged_rows"] = self.counts["unchanged"]
        done = self.counts["unchanged"]
        self.progress(done)
        if changed:
            self._update(changed)
            done += len(changed)
            self.progress(done)
        if new:
            self._write_new(new, new_records, done)
        return self.counts

    def _update(self, changed) -> None:
        """A row edited in the source since the last import: its record changes; the person only gains
        what was blank (an edited list must not overwrite what a leader typed on the site)."""
        with transaction.atomic():
            for (_number, values, _key, digest, _text), (record_pk, _old, person_id) in changed:
                record = SourceRecord.objects.select_for_update().get(pk=record_pk)
                record.previous_data, record.data, record.content_hash = record.data, values, digest
                record.batch = self.batch
                record.save(update_fields=["previous_data", "data", "content_hash", "batch"])
                person = Person.objects.filter(pk=person_id).first()
                if person is not None:
                    self._fill_blanks(person, values, record_pk)
                self.counts["updated"] += 1

    def _fill_blanks(self, person: Person, values: dict, record_pk: int) -> dict:
        changes = {}
        for name in VALUE_FIELDS:
            value = values.get(name, "")
            if value and not getattr(person, name):
                changes[name] = ["", value]
                if name == "zip_code":
                    _place(person, value)
                else:
                    setattr(person, name, value)
                person.field_sources[name] = record_pk
        if changes:
            person.save()
        return changes

    # -- matching and writing -----------------------------------------------------------------------
    def _write_new(self, new, new_records, done: int) -> None:
        self.batch.phase = "matching"
        self.batch.save(update_fields=["phase"])
        records = [
            PersonRecord(
                pk, first_name=f, last_name=la, email=e, phone=p, zip_code=z, street=s, existing=True
            )
            for pk, f, la, e, p, z, s in Person.objects.values_list(
                "pk", "first_name", "last_name", "email", "phone", "zip_code", "street_address"
            ).iterator(chunk_size=10_000)
        ]
        offset = len(records)
        records.extend(new_records)
        new_records.clear()
        result = match(records)
        link = {}
        for i, j, score, reasons in result.linked:
            for k in (i, j):
                if k >= offset and k not in link:
                    link[k] = (score, reasons)
        clusters: dict[int, list[int]] = defaultdict(list)
        cluster_person: dict[int, int] = {}
        for k, root in enumerate(result.cluster):
            if k < offset:
                cluster_person.setdefault(root, records[k].ref)
            else:
                clusters[root].append(k)
        del records
        self.batch.phase = "writing"
        self.batch.save(update_fields=["phase"])
        person_of_cluster: dict[int, int] = dict(cluster_person)
        chunk: list[tuple[int, list[int]]] = []
        size = 0
        for root, members in clusters.items():
            chunk.append((root, members))
            size += len(members)
            if size >= CHUNK_ROWS:
                self._write_chunk(chunk, new, offset, link, cluster_person, person_of_cluster)
                done += size
                self.progress(done)
                chunk, size = [], 0
        if chunk:
            self._write_chunk(chunk, new, offset, link, cluster_person, person_of_cluster)
            done += size
            self.progress(done)
        self._queue_review(result.review, result.cluster, offset, person_of_cluster)

    @transaction.atomic
    def _write_chunk(self, chunk, new, offset, link, cluster_person, person_of_cluster) -> None:
        n_records = sum(len(m) for _r, m in chunk)
        record_ids = iter(_allocate_ids(SourceRecord, n_records))
        new_people = [root for root, _m in chunk if root not in cluster_person]
        person_ids = dict(zip(new_people, _allocate_ids(Person, len(new_people)), strict=True))
        person_of_cluster.update(person_ids)
        batch, source_id = self.batch.pk, self.batch.source_id
        people_rows, record_rows, merge_rows, affiliations = [], [], [], []
        for root, members in chunk:
            ids = [next(record_ids) for _ in members]
            existing_pk = cluster_person.get(root)
            survivor = existing_pk or person_ids[root]
            member_values = []
            for k, rid in zip(members, ids, strict=True):
                key, digest, text = new[k - offset]
                values = json.loads(text)
                member_values.append((rid, values))
                created = existing_pk is None and k == members[0]
                # The JSON text from pass one goes in as is: encoding it again cost a tenth of the import.
                record_rows.append((rid, source_id, Kind.PEOPLE, key, digest, text, survivor, batch, created))
                if not created:
                    score, reasons = link.get(k, (None, []))
                    merge_rows.append((Kind.PEOPLE, survivor, rid, score, _json(reasons), True, batch))
                group = self.groups.get(values["group"].casefold()) if values.get("group") else None
                if group:
                    affiliations.append((survivor, group))
            if existing_pk is None:
                chosen, sources = survivorship(member_values)
                people_rows.append(self._person_row(person_ids[root], chosen, sources))
                self.counts["people_created"] += 1
                self.counts["merged_in_file"] += len(members) - 1
            else:
                self.counts["joined_existing"] += len(members)
        self.people.write(people_rows)
        self.records.write(record_rows)
        if merge_rows:
            self.merges.write(merge_rows)
        if affiliations:
            Affiliation.objects.bulk_create(
                [Affiliation(person_id=p, group_id=g) for p, g in set(affiliations)], ignore_conflicts=True
            )
        # Existing people who gained rows may gain values for blank fields, recorded on each merge.
        for root, members in chunk:
            existing_pk = cluster_person.get(root)
            if existing_pk is None:
                continue
            person = Person.objects.select_for_update().get(pk=existing_pk)
            for k in members:
                record = SourceRecord.objects.get(
                    source_id=source_id, kind=Kind.PEOPLE, external_id=new[k - offset][0]
                )
                changes = self._fill_blanks(person, json.loads(new[k - offset][2]), record.pk)
                if changes:
                    MergeRecord.objects.filter(record=record).update(field_changes=changes)

    def _person_row(self, pk: int, values: dict, sources: dict) -> tuple:
        place = _place_cached(values["zip_code"]) if values["zip_code"] else None
        city = state = county = ""
        lat = lng = None
        if place is not None:
            city, state, county, lat, lng = place.city, place.state, place.county, place.lat, place.lng
        return (pk, *(values[name] for name in VALUE_FIELDS), city, state, county, lat, lng,
                _json(sources), Visibility.STAFF)  # fmt: skip

    def _queue_review(self, review, cluster, offset, person_of_cluster) -> None:
        self.counts["queued_for_review"] += queue_person_pairs(review, cluster, person_of_cluster, self.batch)


def queue_person_pairs(review, cluster, person_of_cluster, batch) -> int:
    """Queue each doubtful pair once (its best score), skipping pairs a reviewer already decided."""
    pairs = {}
    for i, j, score, reasons in review:
        a, b = person_of_cluster.get(cluster[i]), person_of_cluster.get(cluster[j])
        if a is None or b is None or a == b:
            continue
        key = (min(a, b), max(a, b))
        if key not in pairs or pairs[key][0] < score:
            pairs[key] = (score, reasons)
    if not pairs:
        return 0
    decided = set(
        DuplicatePair.objects.filter(kind=Kind.PEOPLE, person_a__in={a for a, _b in pairs}).values_list(
            "person_a_id", "person_b_id"
        )
    )
    todo = [
        DuplicatePair(kind=Kind.PEOPLE, person_a_id=a, person_b_id=b, score=s, reasons=r, batch=batch)
        for (a, b), (s, r) in pairs.items()
        if (a, b) not in decided
    ]
    with transaction.atomic():
        DuplicatePair.objects.bulk_create(todo, batch_size=5000, ignore_conflicts=True)
    return len(todo)


def import_people_rows(batch: ImportBatch, rows, progress: Progress) -> dict:
    counts = PeopleWriter(batch, rows, progress).run()
    counts.pop("unchanged_rows", None)
    return dict(counts)


@transaction.atomic
def people_find_duplicates(*, actor=None) -> int:
    """Queue likely pairs among the people already known (entered on the site, RSVPs, earlier imports).

    Nobody is merged without a person here: these records may have sign-ins and histories of their own.
    """
    from actlocal.core.audit import audit_log

    records = [
        PersonRecord(pk, first_name=f, last_name=la, email=e, phone=p, zip_code=z, street=st, existing=True)
        for pk, f, la, e, p, z, st in Person.objects.values_list(
            "pk", "first_name", "last_name", "email", "phone", "zip_code", "street_address"
        ).iterator(chunk_size=10_000)
    ]
    result = match(records, auto=float("inf"))
    owner = {k: r.ref for k, r in enumerate(records)}
    made = queue_person_pairs(result.review, list(range(len(records))), owner, None)
    audit_log(action="person.find_duplicates", actor=actor, changes={"queued": made})
    return made
