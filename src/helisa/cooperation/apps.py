from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "helisa.cooperation"
    label = "cooperation"
    verbose_name = _("Cooperation")

    def ready(self):
        # Projects become a source of earlier cooperation for the recommender (candidates.py).
        # The registry and the alliance, below this app, send their emails through its
        # preferences and unsubscribe links without importing it.
        from helisa.registry.services.notify import install_tunable_sender

        from .services import projects  # noqa: F401
        from .services.notifications import notify

        install_tunable_sender(notify)
