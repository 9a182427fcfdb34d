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
            elif f.has_default() or f.empty_strings_allowed:
                value = f.get_default()  # "" for text-like fields without a default
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
        # The field's own conversion: JSON to text (SQLite) or a Jsonb wrapper COPY understands (PostgreSQL).
        return None if value is None else field.get_db_prep_save(value, connection)

    def _sqlite_dt(self, value):
        if value is None:
            return None
        cached = self._dt_cache.get(value)
        if cached is None:
            cached = self._dt_cache[value] = connection.ops.adapt_datetimefield_value(value)
        return cached

    def write(self, rows: Sequence[tuple]) -> None:
        """Insert rows, at most PROGRESS_EVERY per transaction, so the SQLite WAL stays small and
        progress shows a line per 100,000 rows."""
        if self._started is None:
            self._started = time.perf_counter()
        for start in range(0, len(rows), PROGRESS_EVERY):
            self._insert(rows[start : start + PROGRESS_EVERY])

    def _insert(self, rows: Sequence[tuple]) -> None:
        t0 = time.perf_counter()
        fill = self.fill
        if self.datetime_positions:
            if len(self._dt_cache) > 100_000:
                self._dt_cache.clear()
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
                connection.ensure_connection()
                connection.connection.executemany(insert.format(", ".join("?" * len(self.columns))), prepared)
            elif self.vendor == "postgresql":
                with (
                    connection.cursor() as cursor,
                    cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
                ):
                    for row in prepared:
                        copy.write_row(row)
            else:
                with connection.cursor() as cursor:
                    cursor.executemany(insert.format(", ".join(["%s"] * len(self.columns))), prepared)
        self.seconds += time.perf_counter() - t0
        self.rows += len(rows)
        if self.rows >= self._next_report:
            elapsed = time.perf_counter() - self._started
            self.log(f"  {self.label}: {self.rows:,} rows ({self.rows / max(elapsed, 1e-9):,.0f} rows/s)")
            self._next_report = (self.rows // PROGRESS_EVERY + 1) * PROGRESS_EVERY

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
    """Trade durability for speed while loading; a crash mid-load means re-seeding anyway.

    SQLite: no fsync, a bigger page cache. PostgreSQL: commits do not wait for the WAL flush (a session
    setting any user may change; it never corrupts data, only loses the last commits on a crash).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO OFF")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET synchronous_commit")
        return
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # Inside a transaction (a test) SQLite refuses to change the safety level; load as is.
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA cache_size=-131072")  # 128 MiB: index pages of the big tables stay hot
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA cache_size=-64000")


@contextmanager
def indexes_built_after(model_list: Iterable[type[models.Model]]):
    """PostgreSQL: load with the tables' secondary indexes, unique and foreign-key constraints dropped,
    then rebuild each in one pass and ANALYZE.

    Building an index by sorting once is several times faster than millions of single insertions, and
    re-adding a foreign key validates it with one join instead of a trigger per row. DDL is transactional
    in PostgreSQL, so all of it (drop, load, rebuild) is one transaction: a failed load leaves the schema
    and data as they were, and rebuilding fails loudly if a generated row broke a constraint. Elsewhere
    this does nothing.
    """
    if connection.vendor != "postgresql":
        yield
        return
    tables = [m._meta.db_table for m in model_list]
    with transaction.atomic():
        with connection.cursor() as cursor:
            # regclass::text is already quoted and qualified as needed, so it is used as is below.
            cursor.execute(
                "SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid), contype "
                "FROM pg_constraint WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('f', 'u')",
                [tables],
            )
            constraints = sorted(cursor.fetchall(), key=lambda row: row[3] != "f")  # foreign keys first
            cursor.execute(
                "SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i "
                "WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
                [tables],
            )
            indexes = cursor.fetchall()
            # Rows written earlier in an enclosing transaction (a test) leave deferred foreign-key checks
            # pending, and PostgreSQL will not alter a table with pending checks: run them now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            for table, name, _definition, _kind in constraints:
                cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {name}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        yield
        with connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition, _kind in reversed(constraints):  # unique before foreign keys
                cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # back to Django's default
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
