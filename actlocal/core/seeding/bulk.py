"""Streaming inserts for the large dataset: millions of rows without building millions of objects.

``bulk_create`` spends most of its time building model instances and SQL; at a million rows per table
that alone takes minutes. ``TableLoader`` writes plain tuples instead: ``executemany`` on SQLite's own
connection, ``COPY ... FROM STDIN`` on PostgreSQL. Columns the caller leaves out get the field's default,
so a column added to a model later does not break the loader (unless it has no default, which fails
loudly on the first batch).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import contextmanager
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

Log = Callable[[str], None]
PROGRESS_EVERY = 100_000


def batched(rows: Iterable, size: int):
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


class TableLoader:
    """Appends rows to one model's table. ``fields`` names the values in each tuple, in order."""

    def __init__(self, model: type[models.Model], fields: Sequence[str], *, log: Log, label: str = ""):
        self.model = model
        self.label = label or model._meta.db_table
        self.log = log
        self.vendor = connection.vendor
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        now = timezone.now()
        filled, fill_values = [], []
        for f in meta.concrete_fields:
            if f in given or (f.primary_key and isinstance(f, models.AutoField)):
                continue  # an omitted auto primary key is numbered by the database
            if f.null:
                value = None
            elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                value = now
            elif f.has_default() or isinstance(f, (models.CharField, models.TextField)):
                value = f.get_default()
            else:
                raise ValueError(f"{meta.label}.{f.name} has no default; the seeder must supply it")
            filled.append(f)
            fill_values.append(value)
        self.columns = [f.column for f in (*given, *filled)]
        self.fill = tuple(self._adapt(f, v) for f, v in zip(filled, fill_values, strict=True))
        # On SQLite datetimes travel as text; the seeders reuse a few thousand distinct instants, so
        # the conversions are memoised instead of repeated per row.
        self.datetime_positions = [
            i for i, f in enumerate(given) if isinstance(f, models.DateTimeField) and self.vendor == "sqlite"
        ]
        self._dt_cache: dict = {}
        self.rows = 0
        self.seconds = 0.0
        self._next_report = PROGRESS_EVERY
        self._started = None

    def _adapt(self, field: models.Field, value):
        if value is None or self.vendor != "sqlite":
            return value
        return field.get_db_prep_save(value, connection)

    def _sqlite_dt(self, value):
        if value is None:
            return None
        cached = self._dt_cache.get(value)
        if cached is None:
            cached = self._dt_cache[value] = connection.ops.adapt_datetimefield_value(value)
        return cached

    def write(self, rows: Sequence[tuple]) -> None:
        """Insert one batch in its own transaction, so the SQLite WAL stays small."""
        if not rows:
            return
        if self._started is None:
            self._started = time.perf_counter()
        t0 = time.perf_counter()
        fill = self.fill
        if self.datetime_positions:
            positions, conv = self.datetime_positions, self._sqlite_dt
            prepared = []
            for row in rows:
                row = list(row)
                for i in positions:
                    row[i] = conv(row[i])
                prepared.append((*row, *fill))
        else:
            prepared = [(*row, *fill) for row in rows] if fill else rows
        # Table and column names come from model metadata, never from input; values are parameters.
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(c) for c in self.columns)
        insert = f"INSERT INTO {table} ({columns}) VALUES ({{}})"  # noqa: S608
        with transaction.atomic():
            if self.vendor == "sqlite":
                marks = ", ".join("?" * len(self.columns))
                connection.ensure_connection()
                connection.connection.executemany(insert.format(marks), prepared)
            elif self.vendor == "postgresql":
                with (
                    connection.cursor() as cursor,
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                ):
                    for row in prepared:
                        copy.write_row(row)
            else:
                marks = ", ".join(["%s"] * len(self.columns))
                with connection.cursor() as cursor:
                    cursor.executemany(insert.format(marks), prepared)
        self.seconds += time.perf_counter() - t0
        self.rows += len(rows)
        while self.rows >= self._next_report:
            elapsed = time.perf_counter() - self._started
            self.log(f"  {self.label}: {self.rows:,} rows ({self.rows / max(elapsed, 1e-9):,.0f} rows/s)")
            self._next_report += PROGRESS_EVERY

    def load(self, rows: Iterable[tuple], *, batch_size: int = 50_000) -> int:
        for batch in batched(rows, batch_size):
            self.write(batch)
        return self.rows


def next_id(model: type[models.Model]) -> int:
    """The first free primary key: the large seeder numbers rows itself so children can point at them."""
    top = model.objects.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


def sequences_reset(model_list: Iterable[type[models.Model]]) -> None:
    """After explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@contextmanager
def fast_load():
    """SQLite: skip fsync and enlarge the page cache while loading; a crash means re-seeding anyway."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-64000")
