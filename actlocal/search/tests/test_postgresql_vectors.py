"""PostgreSQL: a search's vector is the one its index holds, and accents fold as before in any text."""

import pytest
from django.db import connection

from actlocal.search import backends
from actlocal.search.directory import leader_params, leader_search_page
from actlocal.search.tests.helpers import make_leader

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's expression indexes (SQLite searches its FTS5 table)")


def _plan(sql: str, params=()) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table: make the planner say what it can use
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("rank", [0, 1, 2])
def test_the_search_expression_is_the_indexed_one(rank):
    match = backends.text_match(["rights"], rank=rank)
    plan = _plan(f"SELECT d.id FROM {match.from_sql} WHERE {match.where_sql}", match.params)  # noqa: S608
    assert f"search_document_fts_{rank}" in plan, plan


def test_accents_fold_in_text_with_and_without_them():
    from django.contrib.auth.models import AnonymousUser

    make_leader("José", "Núñez")
    make_leader("Jose", "Nunez", email="plain@example.org")
    for q in ("jose nunez", "José Núñez", "NUÑEZ"):
        found = leader_search_page(viewer=AnonymousUser(), params=leader_params({"q": q}))
        names = sorted(f"{p.first_name} {p.last_name}" for p in found.page_obj.object_list)
        assert names == ["Jose Nunez", "José Núñez"], q


@pytest.mark.parametrize(
    ("table", "vector", "index"),
    [
        ("network_thread t", "PG_VECTOR", "network_thread_fts"),
        ("network_reply t", "PG_REPLY_VECTOR", "network_reply_fts"),
    ],
)
def test_the_forum_s_search_expressions_are_the_indexed_ones(table, vector, index):
    from actlocal.network import search_ddl

    plan = _plan(
        f"SELECT 1 FROM {table} WHERE {getattr(search_ddl, vector)} @@ to_tsquery('simple', 'rights')"
    )  # noqa: S608
    assert index in plan, plan
