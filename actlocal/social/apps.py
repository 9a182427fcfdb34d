from django.apps import AppConfig


class SocialConfig(AppConfig):
    name = "actlocal.social"
    label = "social"
    verbose_name = "Connections and private messages"
