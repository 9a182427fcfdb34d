from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "actlocal.events"
    label = "events"
    verbose_name = "Events"

    def ready(self):
        # Every module that registers e-mail builders, so the db_worker (which loads no URLs and no
        # views) knows every kind a web process may queue.
        from actlocal.events import emails, emails_authoring, emails_hosting  # noqa: F401
