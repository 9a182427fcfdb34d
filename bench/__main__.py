"""``python -m bench list | run NAME [NAME ...] | all`` with ``--scale demo|large`` and ``--iterations N``."""

from __future__ import annotations

import argparse
import json
import sys
import traceback

from bench.registry import BenchContext, Benchmark, Figure, discover

SCALES = ("demo", "large")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="print benchmark names, one per line")
    for name, helptext in (
        ("run", "run the named benchmarks"),
        ("all", "run every benchmark, write RESULTS.md"),
    ):
        cmd = sub.add_parser(name, help=helptext)
        if name == "run":
            cmd.add_argument("names", nargs="+", metavar="NAME")
        else:
            cmd.add_argument("--output", help="where to write the results (default bench/RESULTS.md)")
        cmd.add_argument("--scale", choices=SCALES, default="demo")
        cmd.add_argument("--iterations", type=int, help="override every benchmark's iteration count")
        cmd.add_argument("--strict", action="store_true", help="exit 1 when a figure misses its target")
    return parser


def run_benchmarks(
    selected: list[Benchmark], *, scale: str, iterations: int | None
) -> tuple[list[Figure], list[str]]:
    """Run each benchmark, printing each figure as one JSON line as soon as it is measured."""
    figures: list[Figure] = []
    errors: list[str] = []
    for bench in selected:
        ctx = BenchContext(name=bench.name, scale=scale, iterations_override=iterations)
        try:
            for fig in bench.func(ctx):
                print(json.dumps(fig, ensure_ascii=False), flush=True)
                figures.append(fig)
        except Exception as exc:  # one broken benchmark must not hide the others' figures
            traceback.print_exc()
            errors.append(f"{bench.name}: {type(exc).__name__}: {exc}")
    return figures, errors


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    registry = discover()
    if args.command == "list":
        for name in registry:
            print(name)
        return 0
    if args.command == "run":
        unknown = [n for n in args.names if n not in registry]
        if unknown:
            print(f"unknown benchmark(s): {', '.join(unknown)}; try `python -m bench list`", file=sys.stderr)
            return 2
        selected = [registry[n] for n in args.names]
    else:
        selected = list(registry.values())

    from bench.database import dataset_prepare, django_setup, engine_description

    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731 - stdout is for JSON
    url = dataset_prepare(args.scale, log=log) if any(b.uses_db for b in selected) else None
    django_setup(url)
    figures, errors = run_benchmarks(selected, scale=args.scale, iterations=args.iterations)

    if args.command == "all":
        from pathlib import Path

        from django.db import connection

        from bench.report import RESULTS, machine, results_update, section_markdown

        engine = engine_description()
        info = machine(scale=args.scale, engine=engine)
        section = section_markdown(f"{args.scale} scale, {connection.vendor}", figures, info, errors=errors)
        output = Path(args.output) if args.output else RESULTS
        results_update(output, f"{args.scale}-{connection.vendor}", section)
        log(f"Wrote {output}")
    if errors:
        return 1
    if args.strict and not all(f["ok"] for f in figures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
