"""The benchmark registry, figures, and timing helpers shared by every benchmark module."""

from __future__ import annotations

import importlib
import math
import os
import pkgutil
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*\.[a-z][a-z0-9_.]*$")
# Modules in bench/ that are the harness, not benchmarks.
HARNESS_MODULES = {"__main__", "registry", "database", "report", "tests"}
ITERATIONS_ENV = "BENCH_ITERATIONS"

Figure = dict[str, object]


@dataclass(frozen=True)
class Benchmark:
    name: str
    func: Callable[[BenchContext], Iterable[Figure]]
    uses_db: bool
    description: str


REGISTRY: dict[str, Benchmark] = {}


def benchmark(name: str, *, uses_db: bool = True):
    """Register ``func(ctx)`` under ``name`` ("<app>.<what>"); it yields figures from ``ctx.figure``.

    ``uses_db=False`` lets the harness skip building a dataset (``core.places`` needs none).
    """
    if not NAME_RE.match(name):
        raise ValueError(f"benchmark names look like 'app.what', got {name!r}")

    def register(func):
        if name in REGISTRY and REGISTRY[name].func is not func:
            raise ValueError(f"benchmark {name!r} is registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        REGISTRY[name] = Benchmark(name=name, func=func, uses_db=uses_db, description=doc[0] if doc else "")
        return func

    return register


def discover() -> dict[str, Benchmark]:
    """Import every module in ``bench/`` so its ``@benchmark`` functions register; sorted by name."""
    import bench

    for module in pkgutil.iter_modules(bench.__path__):
        if module.name not in HARNESS_MODULES and not module.name.startswith("_"):
            importlib.import_module(f"bench.{module.name}")
    return dict(sorted(REGISTRY.items()))


def figure(
    bench: str,
    metric: str,
    value: float,
    *,
    unit: str,
    baseline: float | None,
    target: float,
    higher_is_better: bool = False,
) -> Figure:
    """One measured figure; ``ok`` says whether it meets ``target`` (lower is better by default)."""
    ok = value >= target if higher_is_better else value <= target
    return {
        "bench": bench,
        "metric": metric,
        "value": _round(value),
        "unit": unit,
        "baseline": None if baseline is None else _round(baseline),
        "target": target,
        "ok": bool(ok),
    }


def _round(x: float) -> float:
    """Keep 4 significant digits: lookups take microseconds, page loads tens of milliseconds."""
    if x == 0 or not math.isfinite(x):
        return x
    return round(x, max(0, 3 - int(math.floor(math.log10(abs(x))))))


@dataclass
class BenchContext:
    """What a benchmark gets: the dataset scale, the iteration override, and a figure factory."""

    name: str
    scale: str = "demo"
    iterations_override: int | None = None

    def iterations(self, default: int) -> int:
        """``default``, unless BENCH_ITERATIONS or ``--iterations`` asks for fewer (tests) or more."""
        if self.iterations_override:
            return self.iterations_override
        raw = os.environ.get(ITERATIONS_ENV, "")
        return int(raw) if raw.isdigit() and int(raw) > 0 else default

    def figure(self, metric: str, value: float, **kwargs) -> Figure:
        return figure(self.name, metric, value, **kwargs)


def time_calls(
    fn: Callable[[], object], *, n: int, warmup: int = 0, max_seconds: float | None = None, min_n: int = 5
) -> list[float]:
    """Milliseconds per call for ``n`` calls, after ``warmup`` untimed calls (caches, connections).

    ``max_seconds`` stops early (after at least ``min_n`` calls) when each call is slow, so a large
    dataset does not turn 200 iterations into ten minutes.
    """
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    clock = time.perf_counter_ns
    deadline = None if max_seconds is None else clock() + max_seconds * 1e9
    for _ in range(n):
        start = clock()
        fn()
        end = clock()
        samples.append((end - start) / 1e6)
        if deadline is not None and end > deadline and len(samples) >= min_n:
            break
    return samples


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile with linear interpolation between ranks (numpy's default method)."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = (len(ordered) - 1) * p / 100
    low = math.floor(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)
