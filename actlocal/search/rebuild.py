"""Rebuilding the whole index with set-based SQL: one INSERT ... SELECT per kind, then one FTS pass.

Per-object Python would take an hour at a million leaders; this takes a couple of minutes. The SQL must
build the same rows as ``indexing._*_document`` (tests compare them).
"""

# ruff: noqa: S608 -- SQL built from our own table names and choice labels; no user input reaches it

from __future__ import annotations

import time

from django.conf import settings
from django.db import connection, transaction
from django.utils import translation

from actlocal.core.visibility import RANK
from actlocal.directory.models import PartnerGroup, Person, Resource
from actlocal.search import ddl
from actlocal.search.indexing import BUCKETS, PERSON_TEXT_FIELDS, RESOURCE_LANGUAGE_NAMES

COLUMNS = (
    "kind, object_id, title, public_text, members_text, staff_text, sort_name, subtype, state, city, "
    "regions, topics, languages, name_rank, place_rank, owner_id, listed, lat, lng, geocell, created_at"
)


def _rank(column: str) -> str:
    whens = " ".join(f"WHEN '{level.value}' THEN {rank}" for level, rank in RANK.items())
    return f"(CASE {column} {whens} ELSE 3 END)"


def _label(column: str, choices) -> str:
    whens = " ".join(
        f"WHEN '{value}' THEN '{str(label).replace(chr(39), chr(39) * 2)}'" for value, label in choices
    )
    return f"(CASE {column} {whens} ELSE '' END)"


def _join(*parts: str) -> str:
    """Space-joined, skipping empty parts, like ``" ".join(p for p in parts if p)``."""
    # TRIM after joining with single spaces would also eat spaces inside values; build it pairwise.
    out = parts[0]
    for part in parts[1:]:
        out = (
            f"(CASE WHEN {out} = '' THEN {part} WHEN {part} = '' THEN {out} ELSE {out} || ' ' || {part} END)"
        )
    return out


def _agg(expr: str, sep: str) -> str:
    if connection.vendor == "postgresql":
        return f"string_agg({expr}, '{sep}' ORDER BY t.id)"
    return f"group_concat({expr}, '{sep}')"


def _geocell(prefix: str) -> str:
    if connection.vendor == "postgresql":
        cell = f"(floor(({prefix}lat + 90) * 10)::int * 4000 + floor(({prefix}lng + 180) * 10)::int)"
    else:  # lat + 90 >= 0, so truncation is floor
        cell = (
            f"(CAST(({prefix}lat + 90) * 10 AS INTEGER) * 4000 + CAST(({prefix}lng + 180) * 10 AS INTEGER))"
        )
    return f"(CASE WHEN {prefix}lat IS NULL OR {prefix}lng IS NULL THEN NULL ELSE {cell} END)"


def _languages(column: str) -> str:
    cleaned = f"lower(replace({column}, ' ', ''))"
    return f"(CASE WHEN {cleaned} = '' THEN '' ELSE ',' || {cleaned} || ',' END)"


def _topics_join(through: str, fk: str, alias: str = "tp") -> str:
    return (
        f"LEFT JOIN (SELECT x.{fk} AS owner, ',' || {_agg('t.slug', ',')} || ',' AS slugs, "
        f"{_agg('t.name', ' ')} AS names FROM {through} x JOIN directory_topic t ON t.id = x.topic_id "
        f"GROUP BY x.{fk}) {alias} ON {alias}.owner = o.id"
    )


