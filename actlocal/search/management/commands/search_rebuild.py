from django.core.management.base import BaseCommand

from actlocal.search.rebuild import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index of leaders, groups and resources from the database."

    def handle(self, *args, **options):
        timings = rebuild_index(log=self.stdout.write)
        self.stdout.write(f"search index rebuilt in {sum(timings.values()):.1f}s")
