from actlocal.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    kind = "people"
    help = "Import people from a CSV or XLSX file, merging duplicates with everyone already known."
