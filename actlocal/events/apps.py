from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "actlocal.events"
    label = "events"
    verbose_name = "Events"
