"""The dataset benchmarks run against, and Django set-up.

By default each scale has its own SQLite file under ``var/`` (``bench-demo.sqlite3``,
``bench-large.sqlite3``), built once with ``migrate`` + ``seed`` and reused. It is built under a temporary
name and renamed at the end, so an interrupted build never leaves a half-seeded file that looks cached.
An explicit ``DATABASE_URL`` (e.g. PostgreSQL) is used as it is: migrated, then seeded if it holds no
seeded data yet.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "actlocal.settings"


def _var_dir() -> Path:
    return Path(os.environ.get("ACTLOCAL_VAR_DIR", ROOT / "var"))


def dataset_path(scale: str) -> Path:
    return _var_dir() / f"bench-{scale}.sqlite3"


def _manage(*args: str, database_url: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "DATABASE_URL": database_url}
    # Their output goes to stderr: stdout carries only the benchmarks' JSON lines.
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], env=env, cwd=ROOT, check=True, stdout=sys.stderr
    )


def dataset_prepare(scale: str, *, log=print) -> str:
    """Make sure the scale's dataset exists and is migrated; returns the DATABASE_URL to use."""
    explicit = os.environ.get("DATABASE_URL")
    if explicit:
        _manage("migrate", "--noinput", "--verbosity", "0", database_url=explicit)
        _manage("seed", "--scale", scale, database_url=explicit)
        return explicit
    path = dataset_path(scale)
    url = f"sqlite:///{path}"
    if path.exists():
        # Cheap when up to date; keeps a cached dataset usable after someone adds a migration.
        _manage("migrate", "--noinput", "--verbosity", "0", database_url=url)
        return url
    building = path.with_name(path.stem + ".building.sqlite3")
    for stale in building.parent.glob(building.name + "*"):
        stale.unlink()
    log(f"Building the {scale} dataset at {path} (once; later runs reuse it)...")
    building_url = f"sqlite:///{building}"
    path.parent.mkdir(parents=True, exist_ok=True)
    _manage("migrate", "--noinput", "--verbosity", "0", database_url=building_url)
    _manage("seed", "--scale", scale, database_url=building_url)
    # Fold the WAL back into the main file before the rename (the -wal file keeps the old name).
    import sqlite3

    with sqlite3.connect(building) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    building.rename(path)
    return url


def django_setup(database_url: str | None) -> None:
    """Configure Django for this process; must run before any model import."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        # Benchmarks that use no database still need settings; point them at the demo file, unused.
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{dataset_path('demo')}")
    import django

    django.setup()


def engine_description() -> str:
    """ "sqlite 3.40.1" or "postgresql 16.2": for RESULTS.md (never the URL: it may hold a password)."""
    from django.db import connection

    try:
        connection.ensure_connection()
        version = ".".join(str(part) for part in connection.get_database_version())
    except Exception:  # a benchmark that uses no database may run where none is reachable
        version = "?"
    return f"{connection.vendor} {version}"
