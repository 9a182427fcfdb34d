"""PostgreSQL: the full-text indexes fold accents only in text that has a letter outside ASCII.

``translate`` over the accent map was most of a search's time on PostgreSQL: it runs again for every row
a search scores (``ts_rank`` recomputes the vector), 0.13 ms per leader. ASCII text holds no letter of the
map, so it is left as it is and the vectors are the same. The index expressions must equal the ones
``backends.py`` queries with (``ddl._pg_vector``), so they are made again. SQLite is untouched.
"""

from django.db import migrations

from actlocal.search.ddl import PG_ACCENTED, PG_BACKWARD, PG_FORWARD, PG_PLAIN

# What 0001 made, frozen here for the way back.
_BEFORE = {
    0: "title || ' ' || public_text",
    1: "title || ' ' || public_text || ' ' || members_text",
    2: "title || ' ' || public_text || ' ' || members_text || ' ' || staff_text",
}


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, PG_BACKWARD + PG_FORWARD)


def backward(apps, schema_editor):
    before = [
        f"CREATE INDEX search_document_fts_{rank} ON search_document USING gin "
        f"(to_tsvector('simple'::regconfig, translate({columns}, '{PG_ACCENTED}', '{PG_PLAIN}')))"
        for rank, columns in _BEFORE.items()
    ]
    _run(schema_editor, PG_BACKWARD + before)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
