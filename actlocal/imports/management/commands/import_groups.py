from actlocal.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    kind = "groups"
    help = "Import partner groups from a CSV or XLSX file; the same group entered twice becomes one."
