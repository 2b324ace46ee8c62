"""Emails about a registration, in the language the participant registered in."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from helisa.core.translated import in_language

TEMPLATES = {
    "confirmed": "registration_confirmed",
    "waiting": "registration_waiting",
    "promoted": "registration_promoted",
    "cancelled": "registration_cancelled",
}


def send_registration_mail(*, registration, event):
    congress = registration.congress
    name = TEMPLATES[event]
    with translation.override(registration.language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "congress_name": in_language(congress.name).text,
            "category_name": str(registration.category),
            "congress_url": settings.SITE_URL + congress.get_absolute_url(),
            "registration_url": settings.SITE_URL
            + reverse("congress:my_registration", args=[congress.slug]),
        }
        subject = render_to_string(f"congress/email/{name}_subject.txt", context)
        body = render_to_string(f"congress/email/{name}_message.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    send_mail(subject, body, None, [registration.user.email])
