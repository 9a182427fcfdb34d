"""RSVP surge: real HTTP against granian with 2 workers on loopback, beside a one-INSERT baseline view.

The server runs ``bench.events:application``: ActLocal's own WSGI app whose URLconf adds one bench-only
route (``/_bench/insert/``, a view doing a single bare INSERT). Production never loads this module, so the
route cannot exist there. On SQLite the server works on a copy of the dataset, so the cached dataset other
benchmarks read stays as it was; on PostgreSQL (``DATABASE_URL``) the rows it made are deleted afterwards.

The load is bounded (a request count and a time limit) and comes from keep-alive ``http.client``
connections in threads. RSVPs go through the real form view (CSRF token, HTMX partial) and so through the
whole service: person matching, the per-event lock, capacity, waitlist, audit log, the e-mail owed on the
RSVP row (the outbox; the sweep it kicks is queued in the task table, and no worker runs here, as no
worker ran for the per-RSVP e-mail tasks before it). Afterwards the database must hold exactly one RSVP for every 2xx answer, the popular
event no more confirmed RSVPs than seats, and every event's seat counters must equal a fresh COUNT.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

from bench.registry import BenchContext, benchmark

ROOT = Path(__file__).resolve().parent.parent
CLIENT_THREADS = 16
# Python threads per granian worker (``--blocking-threads``), per engine; BENCH_SERVER_THREADS overrides.
# SQLite: one. It admits one writer at a time, so a second thread per worker only waits for the write lock
# or, holding it, for the GIL. Measured here (quiet machine, same run): 1 thread 1,352 RSVPs/s, 2 threads
# 1,147. PostgreSQL: two. A thread waiting on the network leaves the GIL to the other; more threads queue
# on the popular event's row lock and the GIL (same run, popular / many RSVPs/s: 1 thread 982 / 968,
# 2 threads 1,054 / 1,034, 3 threads 1,010 / 1,030).
SERVER_THREADS = {"sqlite": 1, "postgresql": 2}
EMAIL_DOMAIN = "rsvp-surge.bench.invalid"
SLUG_PREFIX = "bench-rsvp-surge-"
BASELINE_PATH = "/_bench/insert/"


# --- The server side: ActLocal plus one bench-only route ----------------------------------------------


def _bare_insert(request):
    from django.http import HttpResponse

    from actlocal.core.models import AuditEntry

    AuditEntry.objects.create(action="bench.insert")
    return HttpResponse(b"ok", content_type="text/plain")


def __getattr__(name: str):
    # The server's URLconf (this module): Django reads ``urlpatterns`` after setup, so build it lazily.
    if name == "urlpatterns":
        from django.urls import path
        from django.views.decorators.csrf import csrf_exempt

        from actlocal.urls import urlpatterns as site

        return [path(BASELINE_PATH.strip("/") + "/", csrf_exempt(_bare_insert)), *site]
    raise AttributeError(name)


_app = None


def application(environ, start_response):
    """The WSGI app granian serves: ActLocal with this module as URLconf."""
    global _app
    if _app is None:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actlocal.settings")
        from django.conf import settings
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        settings.ROOT_URLCONF = __name__
        _app = app
    return _app(environ, start_response)


# --- The client side -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    def __init__(self, database_url: str):
        engine = "sqlite" if database_url.startswith("sqlite:") else "postgresql"
        threads = int(os.environ.get("BENCH_SERVER_THREADS") or SERVER_THREADS[engine])
        self.port = _free_port()
        env = {**os.environ, "DATABASE_URL": database_url, "HTTPS": "false", "DEBUG": "false"}
        env["LOG_LEVEL"] = "ERROR"
        self.proc = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("granian")),
                "--interface", "wsgi", "--workers", "2", "--blocking-threads", str(threads),
                "--host", "127.0.0.1", "--port", str(self.port),
                "--no-ws", "--log-level", "error", "bench.events:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=sys.stderr,
            stderr=sys.stderr,
        )  # fmt: skip

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"granian exited with {self.proc.returncode}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/healthz")
                if conn.getresponse().status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("granian did not start")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Client:
    """One keep-alive connection with its own CSRF cookie and token, like one browser."""

    def __init__(self, port: int, slug: str):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", f"/events/{slug}/")
        response = self.conn.getresponse()
        body = response.read().decode()
        cookie = response.getheader("Set-Cookie") or ""
        match = re.search(r"csrftoken=([^;]+)", cookie)
        token = CSRF_INPUT.search(body)
        if response.status != 200 or not match or not token:
            raise RuntimeError(f"could not read a CSRF token from /events/{slug}/ ({response.status})")
        self.cookie, self.token = match.group(1), token.group(1)

    def rsvp(self, slug: str, n: int) -> int:
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "first_name": f"Surge{n}",
                "last_name": "Bench",
                "email": f"p{n}@{EMAIL_DOMAIN}",
                "zip_code": "53703",
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.cookie}",
            "HX-Request": "true",
        }
        self.conn.request("POST", f"/events/{slug}/rsvp/", body=body, headers=headers)
        response = self.conn.getresponse()
        response.read()
        return response.status

    def insert(self) -> int:
        self.conn.request("POST", BASELINE_PATH, body=b"", headers={"Content-Length": "0"})
        response = self.conn.getresponse()
        response.read()
        return response.status


def _load(port: int, slugs: list[str], *, count: int, first_n: int, seconds: float, kind: str):
    """``count`` requests from CLIENT_THREADS keep-alive clients, stopping early after ``seconds``.
    Returns (rate per second, {email number: status}, error count)."""
    statuses: dict[int, int] = {}
    errors: Counter[str] = Counter()
    next_n = iter(range(first_n, first_n + count))
    lock = threading.Lock()
    clients = [Client(port, slugs[i % len(slugs)]) for i in range(CLIENT_THREADS)]
    deadline = time.monotonic() + seconds

    def work(client: Client) -> None:
        while time.monotonic() < deadline:
            with lock:
                n = next(next_n, None)
            if n is None:
                return
            try:
                status = client.insert() if kind == "insert" else client.rsvp(slugs[n % len(slugs)], n)
            except (OSError, http.client.HTTPException) as exc:
                errors[type(exc).__name__] += 1
                status = 0
            statuses[n] = status

    threads = [threading.Thread(target=work, args=(c,)) for c in clients]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    for client in clients:
        client.conn.close()
    bad = sum(1 for s in statuses.values() if not 200 <= s < 300)
    return len(statuses) / elapsed, statuses, bad  # a connection error counts as status 0, so bad


def _sqlite_copy(url: str) -> tuple[str, Path]:
    source = Path(url.removeprefix("sqlite:///"))
    folder = Path(tempfile.mkdtemp(prefix="rsvp-surge-"))
    target = folder / "bench.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    src.close()
    dst.close()
    return f"sqlite:///{target}", folder


def _make_events(alias: str, *, popular_capacity: int, many: int, many_capacity: int):
    from datetime import timedelta

    from django.utils import timezone

    from actlocal.events.models import Event

    start = timezone.now() + timedelta(days=30)
    common = {
        "status": Event.Status.PUBLISHED,
        "starts_at": start,
        "ends_at": start + timedelta(hours=2),
        "timezone": "America/Chicago",
        "city": "Madison",
        "state": "WI",
        "zip_code": "53703",
        "waitlist_enabled": True,
    }
    Event.objects.using(alias).filter(slug__startswith=SLUG_PREFIX).delete()
    warm = Event.objects.using(alias).create(title="Warm-up", slug=SLUG_PREFIX + "warm", **common)
    popular = Event.objects.using(alias).create(
        title="Popular", slug=SLUG_PREFIX + "popular", capacity=popular_capacity, **common
    )
    spread = [
        Event(title=f"Spread {i}", slug=f"{SLUG_PREFIX}many-{i}", capacity=many_capacity, **common)
        for i in range(many)
    ]
    Event.objects.using(alias).bulk_create(spread)
    return warm, popular, list(Event.objects.using(alias).filter(slug__startswith=SLUG_PREFIX + "many-"))


def _vacuum(alias: str) -> None:
    """PostgreSQL: start from tidy tables. Each run adds and then deletes thousands of people, RSVPs and
    audit entries, and until autovacuum comes by their dead rows lie in the next run's index look-ups."""
    from django.db import connections

    from actlocal.core.models import AuditEntry
    from actlocal.directory.models import Person
    from actlocal.events.models import Event, Rsvp

    db = connections[alias]
    if db.vendor != "postgresql":
        return
    tables = ", ".join(db.ops.quote_name(m._meta.db_table) for m in (Event, Rsvp, Person, AuditEntry))
    with db.cursor() as cursor:
        cursor.execute(f"VACUUM (ANALYZE) {tables}")


