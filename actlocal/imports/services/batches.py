"""An import's life: upload, mapping, pass one (check every row), pass two (write), undo.

Pass one never writes people: it stores the row errors ("row 17, column email: not an e-mail address")
and the counts. Pass two refuses to start on a file with errors unless the person chose to skip those
rows. Both run as background tasks (``tasks.py``) that call these functions; the command line calls them
directly.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actlocal.core.audit import audit_log
from actlocal.directory.models import PartnerGroup, Person
from actlocal.imports import mapping as columns
from actlocal.imports.models import ImportBatch, Kind, MergeRecord, RowError, Source, SourceRecord
from actlocal.imports.reading import FileRefused, FileShape, check_size, inspect, iter_rows
from actlocal.imports.services.merge import recount_seats

logger = logging.getLogger(__name__)
MAX_STORED_ERRORS = 10_000
PROGRESS_EVERY = 5_000
SUPPORTED_KINDS = (Kind.PEOPLE, Kind.GROUPS, Kind.EVENTS, Kind.RSVPS)


def _shape(batch: ImportBatch) -> FileShape:
    return FileShape(batch.file_format, batch.encoding, batch.delimiter, list(batch.headers))


def _path(batch: ImportBatch) -> Path:
    return Path(batch.file.path)


@transaction.atomic
def import_batch_create(*, source_name: str, kind: str, upload, actor=None) -> ImportBatch:
    """Store an uploaded file, detect its format and map its columns. Raises ValidationError."""
    source_name = (source_name or "").strip()
    if not source_name:
        raise ValidationError({"source": _("Name the list's source, e.g. “Madison Action Network”.")})
    if kind not in SUPPORTED_KINDS:
        raise ValidationError({"kind": _("This kind of import is not available yet.")})
    try:
        check_size(upload.size)
    except FileRefused as refused:
        raise ValidationError({"file": str(refused)})
    digest = hashlib.sha256()
    upload.seek(0)
    for block in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(block)
    upload.seek(0)
    source, _created = Source.objects.get_or_create(name=source_name[:100])
    batch = ImportBatch(source=source, kind=kind, original_name=Path(upload.name).name[:255], size=upload.size,
                        sha256=digest.hexdigest(), created_by=actor if getattr(actor, "is_authenticated", False)
                        else None)  # fmt: skip
    batch.file.save(Path(upload.name).name, File(upload), save=False)
    try:
        shape = inspect(_path(batch))
    except FileRefused as refused:
        batch.file.delete(save=False)
        raise ValidationError({"file": str(refused)})
    batch.file_format, batch.encoding, batch.delimiter, batch.headers = (
        shape.file_format, shape.encoding, shape.delimiter, shape.headers)  # fmt: skip
    batch.mapping = columns.auto_map(shape.headers, kind)
    batch.save()
    audit_log(action="import.upload", actor=actor, target=batch,
              changes={"source": source.name, "kind": kind, "rows_file": batch.original_name,
                       "bytes": batch.size})  # fmt: skip
    return batch


@transaction.atomic
def import_mapping_set(*, batch: ImportBatch, mapping: dict[str, str], actor=None) -> ImportBatch:
    """The corrected column mapping ({column index: field or ""}); the rows will be checked again."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status not in {
        ImportBatch.Status.UPLOADED,
        ImportBatch.Status.VALID,
        ImportBatch.Status.INVALID,
    }:
        raise ValidationError(_("This import has started; its mapping can no longer change."))
    fields = columns.FIELDS[batch.kind]
    clean = {str(int(i)): f for i, f in mapping.items() if f and f in fields and int(i) < len(batch.headers)}
    errors = columns.mapping_errors(clean, batch.kind)
    if errors:
        raise ValidationError(errors)
    batch.mapping = clean
    batch.status = ImportBatch.Status.QUEUED
    batch.phase = "checking"
    batch.processed_rows = batch.error_count = 0
    batch.save()
    batch.row_errors.all().delete()
    audit_log(action="import.map", actor=actor, target=batch, changes={"mapping": clean})
    return batch


