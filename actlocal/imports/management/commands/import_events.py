from actlocal.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    kind = "events"
    help = "Import events (as drafts) from a CSV or XLSX file."
