"""Emails about an alliance's memberships, each rendered in its recipient's language."""

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from helisa.core.models import User
from helisa.registry.models import RoleKind


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def cluster_managers(cluster):
    return (
        User.objects.filter(is_active=True)
        .filter(
            Q(roles__organisation_id=cluster.pk, roles__kind=RoleKind.CLUSTER_MANAGER)
            | Q(owned_organisations=cluster.pk)
        )
        .distinct()
    )


def alliance_secretariat(alliance):
    return alliance.secretariat.filter(is_active=True)


def send_to_users(*, users, template, context):
    """Send alliance/email/<template>_subject.txt and _message.txt to each user, in their language."""
    for user in users:
        with translation.override(user.language or settings.LANGUAGE_CODE):
            full = {"site_url": settings.SITE_URL, "recipient": user, **context}
            subject = render_to_string(f"alliance/email/{template}_subject.txt", full)
            body = render_to_string(f"alliance/email/{template}_message.txt", full)
        subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
        send_mail(subject, body, None, [user.email])
