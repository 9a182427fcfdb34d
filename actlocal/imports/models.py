"""Imports, the records each source list brought, merges and the queue of pairs waiting for a person.

A ``Person`` is a cluster of ``SourceRecord`` rows (one per row of each organization's list) plus whatever
was entered on the site. Merges are recorded with what is needed to undo them: ``MergeRecord``.
"""

from __future__ import annotations

import posixpath
import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils.translation import gettext_lazy as _


def import_file_path(instance, filename: str) -> str:
    # A random name: the stored file says nothing about whose list it is.
    return f"{uuid.uuid4().hex}{posixpath.splitext(filename)[1].lower()[:6]}"


class PrivateImportStorage(FileSystemStorage):
    """Uploaded lists hold people's contact details: they live beside the media folder, never under the
    URL that serves it, so no link can ever reach them."""

    @property
    def base_location(self):
        return str(Path(settings.MEDIA_ROOT).parent / "private" / "imports")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())


_storage = PrivateImportStorage()


def import_storage() -> PrivateImportStorage:
    return _storage


class Kind(models.TextChoices):
    PEOPLE = "people", _("People")
    GROUPS = "groups", _("Groups")
    EVENTS = "events", _("Events")
    RSVPS = "rsvps", _("RSVPs")


class Source(models.Model):
    """Where rows come from: one organization's export ("Madison Action Network list")."""

    name = models.CharField(_("source name"), max_length=100, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ImportBatch(models.Model):
    """One uploaded file on its way in: mapped, validated, written, maybe undone."""

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Uploaded")
        INVALID = "invalid", _("Has errors")
        VALID = "valid", _("Ready to import")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Stopped")
        UNDONE = "undone", _("Undone")

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="batches")
    kind = models.CharField(
        _("what the file holds"), max_length=10, choices=Kind.choices, default=Kind.PEOPLE
    )
    file = models.FileField(upload_to=import_file_path, storage=import_storage, max_length=200)
    original_name = models.CharField(max_length=255)
    size = models.BigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, db_index=True)
    file_format = models.CharField(max_length=5, default="csv")
    encoding = models.CharField(max_length=40, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    headers = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="column index (as text) -> field name")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UPLOADED, db_index=True)
    # What the background task is doing now: "checking" the rows, "matching", "writing", "undoing".
    phase = models.CharField(max_length=10, blank=True)
    skip_invalid = models.BooleanField(default=False)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)
    message = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.source})"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(100 * self.processed_rows / self.total_rows) if self.total_rows else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED, self.Status.UNDONE, self.Status.INVALID}


class RowError(models.Model):
    """One problem found while validating: "row 17, column email: not an e-mail address"."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="row_errors")
    row = models.PositiveIntegerField()
    column = models.CharField(max_length=100, blank=True)
    value = models.CharField(max_length=200, blank=True)
    message = models.CharField(max_length=300)

    class Meta:
        ordering = ["row", "id"]

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.message}"


class SourceRecord(models.Model):
    """One row of one source, keyed by the source's own ID (or the row's content when it has none)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    external_id = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=32)
    data = models.JSONField(default=dict)
    person = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="source_records"
    )
    group = models.ForeignKey(
        "directory.PartnerGroup",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="source_records",
    )
    object_id = models.BigIntegerField(null=True, blank=True, help_text="event or RSVP written from this row")
    batch = models.ForeignKey(ImportBatch, null=True, on_delete=models.SET_NULL, related_name="records")
    created_object = models.BooleanField(default=False)
    previous_data = models.JSONField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "external_id"], name="source_record_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.external_id}"


class MergeRecord(models.Model):
    """A merge and what undoing it needs.

    ``record`` set: an imported row joined an existing person (no second person ever existed).
    ``record`` empty: two people were merged; ``snapshot`` holds the removed one, its moved links and the
    rows that could not move (the same RSVP twice), so unmerging restores both people as they were.
    """

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PEOPLE)
    survivor_id = models.BigIntegerField(db_index=True)
    loser_id = models.BigIntegerField(null=True, blank=True)
    record = models.ForeignKey(
        SourceRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    snapshot = models.JSONField(default=dict)
    field_changes = models.JSONField(default=dict)
    score = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list)
    automatic = models.BooleanField(default=False)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.CASCADE, related_name="merges"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} merge {self.loser_id} -> {self.survivor_id}"


class DuplicatePair(models.Model):
    """Two people (or groups) that may be one: waiting for a person, or already decided."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        MERGED = "merged", _("Merged")
        DISTINCT = "distinct", _("Not the same")

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PEOPLE)
    person_a = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    person_b = models.ForeignKey(
        "directory.Person", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group_a = models.ForeignKey(
        "directory.PartnerGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    group_b = models.ForeignKey(
        "directory.PartnerGroup", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    score = models.FloatField()
    reasons = models.JSONField(default=list)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    batch = models.ForeignKey(ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_person_pair_unique"),
            models.UniqueConstraint(fields=["group_a", "group_b"], name="duplicate_group_pair_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} pair {self.left} / {self.right} ({self.status})"

    @property
    def left(self):
        return self.person_a if self.kind == Kind.PEOPLE else self.group_a

    @property
    def right(self):
        return self.person_b if self.kind == Kind.PEOPLE else self.group_b
