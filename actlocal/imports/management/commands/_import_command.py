"""What ``import_people`` and ``import_groups`` share: the same services as the web page, with a
progress bar on the terminal instead of the page."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from actlocal.imports import services
from actlocal.imports.models import ImportBatch
from actlocal.imports.reading import FileRefused, check_size

PHASES = {"checking": "checking rows", "matching": "matching", "writing": "writing"}


class ProgressBar:
    """A one-line bar redrawn in place (plain lines when the output is not a terminal)."""

    def __init__(self, stream, total: int = 0):
        self.stream = stream
        self.total = total
        self.last = 0.0
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def show(self, done: int, label: str, *, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.last < (0.2 if self.tty else 5):
            return
        self.last = now
        if self.total:
            share = min(1.0, done / self.total)
            bar = "#" * int(share * 30)
            text = f"{label:>14} [{bar:<30}] {share:4.0%} {done:,}/{self.total:,}"
        else:
            text = f"{label:>14} {done:,} rows"
        self.stream.write(("\r" + text) if self.tty else text + "\n")
        self.stream.flush()

    def end(self) -> None:
        if self.tty:
            self.stream.write("\n")


class ImportCommand(BaseCommand):
    kind = ""
    help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="a CSV (any delimiter or encoding) or XLSX file")
        parser.add_argument("--source", required=True, help='where the list comes from, e.g. "Mobilize"')
        parser.add_argument("--skip-invalid", action="store_true", help="import the good rows, skip bad ones")

    def handle(self, *args, file, source, skip_invalid, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            check_size(path.stat().st_size)
        except FileRefused as refused:
            raise CommandError(str(refused))
        try:
            with path.open("rb") as handle:
                batch = services.import_batch_create(
                    source_name=source, kind=self.kind, upload=File(handle, name=path.name)
                )
            batch = services.import_mapping_set(batch=batch, mapping=batch.mapping)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages))
        mapped = ", ".join(
            f"{batch.headers[int(i)]} -> {f}"
            for i, f in sorted(batch.mapping.items(), key=lambda m: int(m[0]))
        )
        self.stdout.write(f"{path.name}: {batch.file_format.upper()} {batch.encoding} columns: {mapped}")
        bar = ProgressBar(self.stderr._out)
        batch = services.import_validate(
            batch_id=batch.pk, on_progress=lambda n: bar.show(n, PHASES["checking"])
        )
        bar.end()
        if batch.status == ImportBatch.Status.INVALID:
            if batch.message:
                raise CommandError(batch.message)
            for error in batch.row_errors.all()[:20]:
                column = f", column {error.column}" if error.column else ""
                self.stdout.write(f"row {error.row}{column}: {error.message} {error.value!r}")
            if not skip_invalid:
                raise CommandError(f"{batch.error_count} rows have errors; fix them or use --skip-invalid")
        services.import_start(batch=batch, skip_invalid=skip_invalid)
        bar.total = batch.total_rows

        def progress(done: int) -> None:
            phase = ImportBatch.objects.values_list("phase", flat=True).get(pk=batch.pk)
            bar.show(done, PHASES.get(phase, phase))

        try:
            batch = services.import_run(batch_id=batch.pk, on_progress=progress)
        except Exception as error:
            bar.end()
            raise CommandError(f"import stopped: {error}; run the same command again to resume")
        bar.show(batch.total_rows, "done", force=True)
        bar.end()
        counts = ", ".join(f"{k.replace('_', ' ')}: {v:,}" for k, v in sorted(batch.counts.items()))
        self.stdout.write(self.style.SUCCESS(f"Imported batch {batch.pk}. {counts}"))
