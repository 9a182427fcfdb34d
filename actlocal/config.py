"""Typed readers for settings that come from the environment.

Each reader refuses a bad value by stopping start-up with one line that names the variable, so an
operator sees ``DATABASE_URL: unknown engine 'mysqlx' ...`` instead of a traceback from deep inside Django.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url


class SettingError(SystemExit):
    """Raised while settings load; SystemExit prints the message alone and exits non-zero."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"ActLocal configuration error: {name}: {problem}")


TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise SettingError(name, f"expected true/false, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise SettingError(name, f"expected a whole number, got {raw!r}")
    if minimum is not None and value < minimum:
        raise SettingError(name, f"must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


SUPPORTED_ENGINES = {
    "django.db.backends.sqlite3": "sqlite",
    "django.db.backends.postgresql": "postgresql",
}


def database_from_url(name: str, url: str, *, base_dir: Path, conn_max_age: int) -> dict:
    """Parse ``DATABASE_URL`` into Django's DATABASES entry, tuned per engine.

    SQLite runs in WAL mode with a busy timeout and ``BEGIN IMMEDIATE`` transactions: writers queue on
    the database lock at the start of a transaction instead of failing later with "database is locked"
    when a read transaction tries to upgrade to a write.
    """
    try:
        parsed = urlsplit(url)
    except ValueError as exc:
        raise SettingError(name, f"not a URL ({exc})")
    if not parsed.scheme:
        raise SettingError(name, f"not a URL: {url!r} (try sqlite:///var/actlocal.sqlite3)")
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except (ValueError, KeyError) as exc:
        raise SettingError(name, f"unknown engine {parsed.scheme!r} (use sqlite:// or postgres://): {exc}")
    engine = config.get("ENGINE", "")
    if engine not in SUPPORTED_ENGINES:
        raise SettingError(name, f"unsupported engine {parsed.scheme!r} (use sqlite:// or postgres://)")
    if SUPPORTED_ENGINES[engine] == "sqlite":
        db_name = config.get("NAME") or ""
        if not db_name or db_name == ":memory:":
            raise SettingError(name, "SQLite needs a file path, e.g. sqlite:///var/actlocal.sqlite3")
        path = Path(db_name)
        if not path.is_absolute():
            path = base_dir / path
        config["NAME"] = str(path)
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000;"
                "PRAGMA cache_size=-64000;PRAGMA temp_store=MEMORY;"
                # No memory-mapped reads. A checkpoint that grows the file makes every other process's
                # connection map it again and fault its pages back in one at a time: with two app
                # workers writing (the RSVP surge), 75 µs more CPU per RSVP, a tenth of its cost. Reads
                # alone measured the same either way (bench/: searches, maps, forum, survey pages).
                "PRAGMA mmap_size=0;"
                # A larger log between checkpoints: hot pages (the newest rows' index pages) are copied
                # back once per checkpoint however often they were written. See events/write_turns.py.
                "PRAGMA wal_autocheckpoint=10000"
            ),
        }
        # A file, not memory, so tests run in WAL mode like production and threads share one database;
        # one per process, so two test runs on one machine never share it.
        config["TEST"] = {"NAME": str(path.with_name(f"{path.stem}-test-{os.getpid()}.sqlite3"))}
    else:
        if not config.get("NAME"):
            raise SettingError(
                name, "PostgreSQL URL needs a database name, e.g. postgres://127.0.0.1/actlocal"
            )
        # Django turns psycopg's prepared statements off (``prepare_threshold`` None), and with them the
        # ones the RSVP hot path asks for (``events/sql.py``): PostgreSQL then parsed and planned its one
        # call again on every RSVP, 0.06 ms of its time. Django's own cursors bind values on the client and
        # never prepare, so only statements that ask are prepared. Poolers: PgBouncer in session mode, or
        # 1.21+ with ``max_prepared_statements`` (see README).
        config.setdefault("OPTIONS", {}).setdefault("prepare_threshold", 5)
    return config


def email_from_url(name: str, url: str) -> dict:
    """``EMAIL_URL``: smtp://user:pass@host:587?tls=1, smtps://..., console://, file:///path, locmem://."""
    try:
        parsed = urlsplit(url)
    except ValueError as exc:
        raise SettingError(name, f"not a URL ({exc})")
    scheme = parsed.scheme
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if scheme not in backends:
        raise SettingError(name, f"unknown scheme {scheme!r} (use smtp, smtps, console, file or locmem)")
    config: dict = {"EMAIL_BACKEND": backends[scheme]}
    if scheme == "file":
        if not parsed.path:
            raise SettingError(name, "file:// needs a folder, e.g. file:///var/mail")
        config["EMAIL_FILE_PATH"] = unquote(parsed.path)
    if scheme in {"smtp", "smtps"}:
        if not parsed.hostname:
            raise SettingError(name, "smtp:// needs a host, e.g. smtp://user:pass@mail.example.org:587?tls=1")
        query = parse_qs(parsed.query)
        try:
            port = parsed.port
        except ValueError:
            raise SettingError(name, "the port is not a number")
        config.update(
            EMAIL_HOST=parsed.hostname,
            EMAIL_PORT=port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=scheme == "smtps",
            EMAIL_USE_TLS=scheme == "smtp" and query.get("tls", ["0"])[0] in TRUE,
            EMAIL_TIMEOUT=10,
        )
    return config


def redis_url(name: str, url: str) -> str:
    if not url:
        return ""
    parsed = urlsplit(url)
    if parsed.scheme not in {"redis", "rediss", "unix"}:
        raise SettingError(name, f"expected redis://host:port/db, got scheme {parsed.scheme!r}")
    return url
