from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllianceConfig(AppConfig):
    name = "helisa.alliance"
    label = "alliance"
    verbose_name = _("Alliance")

    def ready(self):
        from . import checks  # noqa: F401  (registers the signing key check)