def _verify(alias: str, events, statuses: dict[int, int]) -> tuple[int, int]:
    """(lost, duplicated): 2xx answers with no RSVP, and RSVP rows beyond one per 2xx answer."""
    from actlocal.events.models import Rsvp

    ok = {f"p{n}@{EMAIL_DOMAIN}" for n, s in statuses.items() if 200 <= s < 300}
    rows = list(Rsvp.objects.using(alias).filter(event__in=events).values_list("person__email", flat=True))
    found = Counter(rows)
    lost = len(ok - set(found))
    duplicated = sum(c - 1 for c in found.values() if c > 1) + len(set(found) - ok)
    return lost, duplicated


def _status_count(alias: str, events, status: str) -> int:
    from actlocal.events.models import Rsvp

    return Rsvp.objects.using(alias).filter(event__in=events, status=status).count()


def _counters_off(alias: str, events) -> int:
    """How far the events' seat counters are from a fresh COUNT of their RSVPs (summed; 0 when exact)."""
    from actlocal.events.models import Event

    off = 0
    for event in Event.objects.using(alias).filter(pk__in=[e.pk for e in events]):
        off += abs((event.confirmed_count or 0) - _status_count(alias, [event], "confirmed"))
        off += abs((event.waitlist_count or 0) - _status_count(alias, [event], "waitlisted"))
    return off


