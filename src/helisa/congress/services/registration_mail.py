"""Emails about a registration, in the language the participant registered in, through their
notification preferences."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.services.notifications import notify
from helisa.core.translated import in_language

TEMPLATES = {
    "confirmed": "registration_confirmed",
    "waiting": "registration_waiting",
    "promoted": "registration_promoted",
    "cancelled": "registration_cancelled",
}


def send_registration_mail(*, registration, event):
    congress = registration.congress
    language = registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        congress_name = in_language(congress.name).text
        category_name = str(registration.category)
    notify(
        user=registration.user,
        kind=kinds.CONGRESS_REGISTRATION,
        template=f"congress/email/{TEMPLATES[event]}",
        context={
            "registration": registration,
            "congress_name": congress_name,
            "category_name": category_name,
            "congress_url": settings.SITE_URL + congress.get_absolute_url(),
            "registration_url": settings.SITE_URL
            + reverse("congress:my_registration", args=[congress.slug]),
        },
        language=language,
    )
