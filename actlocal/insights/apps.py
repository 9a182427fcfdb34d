from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "actlocal.insights"
    label = "insights"
    verbose_name = "Insights"