def _cleanup(alias: str, *, since) -> None:
    from django_tasks_db.models import DBTaskResult

    from actlocal.core.emails import deliver_email
    from actlocal.core.models import AuditEntry
    from actlocal.directory.models import Person
    from actlocal.events.models import Event, Rsvp
    from actlocal.events.outbox import rsvp_emails_tick

    # The surge's audit entries too: else each run leaves twelve thousand behind, and every later run
    # (and its baseline, which inserts into the same table) works on a bigger table.
    rsvp_ids = (
        Rsvp.objects.using(alias).filter(event__slug__startswith=SLUG_PREFIX).values_list("pk", flat=True)
    )
    rsvp_ids = [str(pk) for pk in rsvp_ids]
    for start in range(0, len(rsvp_ids), 1000):
        AuditEntry.objects.using(alias).filter(
            target_type=Rsvp._meta.label_lower, target_id__in=rsvp_ids[start : start + 1000]
        ).delete()
    Event.objects.using(alias).filter(slug__startswith=SLUG_PREFIX).delete()
    Person.objects.using(alias).filter(email__endswith="@" + EMAIL_DOMAIN).delete()
    AuditEntry.objects.using(alias).filter(action="bench.insert").delete()
    # The e-mail tasks and sweeps the surge queued (their RSVPs are gone, so a worker would find nothing).
    DBTaskResult.objects.using(alias).filter(
        task_path__in=[deliver_email.module_path, rsvp_emails_tick.module_path], enqueued_at__gte=since
    ).delete()


