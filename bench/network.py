"""Leaders Network benchmarks: a space's thread list, and a thread page showing 200 replies.

Both measure the real page (URL -> view -> selectors -> template -> response) as a signed-in member,
beside a baseline measured in the same run: the raw SQL that fetches the same rows.

The large dataset has no forum in it, so ``_forum_ensure`` adds one when missing, with the seeder's bulk
loader: 100,000 threads and 2,000,000 replies (demo scale: 2,000 and 40,000), one thread with exactly 200
replies. It is idempotent: a second run finds the rows and writes nothing.
"""

# ruff: noqa: S608 -- the SQL below is fixed text; values are parameters.

from __future__ import annotations

import datetime as dt
import random
import time

from bench.registry import BenchContext, benchmark, percentile, time_calls

SIZES = {"demo": (2_000, 40_000), "large": (100_000, 2_000_000)}
BIG_THREAD_REPLIES = 200
AUTHORS = 2_000
BENCH_EMAIL = "bench-forum-{}@example.org"  # example.org marks seeded rows (see core/seeding/dataset.py)
BIG_TITLE = "Bench: the thread with 200 replies"
SEED = 2019


def _log(line: str) -> None:
    import sys

    print(line, file=sys.stderr)


def _authors() -> list[int]:
    from django.contrib.auth.hashers import make_password

    from actlocal.accounts.models import User
    from actlocal.core.seeding.bulk import TableLoader

    existing = list(User.objects.filter(email__startswith="bench-forum-").values_list("pk", flat=True))
    if len(existing) >= AUTHORS:
        return existing
    unusable = make_password(None)
    taken = set(User.objects.filter(email__startswith="bench-forum-").values_list("email", flat=True))
    rows = [
        (BENCH_EMAIL.format(i), f"Bench Leader{i}", True, unusable, True)
        for i in range(AUTHORS)
        if BENCH_EMAIL.format(i) not in taken
    ]
    TableLoader(User, ["email", "name", "is_member", "password", "is_active"], log=_log).load(rows)
    return list(User.objects.filter(email__startswith="bench-forum-").values_list("pk", flat=True))


