from django.db import migrations, models

from actlocal.search.ddl import PG_BACKWARD, PG_FORWARD, SQLITE_BACKWARD, SQLITE_FORWARD, SQLITE_TRIGGERS


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_FORWARD + SQLITE_TRIGGERS if vendor == "sqlite" else PG_FORWARD
    if vendor in ("sqlite", "postgresql"):
        for sql in statements:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = SQLITE_BACKWARD if vendor == "sqlite" else PG_BACKWARD
    if vendor in ("sqlite", "postgresql"):
        for sql in statements:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    initial = True
    dependencies = []

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(choices=[("leader", "Leader"), ("group", "Group"), ("resource", "Resource")], max_length=8)),
                ("object_id", models.BigIntegerField()),
                ("title", models.TextField(default="")),
                ("public_text", models.TextField(default="")),
                ("members_text", models.TextField(default="")),
                ("staff_text", models.TextField(default="")),
                ("sort_name", models.CharField(default="", max_length=200)),
                ("subtype", models.CharField(default="", max_length=20)),
                ("state", models.CharField(default="", max_length=2)),
                ("city", models.CharField(default="", max_length=100)),
                ("regions", models.CharField(default="", max_length=200)),
                ("topics", models.CharField(default="", max_length=1000)),
                ("languages", models.CharField(default="", max_length=200)),
                ("name_rank", models.SmallIntegerField(default=0)),
                ("place_rank", models.SmallIntegerField(default=0)),
                ("owner_id", models.BigIntegerField(null=True)),
                ("listed", models.BooleanField(default=True)),
                ("lat", models.FloatField(null=True)),
                ("lng", models.FloatField(null=True)),
                ("geocell", models.IntegerField(null=True)),
                ("created_at", models.DateTimeField(null=True)),
            ],
            options={
                "db_table": "search_document",
                "indexes": [
                    models.Index(
                        fields=[
                            "kind", "geocell", "lat", "lng", "name_rank", "listed", "place_rank", "owner_id", "subtype"
                        ],
                        name="search_doc_near",
                    ),
                    models.Index(fields=["kind", "sort_name"], name="search_doc_kind_sort_name"),
                    models.Index(fields=["kind", "created_at"], name="search_doc_kind_created"),
                    models.Index(fields=["kind", "state", "sort_name"], name="search_doc_kind_state"),
                    models.Index(fields=["kind", "subtype", "sort_name"], name="search_doc_kind_subtype"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_kind_object_unique")
                ],
            },
        ),
        migrations.RunPython(forward, backward),
    ]
