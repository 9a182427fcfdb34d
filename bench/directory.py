"""Directory search benchmarks: a page of 20 with facet counts, and "within 25 miles", on the index.

Each prints its figure beside a naive query measured in the same run on the same data:
- directory.search: FTS5 MATCH over every column ordered by bm25 (scores every match), LIMIT 20;
- directory.near: a (lat, lng) box on the people table plus haversine, ordered by distance, LIMIT 20.
The measured side is the selector the list page and JSON call (search, facets, page objects, snippets),
as an anonymous visitor; the HTTP JSON figure adds the view, serialisation and middleware.
"""

from __future__ import annotations

import random
import re
import time

from bench.registry import BenchContext, benchmark, percentile, time_calls

SEED = 2026


def _index_ready(ctx: BenchContext):
    """Build the index if this dataset has none yet (e.g. seeded before search existed); time it."""
    from actlocal.directory.models import Person
    from actlocal.search.models import SearchDocument
    from actlocal.search.rebuild import rebuild_index

    indexed = SearchDocument.objects.filter(kind="leader").count()
    leaders = Person.objects.exclude(leader_type="").count()
    if indexed == leaders and leaders:
        return None
    start = time.perf_counter()
    rebuild_index()
    return time.perf_counter() - start


def _query_mix(n: int) -> list[str]:
    """1-2 words drawn from the data: names, cities, issue words, and prefixes of 3+ letters."""
    from django.db import connection

    from actlocal.directory.models import Topic

    rng = random.Random(SEED)
    with connection.cursor() as cursor:
        cursor.execute("SELECT MIN(id), MAX(id) FROM directory_person")
        low, high = cursor.fetchone()
        ids = [rng.randint(low, high) for _ in range(n * 2)]
        cursor.execute(
            f"SELECT first_name, last_name, city FROM directory_person WHERE id IN ({','.join(map(str, ids))})"
        )
        people = cursor.fetchall()
    issue_words = [w for t in Topic.objects.values_list("name", flat=True) for w in re.findall(r"\w{4,}", t)]
    queries = []
    for i in range(n):
        first, last, city = people[i % len(people)]
        kind = i % 6
        if kind == 0:
            q = first
        elif kind == 1:
            q = f"{first} {last}"
        elif kind == 2:
            q = city or last
        elif kind == 3:
            q = rng.choice(issue_words)
        elif kind == 4:
            word = rng.choice([last, rng.choice(issue_words), city or first])
            q = word[: rng.randint(3, max(3, len(word)))]
        else:
            q = f"{rng.choice(issue_words)} {city or last}"
        queries.append(q.lower())
    return queries


@benchmark("directory.search")
def search_page(ctx: BenchContext):
    """A page of 20 leaders with facet counts for 1-2 words, against FTS5 MATCH + bm25 over every match."""
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection
    from django.test import Client

    from actlocal.search.backends import query_terms
    from actlocal.search.directory import leader_params, leader_search_page

    built = _index_ready(ctx)
    n = ctx.iterations(300)
    queries = _query_mix(n)
    anonymous = AnonymousUser()
    mine, it = [], iter(queries * 2)

    def ours():
        results = leader_search_page(viewer=anonymous, params=leader_params({"q": next(it)}))
        list(results.page_obj.object_list)

    sqlite = connection.vendor == "sqlite"

    def naive_sql(q: str):
        terms = query_terms(q)
        if sqlite:
            match = " AND ".join(f'"{t}"*' for t in terms)
            return (
                "SELECT d.object_id FROM search_fts JOIN search_document d ON d.id = search_fts.rowid "
                "WHERE search_fts MATCH %s AND d.kind = 'leader' ORDER BY search_fts.rank LIMIT 20",
                [match],
            )
        tsquery = " & ".join(f"'{t}':*" for t in terms)
        vector = (
            "to_tsvector('simple', title || ' ' || public_text || ' ' || members_text || ' ' || staff_text)"
        )
        return (
            f"SELECT object_id FROM search_document WHERE kind = 'leader' AND {vector} @@ to_tsquery('simple', %s) "
            f"ORDER BY ts_rank({vector}, to_tsquery('simple', %s)) DESC LIMIT 20",
            [tsquery, tsquery],
        )

    naive_it = iter(queries * 2)

    def naive():
        sql, params = naive_sql(next(naive_it))
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()

    mine = time_calls(ours, n=n, warmup=5, max_seconds=120)
    baseline = time_calls(naive, n=n, warmup=5, max_seconds=120)
    client, http_it = Client(), iter(queries * 2)

    def http():
        response = client.get("/leaders/", {"q": next(http_it), "format": "json"}, secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"GET /leaders/ returned {response.status_code}")

    over_http = time_calls(http, n=max(20, n // 3), warmup=3, max_seconds=60)
    base50, base95 = percentile(baseline, 50), percentile(baseline, 95)
    yield ctx.figure("p50_ms", percentile(mine, 50), unit="ms", baseline=base50, target=25)
    yield ctx.figure("p95_ms", percentile(mine, 95), unit="ms", baseline=base95, target=50)
    yield ctx.figure("p95_ms_http_json", percentile(over_http, 95), unit="ms", baseline=base95, target=80)
    if built is not None:
        yield ctx.figure("index_build_s", built, unit="s", baseline=None, target=600)


def _dense_zips(n: int) -> list[str]:
    """Half the ZIPs with the most leaders (the dense areas that hurt a box + haversine), half random."""
    from django.db import connection

    rng = random.Random(SEED)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT zip_code FROM directory_person WHERE leader_type <> '' AND zip_code <> '' "
            "GROUP BY zip_code ORDER BY COUNT(*) DESC LIMIT 60"
        )
        dense = [r[0] for r in cursor.fetchall()]
        cursor.execute("SELECT DISTINCT zip_code FROM directory_person WHERE zip_code <> '' LIMIT 5000")
        anywhere = [r[0] for r in cursor.fetchall()]
    picks = [rng.choice(dense) if i % 2 == 0 else rng.choice(anywhere) for i in range(n)]
    return picks


@benchmark("directory.near")
def near_page(ctx: BenchContext):
    """Leaders within 25 miles of a ZIP, nearest first, page of 20 with facets, against box + haversine."""
    from django.contrib.auth.models import AnonymousUser

    from actlocal.core.listing import filter_near
    from actlocal.core.places import place_for_zip
    from actlocal.core.visibility import visible_q
    from actlocal.directory.models import Person
    from actlocal.directory.selectors import leaders_for_viewer
    from actlocal.search.directory import leader_params, leader_search_page

    _index_ready(ctx)
    n = ctx.iterations(300)
    zips = _dense_zips(n)
    anonymous = AnonymousUser()
    it = iter(zips * 2)

    def ours():
        params = leader_params({"near": next(it), "within": "25"})
        list(leader_search_page(viewer=anonymous, params=params).page_obj.object_list)

    naive_it = iter(zips * 2)

    def naive():
        place = place_for_zip(next(naive_it))
        qs = leaders_for_viewer(anonymous).filter(visible_q(Person, "city", anonymous))
        list(filter_near(qs, place, 25).values_list("pk", flat=True)[:20])

    mine = time_calls(ours, n=n, warmup=5, max_seconds=120)
    baseline = time_calls(naive, n=n, warmup=5, max_seconds=120)
    yield ctx.figure("p50_ms", percentile(mine, 50), unit="ms", baseline=percentile(baseline, 50), target=15)
    yield ctx.figure("p95_ms", percentile(mine, 95), unit="ms", baseline=percentile(baseline, 95), target=30)
