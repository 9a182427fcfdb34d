from actlocal.imports.management.commands._import_command import ImportCommand


class Command(ImportCommand):
    kind = "rsvps"
    help = "Import RSVPs from a CSV or XLSX file; each names its event and its person by e-mail."
