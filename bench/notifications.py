"""The daily digest for 100,000 members, each with several notifications waiting.

It runs in a child process on its own temporary SQLite database (migrated, then filled with bulk inserts),
so it never touches the shared datasets: ``python -m bench.notifications --child N`` prints one JSON line
of timings, which the registered benchmark turns into figures.

Building means what production does: each member's owed notifications are found with their preferences,
the e-mail is rendered and serialised to bytes (a mail backend that counts and drops them, so memory
stays flat), and the notifications are marked e-mailed. Two baselines from the same run: the time just to
read every pending notification row with one query, and a naive per-member loop (a query for the
preferences, one for the notifications, render, send, one UPDATE) on a sample, extrapolated.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend

from bench.registry import BenchContext, benchmark

MEMBERS_ENV = "BENCH_DIGEST_MEMBERS"
MEMBERS = 100_000
NAIVE_SAMPLE = 1_000
TARGET_SECONDS = 120


class CountingBackend(BaseEmailBackend):
    """Serialises each message as an SMTP backend would, then drops it: the cost without the memory."""

    messages = 0
    bytes = 0

    def send_messages(self, email_messages):
        for message in email_messages:
            CountingBackend.bytes += len(message.message().as_bytes())
        CountingBackend.messages += len(email_messages)
        return len(email_messages)


@benchmark("notifications.daily_digest", uses_db=False)
def daily_digest(ctx: BenchContext):
    """Build the daily digest for 100,000 members (several pending notifications each), against reading
    every pending row once and against a naive per-member loop on a sample, extrapolated."""
    members = int(os.environ.get(MEMBERS_ENV, MEMBERS))
    result = run_child(members)
    yield ctx.figure(
        "build_s", result["build_s"], unit="s", baseline=result["naive_extrapolated_s"], target=TARGET_SECONDS
    )
    yield ctx.figure(
        "read_pending_rows_s", result["read_pending_s"], unit="s", baseline=None, target=TARGET_SECONDS
    )
    yield ctx.figure(
        "emails", result["emails"], unit="e-mails", baseline=None, target=members, higher_is_better=True
    )
    yield ctx.figure(
        "notifications_marked",
        result["marked"],
        unit="notifications",
        baseline=result["pending_daily"],
        target=result["pending_daily"],
        higher_is_better=True,
    )
    yield ctx.figure("load_average_1m", os.getloadavg()[0], unit="", baseline=None, target=1000)


def run_child(members: int) -> dict:
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{Path(tmp) / 'digest.sqlite3'}",
            "DJANGO_SETTINGS_MODULE": "actlocal.settings",
            "TASK_BACKEND": "immediate",
        }
        out = subprocess.run(
            [sys.executable, "-m", "bench.notifications", "--child", str(members)],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
        )
        print(out.stderr, file=sys.stderr, end="")
        out.check_returncode()
        return json.loads(out.stdout.strip().splitlines()[-1])


# --- The child: a fresh Django process on a temporary database --------------------------------------------


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _populate(members: int) -> int:
    """Members, a few preference rows, and four notifications each: three owed to the daily digest
    (two "thread.solved", daily by default; one "thread.reply" for the fifth who chose daily, else an
    instant one already e-mailed) and one unread "follow.new" (weekly). Returns how many the daily
    digest owes."""
    from datetime import timedelta

    from django.utils import timezone

    from actlocal.accounts.models import User
    from actlocal.core.seeding.bulk import TableLoader, fast_load
    from actlocal.notifications.models import Notification, NotificationPreference

    now = timezone.now()
    with fast_load():
        TableLoader(User, ["id", "email", "password", "name", "is_member", "language"], log=_log).load(
            (i, f"member{i}@bench.example", "!", f"Member {i}", True, "es" if i % 10 == 0 else "en")
            for i in range(1, members + 1)
        )
        TableLoader(NotificationPreference, ["user", "kind", "delivery"], log=_log).load(
            (i, "thread.reply", "daily") for i in range(1, members + 1) if i % 5 == 0
        )
        owed = 0

        def rows():
            nonlocal owed
            for i in range(1, members + 1):
                for n in range(2):
                    owed += 1
                    yield (i, "thread.solved", f"“Turf cutting {i}-{n}” was marked solved", "", f"/network/t/{i}{n}/",
                           now - timedelta(hours=n + 1), None)  # fmt: skip
                replied = i % 5 == 0
                owed += replied
                yield (i, "thread.reply", f"Gabe replied to “Canvass tips {i}”", "Here is what worked for us…",
                       f"/network/t/{i}/", now - timedelta(hours=3), None if replied else now)  # fmt: skip
                yield (i, "follow.new", "Mara started following you", "", "/leaders/1/", now, None)

        TableLoader(
            Notification,
            ["recipient", "kind", "title", "excerpt", "url", "created_at", "emailed_at"],
            log=_log,
        ).load(rows())
    return owed


def _naive_sample(sample: list[int]) -> float:
    """Seconds for the obvious loop over ``sample`` members, one member at a time."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection
    from django.template import Context, Template

    NAIVE_TEMPLATE = Template(  # noqa: N806 - the obvious per-member template a first version would use
        "{% for n in rows %}* {{ n.title }}\n  {{ n.excerpt }}\n  {{ site }}{{ n.url }}\n{% endfor %}"
    )
    from django.utils import timezone

    from actlocal.accounts.models import User
    from actlocal.notifications.kinds import kind_default
    from actlocal.notifications.models import Notification, NotificationPreference

    connection = get_connection()
    start = time.perf_counter()
    for uid in sample:
        user = User.objects.get(pk=uid)
        prefs = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
        rows = [
            n
            for n in Notification.objects.filter(
                recipient=user, emailed_at__isnull=True, read_at__isnull=True
            )
            if prefs.get(n.kind, kind_default(n.kind)) == "daily"
        ]
        if not rows:
            continue
        body = NAIVE_TEMPLATE.render(Context({"rows": rows, "site": settings.SITE_URL}))
        connection.send_messages([EmailMessage("Digest", body, settings.DEFAULT_FROM_EMAIL, [user.email])])
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_at=timezone.now())
    return time.perf_counter() - start


