from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "actlocal.network"
    label = "network"
    verbose_name = "Leaders Network"
