"""The foundation benchmarks, run in-process on the (empty) test database with a few iterations."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bench.registry import BenchContext, discover

KEYS = {"bench", "metric", "value", "unit", "baseline", "target", "ok"}


@pytest.mark.django_db
def test_home_benchmark_reports_timings_against_raw_sql_and_counts_the_page_queries():
    figures = {
        f["metric"]: f for f in discover()["core.home"].func(BenchContext("core.home", iterations_override=3))
    }
    assert set(figures) == {"p50_ms", "p95_ms", "p95_ms_uncached", "queries"}
    assert all(set(f) == KEYS for f in figures.values())
    assert figures["p95_ms"]["baseline"] > 0
    assert figures["queries"]["baseline"] == 7
    # The query figure is what a warm request really runs (it once read 0 from a reset query log).
    client = Client()
    client.get("/", secure=True)
    with CaptureQueriesContext(connection) as warm:
        client.get("/", secure=True)
    assert figures["queries"]["value"] == len(warm)
