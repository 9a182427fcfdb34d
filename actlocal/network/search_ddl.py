"""The engine-specific full-text DDL for thread search, shared by migration 0003 and the bench loader.
The same approach as ``actlocal.search``: an external-content FTS5 table kept by triggers on SQLite, a GIN
expression index on PostgreSQL."""

# ruff: noqa: S608 -- fixed DDL, no input at all

from actlocal.search.ddl import _pg_vector

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE network_thread_fts USING fts5(title, body, content='network_thread',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4')""",
    "INSERT INTO network_thread_fts(network_thread_fts, rank) VALUES('rank', 'bm25(4.0, 1.0)')",
    """CREATE TRIGGER network_thread_ai AFTER INSERT ON network_thread BEGIN
        INSERT INTO network_thread_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
    """CREATE TRIGGER network_thread_ad AFTER DELETE ON network_thread BEGIN
        INSERT INTO network_thread_fts(network_thread_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body); END""",
    # Only when the words change: a new reply bumps the counters and must not re-index the body.
    """CREATE TRIGGER network_thread_au AFTER UPDATE OF title, body ON network_thread BEGIN
        INSERT INTO network_thread_fts(network_thread_fts, rowid, title, body)
        VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO network_thread_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS network_thread_ai",
    "DROP TRIGGER IF EXISTS network_thread_ad",
    "DROP TRIGGER IF EXISTS network_thread_au",
    "DROP TABLE IF EXISTS network_thread_fts",
]

# Replies: their words find their thread. Hidden replies stay indexed; the query leaves them out.
SQLITE_REPLY_FORWARD = [
    """CREATE VIRTUAL TABLE network_reply_fts USING fts5(body, content='network_reply', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='3 4')""",
    """CREATE TRIGGER network_reply_ai AFTER INSERT ON network_reply BEGIN
        INSERT INTO network_reply_fts(rowid, body) VALUES (new.id, new.body); END""",
    """CREATE TRIGGER network_reply_ad AFTER DELETE ON network_reply BEGIN
        INSERT INTO network_reply_fts(network_reply_fts, rowid, body) VALUES ('delete', old.id, old.body); END""",
    """CREATE TRIGGER network_reply_au AFTER UPDATE OF body ON network_reply BEGIN
        INSERT INTO network_reply_fts(network_reply_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO network_reply_fts(rowid, body) VALUES (new.id, new.body); END""",
    # Replies already in the table (a database migrated after the forum was loaded).
    "INSERT INTO network_reply_fts(network_reply_fts) VALUES('rebuild')",
]
SQLITE_REPLY_BACKWARD = [
    "DROP TRIGGER IF EXISTS network_reply_ai",
    "DROP TRIGGER IF EXISTS network_reply_ad",
    "DROP TRIGGER IF EXISTS network_reply_au",
    "DROP TABLE IF EXISTS network_reply_fts",
]

PG_VECTOR = _pg_vector("title || ' ' || body")
PG_REPLY_VECTOR = _pg_vector("body")
PG_FORWARD = [f"CREATE INDEX network_thread_fts ON network_thread USING gin ({PG_VECTOR})"]
PG_BACKWARD = ["DROP INDEX IF EXISTS network_thread_fts"]
PG_REPLY_FORWARD = [f"CREATE INDEX network_reply_fts ON network_reply USING gin ({PG_REPLY_VECTOR})"]
PG_REPLY_BACKWARD = ["DROP INDEX IF EXISTS network_reply_fts"]
