"""``manage.py send_reminders``: queue the reminder e-mails that are due now and send any RSVP e-mail still
owed (safe to run every few minutes from cron). ``--keep-going`` instead starts the self-rescheduling task for a running ``db_worker``."""

from django.core.management.base import BaseCommand

from actlocal.events.outbox import rsvp_emails_send
from actlocal.events.reminders import reminders_ensure_scheduled, reminders_send


class Command(BaseCommand):
    help = "Queue reminder e-mails a day and two hours before events."

    def add_arguments(self, parser):
        parser.add_argument(
            "--keep-going",
            action="store_true",
            help="enqueue the task that repeats every few minutes in the background worker",
        )

    def handle(self, *args, keep_going=False, **options):
        if keep_going:
            started = reminders_ensure_scheduled(force=True)
            self.stdout.write("Scheduled reminders in the task queue." if started else "Already scheduled.")
            return
        for outcome, count in rsvp_emails_send().items():
            self.stdout.write(f"rsvp e-mails {outcome}: {count}")
        counts = reminders_send()
        for kind, count in counts.items():
            self.stdout.write(f"{kind}: {count}")
