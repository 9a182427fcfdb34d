"""Imports: matching quality on a labelled set, and a million-row import with de-duplication.

- imports.quality: precision, recall and F1 of the automatic merges on the labelled generator (people
  across three sources with typos, nicknames, swapped names, missing fields, changed e-mails), beside
  the naive rule "same normalised e-mail means same person" as the baseline.
- imports.million: ``import_people``'s pipeline (read, check every row, match, write people, source
  records and merge records) on 1,000,000 rows in a fresh temporary database (a SQLite file, or a scratch
  PostgreSQL database beside the configured one), beside a plain
  bulk insert of the same rows (csv.reader + executemany, one person per row, no checks, no matching)
  measured in the same run. Peak memory is the process's maximum resident set (``getrusage``).
  ``BENCH_IMPORT_ROWS`` runs it smaller.
"""

from __future__ import annotations

import csv
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path

from bench.registry import BenchContext, benchmark

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "1000000"))
ROWS_PER_PERSON = 1.8  # a little under the generator's average (1.87), so there are enough rows


def _records(rows):
    from actlocal.imports.matching import PersonRecord

    return [PersonRecord(i, first_name=r.first_name, last_name=r.last_name, email=r.email, phone=r.phone,
                         zip_code=r.zip_code, street=r.street_address) for i, r in enumerate(rows)]  # fmt: skip


@benchmark("imports.quality", uses_db=False)
def quality(ctx: BenchContext):
    """F1 of automatic merges on 30,000 generated people (~56,000 rows in three sources)."""
    from actlocal.imports import labelled
    from actlocal.imports.matching import match
    from actlocal.imports.normalise import email_key

    rows = labelled.rows(int(os.environ.get("BENCH_QUALITY_PEOPLE", "30000")), seed=2026)
    truth = [r.truth for r in rows]
    result = match(_records(rows))
    ours = labelled.pairwise_scores(truth, result.cluster)
    by_email: dict[str, int] = {}
    naive = [
        by_email.setdefault(email_key(r.email), i) if email_key(r.email) else -1 - i
        for i, r in enumerate(rows)
    ]
    base = labelled.pairwise_scores(truth, naive)
    for metric in ("f1", "precision", "recall"):
        yield ctx.figure(metric, ours[metric], unit="ratio", baseline=base[metric], target=0.98 if metric == "f1"
                         else 0.95, higher_is_better=True)  # fmt: skip
    yield ctx.figure("review_pairs_per_1000_rows", 1000 * len(result.review) / len(rows), unit="pairs",
                     baseline=None, target=50)  # fmt: skip


def _write_file(path: Path, n_rows: int) -> dict[str, int]:
    from actlocal.imports import labelled

    rows = labelled.rows(int(n_rows / ROWS_PER_PERSON) + 1, seed=2018)[:n_rows]
    truth = {}
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Source", "ID", "First name", "Last name", "Email", "Phone", "Zip", "Address"])
        for r in rows:
            writer.writerow([r.source, r.source_id, r.first_name, r.last_name, r.email, r.phone, r.zip_code,
                             r.street_address])  # fmt: skip
            truth[r.source_id] = r.truth
    return truth


def _fresh_database(folder: Path) -> str | None:
    """Point Django at an empty database and migrate it (untimed); uploads go to ``folder``. SQLite: a
    file in ``folder``. PostgreSQL: a scratch database beside the configured one, whose name is returned
    for ``_drop_database``."""
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.MEDIA_ROOT = folder / "media"
    scratch = None
    if connection.vendor == "sqlite":
        name = str(folder / "bench-imports.sqlite3")
    else:
        scratch = name = f"{connection.settings_dict['NAME']}_imports_{os.getpid()}"
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(scratch)}")
            cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(scratch)}")
    connection.close()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0, interactive=False)
    return scratch


