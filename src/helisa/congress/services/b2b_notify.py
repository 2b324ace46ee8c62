"""Emails of B2B matchmaking, each rendered in the participant's language (Registration.language)."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def send_to_participants(*, participants, template, context):
    """congress/b2b/email/<template>_subject.txt and _message.txt to each participant."""
    for participant in participants:
        registration = participant.registration
        language = registration.language or settings.LANGUAGE_CODE
        with translation.override(language):
            full = {"site_url": settings.SITE_URL, "participant": participant, **context}
            subject = render_to_string(f"congress/b2b/email/{template}_subject.txt", full)
            body = render_to_string(f"congress/b2b/email/{template}_message.txt", full)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        send_mail(subject, body, None, [registration.user.email])