def _progress(batch: ImportBatch, also: Callable[[int], None] | None = None) -> Callable[[int], None]:
    def report(done: int) -> None:
        # Its own short write, outside any long transaction, so the progress page sees it at once.
        ImportBatch.objects.filter(pk=batch.pk).update(processed_rows=done)
        if also is not None:
            also(done)

    return report


def checked_rows(
    batch: ImportBatch, *, on_error=None, progress=None, encode: bool = True
) -> Iterator[tuple[int, dict, str, str, str]]:
    """Pass one: (row number, clean values, source key, content hash, values as JSON) for each good row.

    ``on_error(row, field, value, message)`` hears about each bad one. A row repeating another's ID is an
    error; an exact copy of an earlier row is dropped; rows keyed by e-mail may repeat (the same person
    twice in one list is what matching is for), so later ones get a numbered key.
    """
    kind = batch.kind
    width = len(batch.headers)
    seen_ids: dict[str, int] = {}
    groups = events = None
    if kind == Kind.PEOPLE and "group" in batch.mapping.values():
        groups = {g.casefold() for g in PartnerGroup.objects.values_list("name", flat=True)}
    if kind == Kind.RSVPS:
        from actlocal.imports.services.activity_import import event_refs

        events = event_refs(batch.source)
    rows = iter_rows(_path(batch), _shape(batch))
    next(rows, None)  # the header
    mapping = columns.compile_mapping(batch.mapping)
    count = 0
    for number, cells in rows:
        count += 1
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
        values, errors = columns.clean_row(cells, mapping, kind, width)
        if groups is not None and values.get("group") and values["group"].casefold() not in groups:
            errors.append(("group", values["group"], _("No partner group has this name.")))
        if events is not None and values.get("event") and values["event"] not in events:
            errors.append(
                ("event", values["event"], _("No event has this ID in this source, or this address name."))
            )
        key = columns.record_key(values, kind)
        # Pass one only counts; the JSON text and its hash are for the writer.
        text = columns.values_json(values) if encode else ""
        digest = columns.content_hash(values, text) if encode else ""
        if not errors and key in seen_ids:
            if key.startswith("row:"):
                continue
            if key.startswith("email:"):
                n = 2
                while f"{key}#{n}" in seen_ids:
                    n += 1
                key = f"{key}#{n}"
            else:
                errors.append(("external_id", values.get("external_id", ""),
                               _("The same ID as row %(row)s.") % {"row": seen_ids[key]}))  # fmt: skip
        if errors:
            if on_error is not None:
                for field, value, message in errors:
                    on_error(number, field, value, message)
            continue
        seen_ids[key] = number
        yield number, values, key, digest, text
    if progress is not None:
        progress(count)


def _header_of(batch: ImportBatch, field: str) -> str:
    for index, target in batch.mapping.items():
        if target == field:
            return batch.headers[int(index)]
    return field


def import_validate(*, batch_id: int, on_progress: Callable[[int], None] | None = None) -> ImportBatch:
    """Pass one over every row; stores the errors (the first 10,000) and whether the file is ready."""
    batch = ImportBatch.objects.get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING, phase="checking",
                                                   processed_rows=0)  # fmt: skip
    errors: list[RowError] = []
    bad_rows: set[int] = set()

    def on_error(row, field, value, message):
        bad_rows.add(row)
        if len(errors) < MAX_STORED_ERRORS:
            column = _header_of(batch, field) if field else ""
            errors.append(RowError(batch=batch, row=row, column=column[:100], value=str(value)[:200],
                                   message=message[:300]))  # fmt: skip

    good = 0
    try:
        for _row in checked_rows(
            batch, on_error=on_error, progress=_progress(batch, on_progress), encode=False
        ):
            good += 1
    except FileRefused as refused:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.INVALID, message=str(refused),
                                                       phase="")  # fmt: skip
        batch.refresh_from_db()
        return batch
    with transaction.atomic():
        batch.row_errors.all().delete()
        RowError.objects.bulk_create(errors, batch_size=2000)
        batch.total_rows = good + len(bad_rows)
        batch.processed_rows = batch.total_rows
        batch.error_count = len(bad_rows)
        batch.counts = {"good_rows": good, "bad_rows": len(bad_rows)}
        batch.status = ImportBatch.Status.INVALID if bad_rows else ImportBatch.Status.VALID
        batch.phase = ""
        batch.message = ""
        batch.save()
    return batch


