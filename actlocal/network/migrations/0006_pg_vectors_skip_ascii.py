"""PostgreSQL: thread and reply search indexes fold accents only in text with a letter outside ASCII.

The same change as ``search/0002``: ``search.ddl._pg_vector`` skips ``translate`` for ASCII text (the same
vectors, a tenth of the cost), and the index expressions must equal the ones ``network/search.py``
queries with, so they are made again. SQLite is untouched.
"""

from django.db import migrations

from actlocal.network.search_ddl import PG_BACKWARD, PG_FORWARD, PG_REPLY_BACKWARD, PG_REPLY_FORWARD
from actlocal.search.ddl import PG_ACCENTED, PG_PLAIN


def _before(columns: str) -> str:
    # What 0003 and 0005 made, frozen here for the way back.
    return f"(to_tsvector('simple'::regconfig, translate({columns}, '{PG_ACCENTED}', '{PG_PLAIN}')))"


def _run(schema_editor, statements):
    if schema_editor.connection.vendor == "postgresql":
        for sql in statements:
            schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, PG_BACKWARD + PG_REPLY_BACKWARD + PG_FORWARD + PG_REPLY_FORWARD)


def backward(apps, schema_editor):
    thread_columns = "title || ' ' || body"
    _run(
        schema_editor,
        [
            *PG_BACKWARD,
            *PG_REPLY_BACKWARD,
            f"CREATE INDEX network_thread_fts ON network_thread USING gin {_before(thread_columns)}",
            f"CREATE INDEX network_reply_fts ON network_reply USING gin {_before('body')}",
        ],
    )


class Migration(migrations.Migration):
    dependencies = [("network", "0005_reply_search")]

    operations = [migrations.RunPython(forward, backward)]
