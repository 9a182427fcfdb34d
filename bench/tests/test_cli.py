"""``python -m bench``: what a developer runs. No timed assertions: only shapes and names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KEYS = {"bench", "metric", "value", "unit", "baseline", "target", "ok"}


def _bench(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "BENCH_ITERATIONS": "20"}
    return subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_list_names_both_foundation_benchmarks_one_per_line():
    result = _bench("list")
    assert result.returncode == 0, result.stderr
    names = result.stdout.splitlines()
    assert {"core.home", "core.places"} <= set(names)
    assert all("." in name and name.split(".")[0].isidentifier() for name in names)


def test_run_places_prints_one_json_figure_per_line_with_all_keys():
    result = _bench("run", "core.places", "--scale", "demo")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) >= 2
    for line in lines:
        fig = json.loads(line)
        assert set(fig) == KEYS
        assert fig["bench"] == "core.places"
        assert fig["unit"] == "ms"
        assert isinstance(fig["ok"], bool)
        assert fig["value"] > 0 and fig["baseline"] > 0
    assert {json.loads(line)["metric"] for line in lines} == {"p50_ms", "p95_ms"}


def test_unknown_benchmark_is_refused_with_a_hint():
    result = _bench("run", "core.nope")
    assert result.returncode == 2
    assert "python -m bench list" in result.stderr
    assert result.stdout == ""
