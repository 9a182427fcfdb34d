from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "actlocal.directory"
    label = "directory"
    verbose_name = "Directory"

    def ready(self):
        # The db_worker loads no views: import the e-mail builders so it knows every kind queued here.
        from actlocal.directory import emails  # noqa: F401
