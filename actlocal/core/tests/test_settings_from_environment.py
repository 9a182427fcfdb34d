"""Start-up refuses bad configuration with one line that names the variable."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from actlocal.config import SettingError, database_from_url, email_from_url, env_bool

ROOT = Path(__file__).resolve().parents[3]


def run_check(**env):
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "actlocal.settings", **env}
    full_env.pop("PYTEST_CURRENT_TEST", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DATABASE_URL", "mysqlx://db/actlocal", "DATABASE_URL: "),
        ("DATABASE_URL", "not a url", "DATABASE_URL: not a URL"),
        ("EMAIL_URL", "pigeon://coop", "EMAIL_URL: unknown scheme 'pigeon'"),
        ("DEBUG", "maybe", "DEBUG: expected true/false"),
        ("CONN_MAX_AGE", "-5", "CONN_MAX_AGE: must be at least 0"),
        ("SECRET_KEY", "short", "SECRET_KEY: must be at least 50 characters"),
        ("REDIS_URL", "http://cache", "REDIS_URL: expected redis://"),
    ],
)
def test_a_bad_setting_stops_start_up_with_one_line_naming_the_variable(name, value, expected):
    result = run_check(**{name: value})
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("ActLocal configuration error: ")
    assert expected in lines[0]


def test_sqlite_runs_in_wal_mode_with_immediate_transactions_and_a_busy_timeout(tmp_path):
    config = database_from_url("DATABASE_URL", "sqlite:///var/x.sqlite3", base_dir=tmp_path, conn_max_age=600)
    assert config["NAME"] == str(tmp_path / "var" / "x.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5
    assert config["CONN_MAX_AGE"] == 600


@pytest.mark.django_db
def test_sqlite_connections_run_in_wal_mode_without_memory_mapped_reads():
    """What each new connection runs (``init_command``), read back from SQLite itself. Memory-mapped
    reads cost writers in other processes a remap after every checkpoint that grows the file."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite's own connection settings")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
        cursor.execute("PRAGMA mmap_size")
        assert cursor.fetchone()[0] == 0


def test_postgres_urls_keep_persistent_connections(tmp_path):
    config = database_from_url(
        "DATABASE_URL", "postgres://u@127.0.0.1:5432/act", base_dir=tmp_path, conn_max_age=600
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["HOST"], config["PORT"]) == ("act", "127.0.0.1", 5432)
    assert config["CONN_MAX_AGE"] == 600 and config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_in_memory_is_refused(tmp_path):
    with pytest.raises(SettingError, match="needs a file path"):
        database_from_url("DATABASE_URL", "sqlite://:memory:", base_dir=tmp_path, conn_max_age=0)


def test_email_url_becomes_smtp_settings():
    config = email_from_url("EMAIL_URL", "smtp://mailer:s%40cret@mail.example.org:587?tls=1")
    assert config["EMAIL_HOST"] == "mail.example.org"
    assert config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_PASSWORD"] == "s@cret"
    assert config["EMAIL_USE_TLS"] is True and config["EMAIL_USE_SSL"] is False


def test_booleans_accept_the_usual_spellings(monkeypatch):
    monkeypatch.setenv("FLAG", "Yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "off")
    assert env_bool("FLAG", True) is False
