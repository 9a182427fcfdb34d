"""The search index: one row per findable leader, group or resource.

Text is stored by the visibility level of the field it came from (``public_text``, ``members_text``,
``staff_text``); fields a person keeps to themselves ("only me") are never copied here. A query only
matches the columns the viewer's rank may see, so a hidden field can neither match nor be highlighted.
The filter and facet columns sit on the same row, so a search with its facets is one indexed query,
not joins over a million people. The full-text index itself is engine-specific (see migrations/0001):
an FTS5 table on SQLite, GIN expression indexes on PostgreSQL.
"""

from __future__ import annotations

from django.db import models


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        LEADER = "leader"
        GROUP = "group"
        RESOURCE = "resource"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    object_id = models.BigIntegerField()
    # Indexed text. ``title`` is the name: a leader whose name the viewer may not see is not findable.
    title = models.TextField(default="")
    public_text = models.TextField(default="")
    members_text = models.TextField(default="")
    staff_text = models.TextField(default="")
    # Filters, facets and sort keys.
    sort_name = models.CharField(max_length=200, default="")
    subtype = models.CharField(max_length=20, default="")  # leader_type, group kind, resource kind
    state = models.CharField(max_length=2, default="")
    city = models.CharField(max_length=100, default="")
    regions = models.CharField(max_length=200, default="")  # resources: ",WI,OH," ("" = nationwide)
    topics = models.CharField(max_length=1000, default="")  # ",voting-rights,canvassing,"
    languages = models.CharField(max_length=200, default="")  # ",english,spanish,"
    name_rank = models.SmallIntegerField(default=0)  # visibility.RANK of the name's level
    place_rank = models.SmallIntegerField(default=0)  # ... of the city/state/ZIP/point's level
    owner_id = models.BigIntegerField(null=True)  # the leader's user: she always finds herself
    listed = models.BooleanField(default=True)
    lat = models.FloatField(null=True)
    lng = models.FloatField(null=True)
    geocell = models.IntegerField(null=True)  # 0.1° grid cell, see indexing.geocell
    created_at = models.DateTimeField(null=True)

    class Meta:
        db_table = "search_document"
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_kind_object_unique")
        ]
        indexes = [
            # Covers the "near a ZIP" scan: cell, point and visibility, so rows outside the circle
            # or hidden from the viewer are skipped without reading the table.
            models.Index(
                fields=[
                    "kind",
                    "geocell",
                    "lat",
                    "lng",
                    "name_rank",
                    "listed",
                    "place_rank",
                    "owner_id",
                    "subtype",
                ],
                name="search_doc_near",
            ),
            models.Index(fields=["kind", "sort_name"], name="search_doc_kind_sort_name"),
            models.Index(fields=["kind", "created_at"], name="search_doc_kind_created"),
            models.Index(fields=["kind", "state", "sort_name"], name="search_doc_kind_state"),
            models.Index(fields=["kind", "subtype", "sort_name"], name="search_doc_kind_subtype"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
