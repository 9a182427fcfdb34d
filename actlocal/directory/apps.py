from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "actlocal.directory"
    label = "directory"
    verbose_name = "Directory"
