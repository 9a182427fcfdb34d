"""The registry's helpers: names, figures, percentiles, the results file."""

from __future__ import annotations

import pytest

from bench.registry import REGISTRY, BenchContext, benchmark, discover, figure, percentile, time_calls
from bench.report import results_update, section_markdown


def test_percentile_interpolates_between_ranks():
    samples = [float(x) for x in range(1, 101)]  # 1..100
    assert percentile(samples, 50) == pytest.approx(50.5)
    assert percentile(samples, 95) == pytest.approx(95.05)
    assert percentile([3.0, 1.0, 2.0], 100) == 3.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)


def test_ok_means_lower_is_better_unless_the_benchmark_says_otherwise():
    assert figure("core.x", "p95_ms", 12.0, unit="ms", baseline=3.0, target=50)["ok"] is True
    assert figure("core.x", "p95_ms", 51.0, unit="ms", baseline=3.0, target=50)["ok"] is False
    assert (
        figure("core.x", "speedup", 80.0, unit="x", baseline=1.0, target=100, higher_is_better=True)["ok"]
        is False
    )
    assert (
        figure("core.x", "speedup", 120.0, unit="x", baseline=1.0, target=100, higher_is_better=True)["ok"]
        is True
    )


def test_figures_keep_four_significant_digits():
    assert figure("core.x", "m", 0.000123456, unit="ms", baseline=1234.5678, target=1)["value"] == 0.0001235
    assert figure("core.x", "m", 0.000123456, unit="ms", baseline=1234.5678, target=1)["baseline"] == 1235.0


def test_names_must_start_with_an_app_and_be_unique():
    with pytest.raises(ValueError):
        benchmark("home")
    discover()
    with pytest.raises(ValueError):
        benchmark("core.home")(lambda ctx: [])


def test_discovery_finds_the_foundation_benchmarks_and_places_needs_no_database():
    found = discover()
    assert {"core.home", "core.places"} <= set(found)
    assert found["core.places"].uses_db is False
    assert found["core.home"].uses_db is True
    assert REGISTRY["core.home"].description


def test_iterations_override_wins_over_the_default(monkeypatch):
    monkeypatch.delenv("BENCH_ITERATIONS", raising=False)
    assert BenchContext(name="core.x").iterations(200) == 200
    monkeypatch.setenv("BENCH_ITERATIONS", "7")
    assert BenchContext(name="core.x").iterations(200) == 7
    assert BenchContext(name="core.x", iterations_override=3).iterations(200) == 3


def test_time_calls_runs_warmup_untimed_then_n_timed_calls():
    calls = []
    samples = time_calls(lambda: calls.append(1), n=5, warmup=3)
    assert len(calls) == 8
    assert len(samples) == 5 and all(s >= 0 for s in samples)


def test_places_benchmark_called_directly_yields_complete_figures():
    figures = list(discover()["core.places"].func(BenchContext(name="core.places", iterations_override=10)))
    assert [f["metric"] for f in figures] == ["p50_ms", "p95_ms"]
    for f in figures:
        assert set(f) == {"bench", "metric", "value", "unit", "baseline", "target", "ok"}


def test_results_file_has_a_row_per_figure_and_keeps_other_sections(tmp_path):
    figures = [
        figure("core.home", "p95_ms", 12.3, unit="ms", baseline=3.1, target=50),
        figure("core.places", "p95_ms", 2.0, unit="ms", baseline=4.0, target=1),
    ]
    info = {"CPU cores": "2", "Memory": "23.4 GiB", "Database": "sqlite 3.40.1"}
    path = tmp_path / "RESULTS.md"
    results_update(path, "large-postgresql", section_markdown("large scale, postgresql", figures[:1], info))
    text = results_update(path, "demo-sqlite", section_markdown("demo scale, sqlite", figures, info))
    assert "| core.home | p95_ms | 12.3 | ms | 3.1 | 50 | yes |" in text
    assert "| core.places | p95_ms | 2.0 | ms | 4.0 | 1 | **no** |" in text
    assert "- **CPU cores:** 2" in text and "- **Database:** sqlite 3.40.1" in text
    # A second demo run replaces the demo section and leaves the large one alone.
    text = results_update(path, "demo-sqlite", section_markdown("demo scale, sqlite", figures[1:], info))
    assert text.count("## demo scale, sqlite") == 1
    assert "## large scale, postgresql" in text
    assert text.count("| core.home | p95_ms |") == 1
