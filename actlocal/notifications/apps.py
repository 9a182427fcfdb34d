from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "actlocal.notifications"
    label = "notifications"
    verbose_name = "Notifications"