def child(members: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection, transaction

    settings.EMAIL_BACKEND = f"{__name__}.CountingBackend"  # this very module, also when run as __main__
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    _log(f"migrated in {time.perf_counter() - t0:.1f}s")
    t0 = time.perf_counter()
    owed = _populate(members)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    _log(f"populated {members:,} members and their notifications in {time.perf_counter() - t0:.1f}s")

    from actlocal.notifications.digests import digests_send
    from actlocal.notifications.models import Notification

    already_emailed = Notification.objects.filter(emailed_at__isnull=False).count()
    t0 = time.perf_counter()
    pending = list(
        Notification.objects.filter(emailed_at__isnull=True, read_at__isnull=True).values_list(
            "id", "recipient_id", "kind", "title", "excerpt", "url", "created_at"
        )
    )
    read_pending = time.perf_counter() - t0
    del pending

    # The naive loop runs inside a transaction that is rolled back, so the timed run serves everyone.
    sample = list(range(1, min(NAIVE_SAMPLE, members) + 1))
    with transaction.atomic():
        naive = _naive_sample(sample) * (members / len(sample))
        transaction.set_rollback(True)
    CountingBackend.messages = CountingBackend.bytes = 0

    t0 = time.perf_counter()
    run = digests_send(period="daily")
    build = time.perf_counter() - t0
    marked = Notification.objects.filter(emailed_at__isnull=False).count() - already_emailed
    print(
        json.dumps(
            {
                "members": members,
                "build_s": build,
                "read_pending_s": read_pending,
                "naive_extrapolated_s": naive,
                "emails": run.emails,
                "marked": marked,
                "pending_daily": owed,
                "bytes": CountingBackend.bytes,
            }
        )
    )


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(int(sys.argv[2]))
    else:
        print("usage: python -m bench.notifications --child MEMBERS", file=sys.stderr)
        sys.exit(2)
