"""Full-text search over the threads a reader may see, and their replies, on the two engines
``actlocal.search`` uses: SQLite FTS5 and PostgreSQL full-text (see ``search_ddl``).

Visibility is the same filter every page uses (``selectors.visible_spaces_q``), applied in the same SQL
as the text match, so a thread of a space the reader may not see can neither match, be counted nor be
shown. Hidden threads and hidden replies are left out for everyone.

Like ``actlocal.search.finder``, a search is capped: at most ``CANDIDATE_CAP`` threads, those matched by
their own title and body first (best match first), then those found through their newest matching
replies. Scoring every match of a common word over 100,000 threads and 2,000,000 replies is what makes
a naive query take minutes; beyond the cap the reader is asked for more words.
"""

# ruff: noqa: S608, S610, S611 -- the SQL below is fixed text with %s placeholders; the reader's words
# are parameters, and the visibility filter is compiled by the ORM.

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connection

from actlocal.network import selectors
from actlocal.network.models import Thread
from actlocal.network.search_ddl import PG_REPLY_VECTOR, PG_VECTOR
from actlocal.search.backends import MIN_PREFIX, fold, query_terms

RESULTS_PER_PAGE = 20
CANDIDATE_CAP = 200
REPLY_SCAN = 5000  # newest matching replies looked at when the threads' own words leave room


def _sqlite_expression(terms: list[str]) -> str:
    parts = [
        f'"{t}"*' if i == len(terms) - 1 and len(t) >= MIN_PREFIX else f'"{t}"' for i, t in enumerate(terms)
    ]
    return " AND ".join(parts)


def _pg_expression(terms: list[str]) -> str:
    terms = [fold(t) for t in terms]
    parts = [
        f"'{t}':*" if i == len(terms) - 1 and len(t) >= MIN_PREFIX else f"'{t}'" for i, t in enumerate(terms)
    ]
    return " & ".join(parts)


def _ids(sql: str, params) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def thread_ids_matching(*, viewer, q: str) -> tuple[list[int], bool]:
    """``(thread ids in result order, capped)`` for the threads ``viewer`` may read whose title and body,
    or one of whose visible replies, hold every word of ``q`` (the last one as a prefix). Query syntax
    typed by the reader is reduced to plain words."""
    terms = query_terms(q)
    if not terms:
        return [], False
    visible = Thread.objects.filter(selectors.visible_spaces_q(viewer, prefix="space__"), is_hidden=False)
    visible_sql, visible_params = visible.values("id").query.sql_with_params()
    limit = CANDIDATE_CAP + 1
    if connection.vendor == "postgresql":
        tsquery = _pg_expression(terms)
        query = "to_tsquery('simple'::regconfig, %s)"
        own = _ids(
            f"SELECT t.id FROM network_thread t WHERE {PG_VECTOR} @@ {query} AND t.id IN ({visible_sql})"
            f" ORDER BY ts_rank({PG_VECTOR}, {query}) DESC, t.id DESC LIMIT %s",
            [tsquery, *visible_params, tsquery, limit],
        )
        reply_sql = (
            f"SELECT r.thread_id FROM network_reply r WHERE {PG_REPLY_VECTOR} @@ {query} AND NOT r.is_hidden"
            " ORDER BY r.id DESC LIMIT %s"
        )
        reply_params = [tsquery, REPLY_SCAN]
    else:
        expression = _sqlite_expression(terms)
        # CROSS JOIN: SQLite drives from the full-text match, never runs MATCH once per thread.
        own = _ids(
            "SELECT t.id FROM network_thread_fts f CROSS JOIN network_thread t ON t.id = f.rowid"
            f" WHERE network_thread_fts MATCH %s AND t.id IN ({visible_sql}) ORDER BY f.rank LIMIT %s",
            [expression, *visible_params, limit],
        )
        reply_sql = (
            "SELECT r.thread_id FROM network_reply_fts f CROSS JOIN network_reply r ON r.id = f.rowid"
            " WHERE network_reply_fts MATCH %s AND NOT r.is_hidden ORDER BY f.rowid DESC LIMIT %s"
        )
        reply_params = [expression, REPLY_SCAN]
    if len(own) < limit:
        through_replies = list(
            visible.exclude(pk__in=own)
            .filter(pk__in=_ids(reply_sql, reply_params))
            .order_by("-last_activity_at", "-id")
            .values_list("id", flat=True)[: limit - len(own)]
        )
        own += through_replies
    return own[:CANDIDATE_CAP], len(own) > CANDIDATE_CAP


@dataclass
class SearchResults:
    page: Page
    capped: bool


def thread_search_page(*, viewer, q: str, page: str = "1") -> SearchResults:
    ids, capped = thread_ids_matching(viewer=viewer, q=q)
    result = Paginator(ids, RESULTS_PER_PAGE).get_page(page)
    threads = Thread.objects.filter(pk__in=list(result.object_list)).select_related("space", "author")
    by_id = {t.pk: t for t in threads}
    result.object_list = [by_id[pk] for pk in result.object_list if pk in by_id]
    return SearchResults(page=result, capped=capped)
