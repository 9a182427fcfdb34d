from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "actlocal.notifications"
    label = "notifications"
    verbose_name = "Notifications"

    def ready(self):
        # Register the e-mail builders for the db_worker, which loads no URLs and no views.
        from actlocal.notifications import emails  # noqa: F401
