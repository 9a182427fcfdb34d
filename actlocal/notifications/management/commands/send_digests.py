"""``manage.py send_digests --period daily|weekly``: build and send the digests owed now (run it from cron
once a day and once a week); ``--enqueue`` hands the same job to the background worker; ``--keep-going``
instead starts the self-rescheduling daily task for a running ``db_worker`` (no cron needed)."""

from django.core.management.base import BaseCommand, CommandError

from actlocal.notifications.digests import digests_send
from actlocal.notifications.tasks import digests_ensure_scheduled, send_digests


class Command(BaseCommand):
    help = "Send the daily or weekly notification digests."

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=["daily", "weekly"])
        parser.add_argument("--keep-going", action="store_true", help="schedule the daily task in the worker")
        parser.add_argument("--enqueue", action="store_true", help="run it in the background worker instead")

    def handle(self, *args, period: str | None, enqueue: bool = False, keep_going: bool = False, **options):
        if keep_going:
            started = digests_ensure_scheduled()
            self.stdout.write("Scheduled the digests in the task queue." if started else "Already scheduled.")
            return
        if period is None:
            raise CommandError("Say which digests to send: --period daily or --period weekly.")
        if enqueue:
            send_digests.enqueue(period=period)
            self.stdout.write(f"Queued the {period} digests.")
            return
        run = digests_send(period=period)
        self.stdout.write(
            f"{period} digests: {run.emails} e-mails, {run.notifications} notifications, {run.failed} failed"
        )
