"""ActLocal benchmarks: ``python -m bench list | run NAME | all`` (``make bench`` runs them all).

Every benchmark prints one JSON object per figure, measured beside a baseline in the same run, e.g.::

    {"bench": "core.home", "metric": "p95_ms", "value": 12.3, "unit": "ms", "baseline": 3.1, "target": 50, "ok": true}

To add one, create ``bench/<app>.py`` (it is discovered automatically) and register a function::

    from bench.registry import BenchContext, benchmark, percentile, time_calls

    @benchmark("directory.search")
    def directory_search(ctx: BenchContext):
        samples = time_calls(lambda: ..., n=ctx.iterations(200), warmup=20)
        baseline = time_calls(lambda: ..., n=ctx.iterations(200), warmup=20)
        yield ctx.figure("p95_ms", percentile(samples, 95), unit="ms",
                         baseline=percentile(baseline, 95), target=100)

Import Django models inside the function: ``python -m bench list`` runs without a database.
"""
