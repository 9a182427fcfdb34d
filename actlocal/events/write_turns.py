"""SQLite's writers take turns in the kernel, not by polling; and the transaction the RSVP hot path runs in.

SQLite admits one writer at a time. ``writer_turn`` queues RSVP writers on an OS file lock in front of
``BEGIN IMMEDIATE``, ``writer_transaction`` is that turn plus one transaction (begun and committed on the
driver, on SQLite), and ``checkpoint`` copies the write-ahead log back outside any writer's turn. On
PostgreSQL the first two are ``transaction.atomic()`` and the last does nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from contextlib import contextmanager

from django.db import transaction

from actlocal.events.sql import _db

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; SQLite's own busy handler still serialises
    fcntl = None

# A checkpoint copies the write-ahead log back into the database. SQLite runs one inside the commit that
# takes the log past ``wal_autocheckpoint`` pages, so inside a writer's turn, while every other writer
# waits. Each RSVP writer runs one itself every CHECKPOINT_EVERY turns, after its turn, while the others
# write on; the log then rarely reaches the automatic threshold (two app workers, 200 turns of ~17 pages:
# under the 10,000 set in config.py). Measured in the surge benchmark (SQLite, one run each): the lock's
# holders used 1.60 of 2 cores with the automatic checkpoints, 1.68 with none at all.
CHECKPOINT_EVERY = 200

# One descriptor per thread and database: ``flock`` excludes other open files, so threads of one process
# queue on it too (as their database connections are per thread as well).
_turn_files = threading.local()


class _TurnFile:
    """A descriptor closed when its thread ends (threads in tests come and go)."""

    def __init__(self, path: str):
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        self.turns = 0

    def __del__(self):
        os.close(self.fd)


@contextmanager
def writer_turn():
    """On SQLite, wait for this process's turn to write on an OS file lock beside the database.

    Why: SQLite lets one writer in at a time, and a writer that finds the database locked sleeps
    (1, 2, 5, 10... ms) and polls again. An RSVP holds the lock for well under a millisecond, so in a
    surge the lock sits free while the other app workers sleep, and the process that just wrote takes it
    again first. Waiting on ``flock`` instead wakes the next writer the moment the lock is free. It is only
    a queue in front of ``BEGIN IMMEDIATE``, which still does the locking: writers that skip it (everything
    but RSVPs) stay correct. Never taken inside an open transaction (it would wait for writers that wait
    for this one's SQLite lock), nor for an in-memory database (tests), nor on PostgreSQL.
    """
    db = _db()
    name = str(db.settings_dict.get("NAME") or "")
    if (
        fcntl is None
        or db.vendor != "sqlite"
        or db.in_atomic_block
        or not name
        or name.startswith((":memory:", "file:"))
    ):
        yield
        return
    files = _turn_files.__dict__
    if name not in files:
        # In the temporary folder, named after the database, so no stray file is left beside it.
        digest = hashlib.sha256(os.path.realpath(name).encode()).hexdigest()[:16]
        files[name] = _TurnFile(os.path.join(tempfile.gettempdir(), f"actlocal-rsvp-writers-{digest}"))
    turn = files[name]
    fcntl.flock(turn.fd, fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(turn.fd, fcntl.LOCK_UN)
    turn.turns += 1
    if turn.turns % CHECKPOINT_EVERY == 0:
        checkpoint(db)


@contextmanager
def writer_transaction():
    """``writer_turn`` and, inside it, one transaction: ``transaction.atomic()`` for the hot path.

    On SQLite outside any transaction, ``BEGIN IMMEDIATE`` and ``COMMIT`` go straight to the driver.
    Why: ``atomic()`` switches the driver out of autocommit and back around every transaction, and keeps
    savepoint books, which cost an RSVP in a surge a twentieth of its time. Django is still told a block
    is open, so ORM code run inside (a signal receiver) nests in it as in any ``atomic()``, savepoints and
    all, and its ``on_commit`` hooks run after the commit. Anywhere else (PostgreSQL, inside a
    transaction): ``atomic()``.
    """
    db = _db()
    if db.vendor != "sqlite" or db.in_atomic_block:
        with writer_turn(), transaction.atomic(using=db.alias):
            yield
        return
    with writer_turn():
        db.ensure_connection()
        driver = db.connection
        with db.wrap_database_errors:
            driver.execute("BEGIN IMMEDIATE")
        # What atomic() records of an open transaction (the driver itself stays in autocommit mode).
        db.in_atomic_block, db.autocommit, db.needs_rollback = True, False, False
        committed = False
        try:
            yield
            # ORM code inside that failed without a savepoint spoils the whole transaction: as atomic()
            # does, it is rolled back (Django refused every statement after the failure).
            if not db.needs_rollback:
                with db.wrap_database_errors:
                    driver.commit()
                committed = True
        finally:
            db.in_atomic_block, db.autocommit, db.needs_rollback = False, True, False
            if not committed:
                db.run_on_commit = []
                with db.wrap_database_errors:
                    driver.rollback()
        db.run_and_clear_commit_hooks()


def checkpoint(db) -> tuple[int, int, int] | None:
    """Copy SQLite's write-ahead log back into the database, as far as readers allow, outside any writer's
    turn. PASSIVE: waits for, and blocks, no reader or writer. Returns SQLite's (busy, frames in the log,
    frames copied); None when there is nothing to do it on."""
    if db.vendor != "sqlite" or db.in_atomic_block or db.connection is None:
        return None
    with db.wrap_database_errors:
        return tuple(db.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone())
