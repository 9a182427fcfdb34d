from django.db import migrations

from actlocal.network.search_ddl import PG_BACKWARD, PG_FORWARD, SQLITE_BACKWARD, SQLITE_FORWARD


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_FORWARD, "postgresql": PG_FORWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE_BACKWARD, "postgresql": PG_BACKWARD}.get(vendor, [])
    for sql in statements:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("network", "0002_threads_replies_moderation")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
