from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "actlocal.search"
    label = "search"
    verbose_name = "Search"

    def ready(self):
        from actlocal.search import signals

        signals.connect()
