"""Emails about registry decisions, rendered in the recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def send_in_language(*, to, language, template, context):
    """Send registry/email/<template>_subject.txt and _message.txt to one address."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": settings.SITE_URL, **context}
        subject = render_to_string(f"registry/email/{template}_subject.txt", context)
        body = render_to_string(f"registry/email/{template}_message.txt", context)
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    send_mail(subject, body, None, [to])


def language_for_email(email, default=None):
    from helisa.core.models import User

    user = User.objects.filter(email__iexact=email).only("language").first()
    if user is not None:
        return user.language
    return default or translation.get_language()
