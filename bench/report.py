"""``bench/RESULTS.md``: every figure of a run, and the machine it ran on.

The file keeps one section per (scale, database engine), so ``make bench`` (demo, SQLite) does not wipe
the figures of a large run on PostgreSQL; each run replaces only its own section.
"""

from __future__ import annotations

import os
import platform
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.registry import Figure

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = """# ActLocal benchmark results

Written by `python -m bench all [--scale demo|large]` (`make bench` runs the demo scale). Each figure is
measured beside a baseline in the same run; `ok` compares the value with the target (lower is better
unless noted). One section per dataset scale and database engine; a run replaces only its own section.
"""


def memory_total() -> str:
    """MemTotal from /proc/meminfo, in GiB; "unknown" off Linux."""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    return "unknown"


def machine(*, scale: str, engine: str) -> dict[str, str]:
    import django

    return {
        "Date": datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPU cores": str(os.cpu_count()),
        "Memory": memory_total(),
        "Load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg())
        if hasattr(os, "getloadavg")
        else "?",
        "Python": sys.version.split()[0],
        "Django": django.get_version(),
        "Database": engine,
        "Dataset scale": scale,
        "Platform": platform.platform(),
    }


def _cell(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    return str(value)


def section_markdown(title: str, figures: list[Figure], info: dict[str, str], *, errors=()) -> str:
    lines = [
        f"## {title}",
        "",
        *(f"- **{key}:** {value}" for key, value in info.items()),
        "",
        "| bench | metric | value | unit | baseline | target | ok |",
        "|---|---|---:|---|---:|---:|---|",
    ]
    for f in figures:
        cells = [f["bench"], f["metric"], f["value"], f["unit"], f["baseline"], f["target"], f["ok"]]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    if errors:
        lines += ["", "Failed benchmarks:", "", *(f"- {e}" for e in errors)]
    return "\n".join(lines) + "\n"


def results_update(path: Path, key: str, section: str) -> str:
    """Put ``section`` under ``key`` in the results file, replacing that key's previous section."""
    start, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    block = f"{start}\n{section}{end}\n"
    text = path.read_text() if path.exists() else HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end) + r"\n?", re.S)
    text = pattern.sub(lambda _m: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text)
    return text