def _people_sql() -> str:
    buckets = {bucket: [] for bucket in BUCKETS}
    buckets["public_text"] += [
        "COALESCE(tp.names, '')",
        _label("o.leader_type", Person.LeaderType.choices),
        "o.languages",
    ]
    for field, sources in PERSON_TEXT_FIELDS:
        level = _rank("o." + Person.VISIBILITY[field])
        for rank, bucket in enumerate(BUCKETS):
            for source in sources:
                buckets[bucket].append(f"(CASE WHEN {level} = {rank} THEN o.{source} ELSE '' END)")
    return f"""
        INSERT INTO search_document ({COLUMNS})
        SELECT 'leader', o.id, {_join("o.first_name", "o.last_name")},
            {_join(*buckets["public_text"])}, {_join(*buckets["members_text"])}, {_join(*buckets["staff_text"])},
            substr(lower({_join("o.last_name", "o.first_name")}), 1, 200), o.leader_type, o.state, o.city,
            '', COALESCE(tp.slugs, ''), {_languages("o.languages")},
            {_rank("o.name_visibility")}, {_rank("o.place_visibility")}, o.user_id, o.listed,
            o.lat, o.lng, {_geocell("o.")}, o.created_at
        FROM directory_person o {_topics_join("directory_person_topics", "person_id")}
        WHERE o.leader_type <> ''
    """


def _groups_sql() -> str:
    public = _join(
        "o.mission", "o.city", "o.state", "COALESCE(tp.names, '')",
        _label("o.kind", PartnerGroup.Kind.choices), "o.languages",
    )  # fmt: skip
    return f"""
        INSERT INTO search_document ({COLUMNS})
        SELECT 'group', o.id, o.name, {public}, '', '', substr(lower(o.name), 1, 200), o.kind, o.state, o.city,
            '', COALESCE(tp.slugs, ''), {_languages("o.languages")}, 0, 0, NULL, {_true()},
            o.lat, o.lng, {_geocell("o.")}, o.created_at
        FROM directory_partnergroup o {_topics_join("directory_partnergroup_topics", "partnergroup_id")}
    """


def _resources_sql() -> str:
    public = _join(
        "o.summary", "o.audience", "COALESCE(g.name, '')", "COALESCE(tp.names, '')",
        _label("o.kind", Resource.Kind.choices),
    )  # fmt: skip
    language = _label("o.language", list(RESOURCE_LANGUAGE_NAMES.items()))
    regions = "(CASE WHEN o.states = '' THEN '' ELSE ',' || upper(replace(o.states, ' ', '')) || ',' END)"
    return f"""
        INSERT INTO search_document ({COLUMNS})
        SELECT 'resource', o.id, o.title, {public}, '', '', substr(lower(o.title), 1, 200), o.kind, '', '',
            {regions}, COALESCE(tp.slugs, ''), (CASE WHEN {language} = '' THEN ',' || o.language || ','
            ELSE ',' || {language} || ',' END), 0, 0, NULL, {_true()}, NULL, NULL, NULL, o.created_at
        FROM directory_resource o LEFT JOIN directory_partnergroup g ON g.id = o.provider_id
        {_topics_join("directory_resource_topics", "resource_id")}
        WHERE o.status = '{Resource.Status.APPROVED}'
    """


def _true() -> str:
    return "TRUE" if connection.vendor == "postgresql" else "1"


def rebuild_index(*, log=None) -> dict[str, float]:
    """Empty and refill the whole index; returns seconds per phase. Safe to run at any time."""
    timings: dict[str, float] = {}
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE), connection.cursor() as cursor:
        sqlite = connection.vendor == "sqlite"
        start = time.perf_counter()
        if sqlite:
            # Triggers would write the FTS table row by row; drop them and rebuild FTS in one pass.
            for sql in ddl.SQLITE_BACKWARD[:3]:
                cursor.execute(sql)
        cursor.execute("DELETE FROM search_document")
        if sqlite:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('delete-all')")
        timings["clear"] = time.perf_counter() - start
        for kind, sql in (
            ("leaders", _people_sql()),
            ("groups", _groups_sql()),
            ("resources", _resources_sql()),
        ):
            start = time.perf_counter()
            cursor.execute(sql)
            timings[kind] = time.perf_counter() - start
            if log:
                log(f"search index: {kind} in {timings[kind]:.1f}s")
        if sqlite:
            start = time.perf_counter()
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES('rebuild')")
            for sql in ddl.SQLITE_TRIGGERS:
                cursor.execute(sql)
            timings["full_text"] = time.perf_counter() - start
            if log:
                log(f"search index: full text in {timings['full_text']:.1f}s")
    if not sqlite:
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")
        timings["analyze"] = time.perf_counter() - start
    return timings
