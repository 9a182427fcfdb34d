from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "actlocal.accounts"
    label = "accounts"
    verbose_name = "Accounts"
