from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "actlocal.api"
    label = "api"
    verbose_name = "API"
