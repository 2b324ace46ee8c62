from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "helisa.api"
    label = "api"
    verbose_name = "API"