@transaction.atomic
def import_start(*, batch: ImportBatch, skip_invalid: bool = False, actor=None) -> ImportBatch:
    """Queue pass two: a checked file without errors, or with errors the person chose to skip."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    resumable = {ImportBatch.Status.RUNNING, ImportBatch.Status.FAILED}
    if batch.status == ImportBatch.Status.INVALID and not skip_invalid:
        raise ValidationError(_("Some rows have errors: fix the file, or choose to skip those rows."))
    if batch.status not in {ImportBatch.Status.VALID, ImportBatch.Status.INVALID, *resumable}:
        raise ValidationError(_("This import cannot start now."))
    if batch.status == ImportBatch.Status.INVALID and batch.counts.get("good_rows", 0) == 0:
        raise ValidationError(_("No row can be imported."))
    batch.skip_invalid = skip_invalid or batch.skip_invalid
    batch.status = ImportBatch.Status.QUEUED
    batch.phase = "writing"
    batch.save()
    audit_log(action="import.start", actor=actor, target=batch, changes={"skip_invalid": batch.skip_invalid})
    return batch


def import_run(*, batch_id: int, on_progress: Callable[[int], None] | None = None) -> ImportBatch:
    """Pass two: write the rows (``people_import`` or ``groups_import``). Safe to run again after a crash."""
    from actlocal.imports.services.activity_import import import_event_rows, import_rsvp_rows
    from actlocal.imports.services.groups_import import import_group_rows
    from actlocal.imports.services.people_import import import_people_rows

    writers = {Kind.PEOPLE: import_people_rows, Kind.GROUPS: import_group_rows, Kind.EVENTS: import_event_rows,
               Kind.RSVPS: import_rsvp_rows}  # fmt: skip

    batch = ImportBatch.objects.select_related("source").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.RUNNING, phase="checking",
                                                   started_at=timezone.now(), processed_rows=0)  # fmt: skip
    try:
        bad = []

        def on_error(row, *_details):
            if not batch.skip_invalid:  # the file changed since it was checked: write nothing
                raise ValidationError(_("Some rows have errors: fix the file, or choose to skip those rows."))
            bad.append(row)

        # The rows stream from the file into the writer, which keeps only what it needs of each.
        rows = checked_rows(batch, on_error=on_error)
        total = batch.counts.get("good_rows") or batch.total_rows
        ImportBatch.objects.filter(pk=batch.pk).update(total_rows=total)
        writer = writers[batch.kind]
        counts = writer(batch, rows, _progress(batch, on_progress))
    except Exception as error:
        logger.exception("import %s stopped", batch.pk)
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        ImportBatch.objects.filter(pk=batch.pk).update(
            status=ImportBatch.Status.FAILED, message=message[:2000]
        )
        raise
    with transaction.atomic():
        batch.refresh_from_db()
        counts["skipped_rows"] = len(set(bad))
        batch.counts = {**batch.counts, **counts}
        batch.status = ImportBatch.Status.DONE
        batch.phase = ""
        batch.message = ""
        batch.processed_rows = batch.total_rows
        batch.finished_at = timezone.now()
        batch.save()
        audit_log(action="import.run", actor=batch.created_by, target=batch, changes=batch.counts)
    return batch


@transaction.atomic
def import_undo(*, batch: ImportBatch, actor=None) -> ImportBatch:
    """Remove everything this import added: its people, rows and automatic merges; put back what it
    filled in on people who already existed. Refused while a later import or a reviewer's merge has
    built on its people (undo those first), so an undo never takes anyone else's work with it."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != ImportBatch.Status.DONE:
        raise ValidationError(_("Only a finished import can be undone."))
    if batch.kind in {Kind.EVENTS, Kind.RSVPS}:
        return _undo_activity(batch, actor)
    model = Person if batch.kind == Kind.PEOPLE else PartnerGroup
    link = "person" if batch.kind == Kind.PEOPLE else "group"
    records = SourceRecord.objects.filter(batch=batch)
    created_ids = set(records.filter(created_object=True).values_list(f"{link}_id", flat=True))
    others = (SourceRecord.objects.filter(**{f"{link}_id__in": created_ids}).exclude(batch=batch)
              .values_list("batch__original_name", flat=True).first())  # fmt: skip
    if others is not None:
        raise ValidationError(_("A later import (%(name)s) added rows to these people; undo it first.")
                              % {"name": others})  # fmt: skip
    later_merge = MergeRecord.objects.filter(kind=batch.kind, survivor_id__in=created_ids, record__isnull=True,
                                             undone_at__isnull=True).exists()  # fmt: skip
    if later_merge:
        raise ValidationError(_("Some of these people were merged by a reviewer since; unmerge them first."))
    from actlocal.imports.services.merge import _revert

    for merge in MergeRecord.objects.filter(batch=batch, undone_at__isnull=True).exclude(
        survivor_id__in=created_ids
    ):
        target = model.objects.filter(pk=merge.survivor_id).first()
        if target is not None and merge.field_changes:
            _revert(target, merge.field_changes)
            target.save()
    updated_ids = []
    for record in records.filter(previous_data__isnull=False):
        updated_ids.append(record.pk)
        record.data, record.previous_data, record.batch = record.previous_data, None, None
        record.content_hash = columns.content_hash(record.data)
        record.save(update_fields=["data", "previous_data", "content_hash", "batch"])
    MergeRecord.objects.filter(batch=batch).delete()
    deleted = model.objects.filter(pk__in=created_ids).delete()[0]  # their source records go with them
    removed_count = SourceRecord.objects.filter(batch=batch).exclude(pk__in=updated_ids).delete()[0]
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    audit_log(action="import.undo", actor=actor, target=batch, changes={"deleted": deleted,
                                                                        "rows_removed": removed_count})  # fmt: skip
    return batch


