from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "actlocal.core"
    label = "core"
    verbose_name = "Core"
