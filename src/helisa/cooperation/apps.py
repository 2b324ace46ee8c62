from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "helisa.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        # Projects become a source of earlier cooperation for the recommender (candidates.py).
        from .services import projects  # noqa: F401
