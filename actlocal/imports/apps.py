from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "actlocal.imports"
    label = "imports"
    verbose_name = "Imports and de-duplication"
