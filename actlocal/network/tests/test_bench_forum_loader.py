"""The benchmark's forum loader and both benchmarks, at a tiny size: the figures are complete, the query
count is the same for 200 replies as for a few, and a second load writes nothing."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_the_forum_loads_once_and_both_benchmarks_yield_their_figures(monkeypatch, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    from actlocal.network.models import Reply, Thread
    from bench import network as forum_bench
    from bench.registry import BenchContext

    monkeypatch.setitem(forum_bench.SIZES, "demo", (40, 600))
    monkeypatch.setattr(forum_bench, "AUTHORS", 20)
    assert forum_bench._forum_ensure("demo")["loaded"] is True
    assert (Thread.objects.count(), Reply.objects.count()) == (40, 600)
    assert forum_bench._forum_ensure("demo")["loaded"] is False
    assert Reply.objects.count() == 600

    figures = {}
    for name, func in (
        ("network.thread_list", forum_bench.thread_list),
        ("network.thread_page", forum_bench.thread_page),
    ):
        for fig in func(BenchContext(name=name, iterations_override=3)):
            figures[(name, fig["metric"])] = fig
    assert figures[("network.thread_page", "queries")]["ok"]
    assert figures[("network.thread_page", "posts_on_page")]["value"] == 201
    assert {"p50_ms", "p95_ms"} <= {metric for (_name, metric) in figures}