def _forum_ensure(scale: str) -> dict:
    """Spaces for the network, then threads and replies up to the scale's size, when missing."""
    from django.db import connection, transaction

    from actlocal.core.seeding.bulk import TableLoader, fast_load
    from actlocal.network.models import Reply, Space, Thread
    from actlocal.network.services import spaces_ensure

    threads_wanted, replies_wanted = SIZES.get(scale, SIZES["demo"])
    started = time.perf_counter()
    created_spaces = spaces_ensure()
    have_threads, have_replies = Thread.objects.count(), Reply.objects.count()
    info = {"spaces_created": created_spaces, "loaded": False}
    if have_threads >= threads_wanted and have_replies >= replies_wanted:
        return info
    if have_threads or have_replies:
        # A load interrupted half-way: the forum tables hold nothing but bench rows, start them over.
        _log("  network: a partial forum found; reloading it")
        with transaction.atomic():
            Reply.objects.all().delete()
            Thread.objects.update(accepted_reply=None)
            Thread.objects.all().delete()
    authors = _authors()
    spaces = list(
        Space.objects.filter(kind__in=[Space.Kind.TOPIC, Space.Kind.STATE])
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    rng = random.Random(SEED)
    base = dt.datetime(2018, 1, 1, tzinfo=dt.UTC)
    minute = dt.timedelta(minutes=1)
    words = [
        "turnout", "canvass", "venue", "volunteers", "phonebank", "training", "flyers", "budget", "coalition",
        "petition", "registration", "rideshare", "childcare", "translation", "permits", "rally", "townhall",
    ]  # fmt: skip

    # Reply counts per thread: thread 0 has exactly 200, the rest share the remainder (about 20 each).
    counts = [BIG_THREAD_REPLIES] + [0] * (threads_wanted - 1)
    for _ in range(replies_wanted - BIG_THREAD_REPLIES):
        counts[rng.randrange(1, threads_wanted)] += 1
    first_id = (Thread.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1

    thread_rows = []
    for i in range(threads_wanted):
        w = rng.sample(words, 3)
        created = base + minute * (i * 5)
        n = counts[i]
        last = created + minute * n
        title = BIG_TITLE if i == 0 else f"How do you handle {w[0]} and {w[1]}? ({i})"
        body = f"Our group keeps struggling with {w[0]}, {w[1]} and {w[2]}. What worked for you?"
        thread_rows.append((
            first_id + i, spaces[i % len(spaces)], authors[i % len(authors)], "question" if i % 3 else "discussion",
            title, body, f"<p>{body}</p>", n, last, authors[(i + n) % len(authors)] if n else None, created,
            False, False, False,
        ))  # fmt: skip

    def reply_rows():
        # A generator: two million tuples at once would hold a gigabyte of memory.
        reply_rng = random.Random(SEED + 1)
        for i, n in enumerate(counts):
            created = base + minute * (i * 5)
            for j in range(n):
                text = f"Try {reply_rng.choice(words)} with {reply_rng.choice(words)}: it worked for us (reply {j})."
                yield (
                    first_id + i,
                    authors[(i + j + 1) % len(authors)],
                    text,
                    f"<p>{text}</p>",
                    created + minute * (j + 1),
                    False,
                )

    with fast_load():
        TableLoader(
            Thread,
            [
                "id",
                "space_id",
                "author_id",
                "kind",
                "title",
                "body",
                "body_html",
                "reply_count",
                "last_activity_at",
                "last_reply_by_id",
                "created_at",
                "is_pinned",
                "is_locked",
                "is_hidden",
            ],  # fmt: skip
            log=_log,
        ).load(thread_rows)
        del thread_rows
        TableLoader(
            Reply, ["thread_id", "author_id", "body", "body_html", "created_at", "is_hidden"], log=_log
        ).load(reply_rows(), batch_size=100_000)
    if connection.vendor == "postgresql":
        from actlocal.core.seeding.bulk import sequences_reset

        sequences_reset([Thread, Reply])
    with connection.cursor() as cursor:
        for table in ("network_thread", "network_reply", "network_space"):  # only ours: the rest is large
            cursor.execute(f"ANALYZE {table}")
    info.update(loaded=True, seconds=round(time.perf_counter() - started, 1))
    _log(f"  network: forum loaded in {info['seconds']}s")
    return info


def _cpu_and_wall(fn, *, n: int, warmup: int, max_seconds: float) -> tuple[list[float], list[float]]:
    """Milliseconds per call, as wall-clock and as this process's CPU time. On a shared machine (five
    helpers on two cores) the wall-clock waits for a core; the CPU time is what one request costs."""
    for _ in range(warmup):
        fn()
    wall, cpu = [], []
    deadline = time.perf_counter() + max_seconds
    for _ in range(n):
        c0, w0 = time.process_time(), time.perf_counter()
        fn()
        cpu.append((time.process_time() - c0) * 1000)
        wall.append((time.perf_counter() - w0) * 1000)
        if time.perf_counter() > deadline and len(wall) >= 5:
            break
    return wall, cpu


def _load_average() -> float:
    import os

    return os.getloadavg()[0]


def _member_client():
    from django.test import Client

    from actlocal.accounts.models import User

    user = User.objects.filter(email=BENCH_EMAIL.format(0)).first()
    client = Client()
    client.force_login(user)
    return client


def _get(client, url: str) -> None:
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise RuntimeError(f"GET {url} returned {response.status_code}")


@benchmark("network.thread_list")
def thread_list(ctx: BenchContext):
    """A space's thread list page (30 threads, pinned first, latest activity), as a member, on pages
    1 to 5 of the ten busiest spaces, against the raw SQL for the same rows."""
    from django.db import connection
    from django.db.models import Count

    from actlocal.network.models import Space, Thread

    info = _forum_ensure(ctx.scale)
    client = _member_client()
    busiest = list(
        Thread.objects.values("space_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("space_id", flat=True)[:10]
    )
    slugs = dict(Space.objects.filter(pk__in=busiest).values_list("pk", "slug"))
    rng = random.Random(SEED)
    picks = [(sid, rng.randint(1, 5)) for sid in busiest for _ in range(50)]
    rng.shuffle(picks)
    urls = iter([f"/network/{slugs[sid]}/?page={page}" for sid, page in picks] * 100)
    sql = (
        "SELECT t.id, t.kind, t.title, t.is_pinned, t.is_locked, t.solved_at, t.reply_count, t.last_activity_at,"
        " a.name, l.name FROM network_thread t LEFT JOIN accounts_user a ON a.id = t.author_id"
        " LEFT JOIN accounts_user l ON l.id = t.last_reply_by_id WHERE t.space_id = %s AND t.is_hidden = %s"
        " ORDER BY t.is_pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT 30 OFFSET %s"
    )
    raw_picks = iter(picks * 100)

    def raw():
        sid, page = next(raw_picks)
        with connection.cursor() as cursor:
            cursor.execute(sql, [sid, False, (page - 1) * 30])
            cursor.fetchall()

    n = ctx.iterations(300)
    timed, cpu = _cpu_and_wall(lambda: _get(client, next(urls)), n=n, warmup=10, max_seconds=90)
    baseline = time_calls(raw, n=n, warmup=5, max_seconds=30)
    yield ctx.figure("p50_ms", percentile(timed, 50), unit="ms", baseline=percentile(baseline, 50), target=20)
    yield ctx.figure("p95_ms", percentile(timed, 95), unit="ms", baseline=percentile(baseline, 95), target=40)
    yield ctx.figure(
        "p95_cpu_ms", percentile(cpu, 95), unit="ms", baseline=percentile(baseline, 95), target=40
    )
    yield ctx.figure(
        "load_average", _load_average(), unit="", baseline=None, target=100
    )  # context, not a goal
    yield ctx.figure(
        "threads_total",
        Thread.objects.count(),
        unit="threads",
        baseline=None,
        target=0,
        higher_is_better=True,
    )
    if info.get("loaded"):
        yield ctx.figure("forum_load_s", info["seconds"], unit="s", baseline=None, target=3600)


@benchmark("network.thread_page")
def thread_page(ctx: BenchContext):
    """The page of a thread showing all of its 200 replies at once (the page size raised from 50 to 200
    for this measurement), as a member, against the raw SQL for the same rows; the SQL query count is
    asserted equal to that of a thread page with a handful of replies."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from actlocal.network import selectors
    from actlocal.network.models import Reply, Thread

    _forum_ensure(ctx.scale)
    client = _member_client()
    big = Thread.objects.select_related("space").get(title=BIG_TITLE)
    small = (
        Thread.objects.select_related("space")
        .filter(reply_count__gt=0)
        .exclude(pk=big.pk)
        .order_by("reply_count")
        .first()
    )
    if Reply.objects.filter(thread=big).count() != BIG_THREAD_REPLIES:
        raise RuntimeError("the bench thread does not have 200 replies")
    big_url, small_url = (f"/network/{t.space.slug}/{t.pk}/" for t in (big, small))

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            _get(client, url)
        return len(captured)

    sql = (
        "SELECT r.id, r.body_html, r.is_hidden, r.created_at, r.edited_at, a.id, a.name FROM network_reply r"
        " LEFT JOIN accounts_user a ON a.id = r.author_id WHERE r.thread_id = %s ORDER BY r.created_at, r.id LIMIT 200"
    )

    def raw():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.*, a.name FROM network_thread t LEFT JOIN accounts_user a ON a.id = t.author_id WHERE t.id = %s",
                [big.pk],
            )
            cursor.fetchall()
            cursor.execute(sql, [big.pk])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT * FROM network_attachment WHERE reply_id IN ({','.join(['%s'] * len(ids))})", ids
            )
            cursor.fetchall()

    original = selectors.REPLIES_PER_PAGE
    selectors.REPLIES_PER_PAGE = BIG_THREAD_REPLIES
    try:
        page = client.get(big_url, secure=True).content.decode()
        shown = page.count('class="post"') + page.count('class="post ')
        big_queries, small_queries = queries(big_url), queries(small_url)
        if big_queries != small_queries:
            raise RuntimeError(
                f"query count grows with replies: {small_queries} for a few, {big_queries} for 200"
            )
        n = ctx.iterations(200)
        timed, cpu = _cpu_and_wall(lambda: _get(client, big_url), n=n, warmup=5, max_seconds=90)
    finally:
        selectors.REPLIES_PER_PAGE = original
    baseline = time_calls(raw, n=n, warmup=5, max_seconds=30)
    yield ctx.figure("p50_ms", percentile(timed, 50), unit="ms", baseline=percentile(baseline, 50), target=30)
    yield ctx.figure("p95_ms", percentile(timed, 95), unit="ms", baseline=percentile(baseline, 95), target=60)
    yield ctx.figure(
        "p95_cpu_ms", percentile(cpu, 95), unit="ms", baseline=percentile(baseline, 95), target=60
    )
    yield ctx.figure(
        "load_average", _load_average(), unit="", baseline=None, target=100
    )  # context, not a goal
    # The baseline here is the query count of a thread page with the fewest replies: they must be equal.
    yield ctx.figure("queries", big_queries, unit="queries", baseline=small_queries, target=small_queries)
    yield ctx.figure(
        "replies_in_small_thread",
        small.reply_count,
        unit="replies",
        baseline=None,
        target=0,
        higher_is_better=True,
    )
    yield ctx.figure(
        "posts_on_page",
        shown,
        unit="posts",
        baseline=None,
        target=BIG_THREAD_REPLIES + 1,
        higher_is_better=True,
    )
