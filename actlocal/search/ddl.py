"""The engine-specific full-text DDL, shared by migration 0001 and ``rebuild_index``."""

# ruff: noqa: S608 -- fixed DDL, no input at all

import unicodedata

# SQLite: an external-content FTS5 table over search_document, kept in step by triggers, so every write
# to a document row (ORM, bulk SQL) updates the full-text index in the same transaction.
SQLITE_COLUMNS = "title, public_text, members_text, staff_text"
SQLITE_FORWARD = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({SQLITE_COLUMNS}, content='search_document',
        content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3 4')""",
    # Names weigh most; bm25 arguments follow the column order.
    "INSERT INTO search_fts(search_fts, rank) VALUES('rank', 'bm25(8.0, 2.0, 2.0, 2.0)')",
]
SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, {SQLITE_COLUMNS})
        VALUES (new.id, new.title, new.public_text, new.members_text, new.staff_text); END""",
    f"""CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {SQLITE_COLUMNS})
        VALUES ('delete', old.id, old.title, old.public_text, old.members_text, old.staff_text); END""",
    f"""CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {SQLITE_COLUMNS})
        VALUES ('delete', old.id, old.title, old.public_text, old.members_text, old.staff_text);
        INSERT INTO search_fts(rowid, {SQLITE_COLUMNS})
        VALUES (new.id, new.title, new.public_text, new.members_text, new.staff_text); END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TABLE IF EXISTS search_fts",
]


def _accent_map() -> tuple[str, str]:
    """Latin letters with accents and their plain letters, one to one, for SQL ``translate``: what
    FTS5's ``remove_diacritics`` does on SQLite, without the unaccent extension (not IMMUTABLE)."""
    accented, plain = [], []
    for code in range(0xC0, 0x250):
        char = chr(code)
        base = unicodedata.normalize("NFKD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            accented.append(char)
            plain.append(base)
    return "".join(accented), "".join(plain)


PG_ACCENTED, PG_PLAIN = _accent_map()


def _pg_vector(columns: str) -> str:
    """The tsvector of ``columns`` with accents folded. ``translate`` over the accent map costs 0.13 ms on a
    leader's 170 characters, ten times ``to_tsvector`` itself, and a search scores up to 500 rows with
    it; most text has no letter outside ASCII, and that text is left as it is (the map holds none)."""
    folded = f"translate({columns}, '{PG_ACCENTED}', '{PG_PLAIN}')"
    return f"to_tsvector('simple'::regconfig, CASE WHEN ({columns}) ~ '{_NOT_ASCII}' THEN {folded} ELSE ({columns}) END)"


# A character outside ASCII, as a PostgreSQL regular expression (bracket with hex escapes).
_NOT_ASCII = r"[^\x01-\x7f]"


# PostgreSQL: one GIN expression index per viewer rank; backends.py repeats these expressions exactly.
PG_VECTORS = {
    0: _pg_vector("title || ' ' || public_text"),
    1: _pg_vector("title || ' ' || public_text || ' ' || members_text"),
    2: _pg_vector("title || ' ' || public_text || ' ' || members_text || ' ' || staff_text"),
}
PG_TITLE_VECTOR = _pg_vector("title")
PG_FORWARD = [
    f"CREATE INDEX search_document_fts_{rank} ON search_document USING gin ({expr})"
    for rank, expr in PG_VECTORS.items()
]
PG_BACKWARD = [f"DROP INDEX IF EXISTS search_document_fts_{rank}" for rank in PG_VECTORS]