def _undo_activity(batch: ImportBatch, actor) -> ImportBatch:
    from actlocal.events.models import Event, Rsvp

    records = SourceRecord.objects.filter(batch=batch)
    made = list(records.filter(kind=batch.kind, created_object=True).values_list("object_id", flat=True))
    if batch.kind == Kind.EVENTS:
        if Rsvp.objects.filter(event_id__in=made).exists():
            raise ValidationError(_("People have RSVPed to these events since; undo that import first."))
        deleted = Event.objects.filter(pk__in=made).delete()[0]
    else:
        events = list(Rsvp.objects.filter(pk__in=made).values_list("event_id", flat=True))
        deleted = Rsvp.objects.filter(pk__in=made).delete()[0]
        recount_seats(events)
        people = records.filter(kind=Kind.PEOPLE, created_object=True).values_list("person_id", flat=True)
        # A person this import created goes too, unless something else points at them by now.
        Person.objects.filter(pk__in=list(people), rsvps__isnull=True, user__isnull=True).delete()
    removed = records.delete()[0]
    batch.status = ImportBatch.Status.UNDONE
    batch.undone_at = timezone.now()
    batch.save(update_fields=["status", "undone_at"])
    audit_log(
        action="import.undo", actor=actor, target=batch, changes={"deleted": deleted, "rows_removed": removed}
    )
    return batch