def _drop_database(scratch: str | None, dataset: str) -> None:
    from django.db import connection

    connection.close()
    connection.settings_dict["NAME"] = dataset
    if scratch is not None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(scratch)}")


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _plain_insert(path: Path) -> tuple[float, float]:
    """The baseline: every row straight into the people table, as fast as the database takes it.
    Returns (wall seconds, CPU seconds)."""
    from django.db import connection

    from actlocal.core.seeding.bulk import TableLoader, fast_load
    from actlocal.directory.models import Person

    start, cpu = time.perf_counter(), _cpu()
    loader = TableLoader(Person, ["first_name", "last_name", "email", "phone", "zip_code", "street_address"],
                         log=lambda m: None)  # fmt: skip
    with fast_load(), path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        loader.load((r[2][:100], r[3][:100], r[4], r[5], r[6][:5], r[7]) for r in reader)
    seconds, cpu = time.perf_counter() - start, _cpu() - cpu
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM directory_person")
    return seconds, cpu


@benchmark("imports.million", uses_db=False)
def million(ctx: BenchContext):
    """Import + de-duplication of 1,000,000 rows on a fresh database, beside a plain bulk insert."""
    from django.conf import settings
    from django.core.files import File
    from django.db import connection

    from actlocal.core.seeding.bulk import fast_load
    from actlocal.directory.models import Person
    from actlocal.imports import labelled
    from actlocal.imports.models import SourceRecord
    from actlocal.imports.services import (
        import_batch_create,
        import_mapping_set,
        import_run,
        import_start,
        import_validate,
    )

    folder = Path(tempfile.mkdtemp(prefix="bench-imports-"))
    # Put back afterwards: the benchmarks that run next read the shared dataset.
    dataset, media_root = connection.settings_dict["NAME"], settings.MEDIA_ROOT
    scratch = None
    try:
        path = folder / "people.csv"
        truth = _write_file(path, ROWS)
        scratch = _fresh_database(folder)
        load = os.getloadavg()[0]
        baseline, baseline_cpu = _plain_insert(path)
        phases = {}
        start, cpu = time.perf_counter(), _cpu()
        with fast_load():
            with path.open("rb") as handle:
                batch = import_batch_create(
                    source_name="bench", kind="people", upload=File(handle, name=path.name)
                )
            batch = import_mapping_set(batch=batch, mapping=batch.mapping)
            batch = import_validate(batch_id=batch.pk)
            phases["check"] = time.perf_counter() - start
            import_start(batch=batch)
            batch = import_run(batch_id=batch.pk)
        seconds, cpu = time.perf_counter() - start, _cpu() - cpu
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert batch.status == "done", batch.message
        pairs = SourceRecord.objects.values_list("external_id", "person_id")
        got = dict(pairs.iterator(chunk_size=50_000))
        ids = list(truth)
        scores = labelled.pairwise_scores([truth[i] for i in ids], [got[i] for i in ids])
        people = Person.objects.count()
        print(f"  {ROWS:,} rows -> {people:,} people; check pass {phases['check']:.1f}s; load avg {load:.2f}; "
              f"counts {batch.counts}", flush=True)  # fmt: skip
        yield ctx.figure("import_dedupe_s", seconds, unit="s", baseline=baseline, target=120)
        # CPU seconds: the work itself, which a loaded machine (other processes on the 2 cores) stretches
        # less than the wall clock; the import runs on one core, so on an idle machine wall ~ CPU.
        yield ctx.figure("import_dedupe_cpu_s", cpu, unit="s", baseline=baseline_cpu, target=120)
        yield ctx.figure("peak_rss_mb", peak_mb, unit="MB", baseline=None, target=4096)
        yield ctx.figure("f1", scores["f1"], unit="ratio", baseline=None, target=0.98, higher_is_better=True)
        yield ctx.figure("load_average", load, unit="load", baseline=None, target=100)
    finally:
        _drop_database(scratch, dataset)
        settings.MEDIA_ROOT = media_root
        shutil.rmtree(folder, ignore_errors=True)
