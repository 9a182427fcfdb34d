"""CSV of any filtered directory list, for staff: the same search as the page, every row, each private
field through the visibility rule at the staff's audience rank (never "only me", even their own)."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.db import transaction
from django.utils import translation

from actlocal.core.audit import audit_log
from actlocal.core.csv_safe import safe_cell
from actlocal.core.visibility import RANK, audience_rank, field_level
from actlocal.search.results import SearchResults, load_rows

EXPORT_CAP = 100_000
CHUNK = 500

COLUMNS = {
    "leader": ["id", "first_name", "last_name", "leader_type", "city", "state", "zip_code", "email", "phone",
               "bio", "languages", "topics", "url"],
    "group": ["id", "name", "kind", "city", "state", "zip_code", "website", "contact_email", "contact_phone",
              "languages", "topics", "mission", "url"],
    "resource": ["id", "title", "kind", "provider", "states", "language", "link", "topics", "summary", "url"],
}  # fmt: skip


def _value(obj, column: str, rank: int):
    if column == "url":
        return settings.SITE_URL + obj.get_absolute_url()
    if column == "topics":
        return "; ".join(t.name for t in obj.topic_list)
    if column == "provider":
        return obj.provider.name if obj.provider_id else ""
    if column == "link":
        return obj.url
    if column in getattr(obj, "VISIBILITY", {}):
        # The audience rank, not viewer_rank: a staff member's own "only me" fields stay out of exports.
        return getattr(obj, column) if RANK.get(field_level(obj, column), 3) <= rank else ""
    return getattr(obj, column)


def export_rows(results: SearchResults, viewer):
    rank = audience_rank(viewer)
    columns = COLUMNS[results.query.kind]
    yield columns
    rows = results.found.rows
    for start in range(0, len(rows), CHUNK):
        for obj in load_rows(rows[start : start + CHUNK], results.load):
            yield [safe_cell(_value(obj, column, rank)) for column in columns]


@transaction.atomic
def directory_export(*, actor, results: SearchResults) -> str:
    """The CSV text of every result of this search, audit-logged with its filters and row count."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    count = -1  # the header is not a row
    with translation.override(settings.LANGUAGE_CODE):
        for row in export_rows(results, actor):
            writer.writerow(row)
            count += 1
    audit_log(
        action="directory.export",
        actor=actor,
        changes={
            "directory": results.query.kind,
            "filters": results.params.as_filters(),
            "rows": count,
            "truncated": results.capped,
        },
    )
    return buffer.getvalue()
