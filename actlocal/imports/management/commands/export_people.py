from pathlib import Path

from django.core.management.base import BaseCommand

from actlocal.imports.services.export import people_export


class Command(BaseCommand):
    help = "Write every person to a CSV file, one row each, with the source records merged into them."

    def add_arguments(self, parser):
        parser.add_argument("file", help="where to write the CSV ('-' for standard output)")
        parser.add_argument(
            "--with-sources", action="store_true", help="add the sources and their record IDs"
        )

    def handle(self, *args, file, with_sources, **options):
        if file == "-":
            count = people_export(stream=self.stdout, with_sources=with_sources)
        else:
            with Path(file).open("w", encoding="utf-8", newline="") as stream:
                count = people_export(stream=stream, with_sources=with_sources)
            self.stderr.write(f"{count:,} people written to {file}")
