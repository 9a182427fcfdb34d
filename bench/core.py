"""Foundation benchmarks: the home page and ZIP lookups."""

from __future__ import annotations

import random

from bench.registry import BenchContext, benchmark, percentile, time_calls


@benchmark("core.home")
def home_page(ctx: BenchContext):
    """GET / as an anonymous visitor, against the raw SQL the page's figures need."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()

    def get_home():
        # secure=True: settings redirect plain HTTP outside DEBUG, and we measure the page, not a 301.
        response = client.get("/", secure=True)
        if response.status_code != 200:
            raise RuntimeError(f"GET / returned {response.status_code}")

    def get_home_uncached():
        cache.clear()
        get_home()

    queries = _home_sql()

    def raw_sql():
        from django.utils import timezone

        now = timezone.now()
        with connection.cursor() as cursor:
            for sql, params in queries:
                cursor.execute(sql, [now if p is _NOW else p for p in params])
                cursor.fetchall()

    n = ctx.iterations(200)
    warm = time_calls(get_home, n=n, warmup=20, max_seconds=60)
    with CaptureQueriesContext(connection) as captured:  # right away, while the glance is still cached
        get_home()
    # Count now: the captured list is a view on the connection's query log, which later requests reset.
    page_queries = len(captured)
    cold = time_calls(get_home_uncached, n=max(5, n // 4), warmup=1, max_seconds=30)
    baseline = time_calls(raw_sql, n=n, warmup=2, max_seconds=30)
    base_p95 = percentile(baseline, 95)
    yield ctx.figure("p50_ms", percentile(warm, 50), unit="ms", baseline=percentile(baseline, 50), target=25)
    yield ctx.figure("p95_ms", percentile(warm, 95), unit="ms", baseline=base_p95, target=50)
    yield ctx.figure("p95_ms_uncached", percentile(cold, 95), unit="ms", baseline=base_p95, target=500)
    yield ctx.figure("queries", page_queries, unit="queries", baseline=len(queries), target=5)


_NOW = object()


def _home_sql() -> list[tuple[str, list]]:
    """What the home page shows, as plain SQL: leader counts by state, groups, events, the next six."""
    from django.db import connection

    from actlocal.directory.models import PartnerGroup, Person
    from actlocal.events.models import CoHost, Event

    q = connection.ops.quote_name
    person, group, event, cohost = (q(m._meta.db_table) for m in (Person, PartnerGroup, Event, CoHost))
    leaders = f"FROM {person} WHERE leader_type <> '' AND listed = %s"
    return [
        (f"SELECT state, COUNT(*) {leaders} AND state <> '' GROUP BY state ORDER BY 2 DESC, state", [True]),
        (f"SELECT COUNT(*) {leaders} AND state = ''", [True]),
        (f"SELECT DISTINCT state FROM {group} WHERE state <> ''", []),
        (f"SELECT COUNT(*) FROM {group}", []),
        (f"SELECT COUNT(*) FROM {event} WHERE status = 'published'", []),
        (f"SELECT COUNT(*) FROM {event} WHERE status = 'published' AND starts_at >= %s", [_NOW]),
        (
            f"SELECT e.id, e.title, e.starts_at, (SELECT COUNT(*) FROM {cohost} c WHERE c.event_id = e.id) "
            f"FROM {event} e WHERE e.status = 'published' AND e.starts_at >= %s ORDER BY e.starts_at LIMIT 6",
            [_NOW],
        ),
    ]


@benchmark("core.places", uses_db=False)
def places_lookup(ctx: BenchContext):
    """ZIP -> place through ``core.places`` (an index), against a linear scan of the ZIP list."""
    import zipcodes

    from actlocal.core.places import place_for_zip

    rows = zipcodes.list_all()
    rng = random.Random(2018)
    # Real ZIPs that have a point (the few without one are not in the index, by design).
    sample = [row["zip_code"] for row in rng.sample([r for r in rows if r.get("lat") and r.get("long")], 500)]
    place_for_zip(sample[0])  # the index is built once per process: not what a request pays

    def naive(zip_code: str):
        for row in rows:
            if row["zip_code"] == zip_code:
                return row
        return None

    n = ctx.iterations(5000)
    lookups = iter(sample * (n // len(sample) + 1))
    indexed = time_calls(lambda: place_for_zip(next(lookups)), n=n)
    scans = iter(sample)
    naive_n = min(ctx.iterations(200), len(sample))
    scanned = time_calls(lambda: naive(next(scans)), n=naive_n)
    yield ctx.figure(
        "p50_ms", percentile(indexed, 50), unit="ms", baseline=percentile(scanned, 50), target=0.5
    )
    yield ctx.figure("p95_ms", percentile(indexed, 95), unit="ms", baseline=percentile(scanned, 95), target=1)
