from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "actlocal.surveys"
    label = "surveys"
    verbose_name = "Surveys"
