from django.db import migrations

from actlocal.network.search_ddl import (
    PG_REPLY_BACKWARD,
    PG_REPLY_FORWARD,
    SQLITE_REPLY_BACKWARD,
    SQLITE_REPLY_FORWARD,
)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_REPLY_FORWARD, "postgresql": PG_REPLY_FORWARD}.get(vendor, []):
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in {"sqlite": SQLITE_REPLY_BACKWARD, "postgresql": PG_REPLY_BACKWARD}.get(vendor, []):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("network", "0004_thread_list_index")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
