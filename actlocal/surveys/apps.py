from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "actlocal.surveys"
    label = "surveys"
    verbose_name = "Surveys"

    def ready(self):
        # Registers the e-mail builder, so the db_worker knows every kind a web process may queue.
        from actlocal.surveys import emails  # noqa: F401