@benchmark("events.rsvp_surge")
def rsvp_surge(ctx: BenchContext):
    """Sustained RSVPs/s over HTTP (2 granian workers) to one popular event and to many, vs a bare INSERT."""
    from django.db import connections
    from django.utils import timezone

    url = os.environ["DATABASE_URL"]
    started = timezone.now()
    folder = None
    alias = "default"
    if url.startswith("sqlite:"):
        url, folder = _sqlite_copy(url)
        alias = "rsvp_surge"
        connections.settings[alias] = {
            **connections.settings["default"],
            "NAME": url.removeprefix("sqlite:///"),
        }
    count = ctx.iterations(6000)
    seconds = 30.0
    server = None
    try:
        warm, popular, many = _make_events(alias, popular_capacity=count // 2, many=200, many_capacity=20)
        _vacuum(alias)
        server = Server(url)
        server.wait_ready()
        _load(server.port, [warm.slug], count=400, first_n=10_000_000, seconds=20, kind="rsvp")
        _load(server.port, [warm.slug], count=400, first_n=0, seconds=20, kind="insert")

        # The baseline runs before and after the RSVPs and counts their mean, so a machine that gets busier
        # or quieter during the run does not favour either side of the ratio.
        before, _statuses, before_errors = _load(
            server.port, [warm.slug], count=count // 2, first_n=0, seconds=seconds / 2, kind="insert"
        )
        pop_rate, pop_statuses, pop_errors = _load(
            server.port, [popular.slug], count=count, first_n=0, seconds=seconds, kind="rsvp"
        )
        many_slugs = [e.slug for e in many]
        many_rate, many_statuses, many_errors = _load(
            server.port, many_slugs, count=count, first_n=20_000_000, seconds=seconds, kind="rsvp"
        )
        after, _statuses, after_errors = _load(
            server.port, [warm.slug], count=count // 2, first_n=0, seconds=seconds / 2, kind="insert"
        )
        base_rate, base_errors = (before + after) / 2, before_errors + after_errors
        server.stop()
        server = None
        pop_lost, pop_dup = _verify(alias, [popular], pop_statuses)
        many_lost, many_dup = _verify(alias, many, many_statuses)
        oversold = max(0, _status_count(alias, [popular], "confirmed") - popular.capacity)
        counters_off = _counters_off(alias, [popular, *many])
    finally:
        if server is not None:
            server.stop()
        if folder is not None:
            connections[alias].close()
            del connections.settings[alias]
            shutil.rmtree(folder, ignore_errors=True)
        else:
            _cleanup(alias, since=started)

    yield ctx.figure(
        "baseline_inserts_per_s", base_rate, unit="req/s", baseline=None, target=0, higher_is_better=True
    )
    for label, rate, errors, lost, dup, n in (
        ("popular", pop_rate, pop_errors, pop_lost, pop_dup, len(pop_statuses)),
        ("many", many_rate, many_errors, many_lost, many_dup, len(many_statuses)),
    ):
        yield ctx.figure(
            f"{label}_rsvps_per_s", rate, unit="req/s", baseline=base_rate, target=1000, higher_is_better=True
        )
        yield ctx.figure(
            f"{label}_ratio_to_baseline",
            rate / base_rate,
            unit="x",
            baseline=1.0,
            target=0.5,
            higher_is_better=True,
        )
        yield ctx.figure(
            f"{label}_requests", n, unit="requests", baseline=None, target=1, higher_is_better=True
        )
        yield ctx.figure(f"{label}_errors", errors, unit="requests", baseline=base_errors, target=0)
        yield ctx.figure(f"{label}_lost_or_duplicated", lost + dup, unit="rsvps", baseline=0, target=0)
    yield ctx.figure("popular_oversold", oversold, unit="seats", baseline=0, target=0)
    yield ctx.figure("seat_counters_off", counters_off, unit="rsvps", baseline=0, target=0)
