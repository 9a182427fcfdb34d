"""``manage.py spaces_ensure``: create the network's missing spaces (topics, states, groups, cohorts).

Run it after importing partner groups or after a convening: it is idempotent and set-based."""

from django.core.management.base import BaseCommand

from actlocal.network.services import spaces_ensure


class Command(BaseCommand):
    help = "Create the Leaders Network spaces that are missing (national topics, issue areas, states, groups, cohorts)."

    def handle(self, *args, **options) -> None:
        created = spaces_ensure()
        self.stdout.write(f"{created} space(s) created.")
