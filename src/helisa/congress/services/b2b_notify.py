"""Emails of B2B matchmaking, each rendered in the participant's language (Registration.language),
through the recipient's notification preferences."""

from django.conf import settings
from django.urls import reverse

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.services.notifications import notify

# congress/b2b/email/<template> -> the kind of email it is
KIND_OF_TEMPLATE = {
    "request_received": kinds.B2B_REQUEST,
    "request_answered": kinds.B2B_REQUEST,
    "schedule_published": kinds.B2B_SCHEDULE,
    "meetings_changed": kinds.B2B_SCHEDULE,
    "follow_up": kinds.B2B_FOLLOW_UP,
}


def absolute_url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def send_to_participants(*, participants, template, context):
    """congress/b2b/email/<template>_subject.txt and _message.txt to each participant who wants
    this kind of email."""
    for participant in participants:
        registration = participant.registration
        notify(
            user=registration.user,
            kind=KIND_OF_TEMPLATE[template],
            template=f"congress/b2b/email/{template}",
            context={"site_url": settings.SITE_URL, "participant": participant, **context},
            language=registration.language or settings.LANGUAGE_CODE,
        )
