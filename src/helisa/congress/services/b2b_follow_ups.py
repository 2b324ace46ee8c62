"""Asking, some months after the congress, what came of each meeting that was held."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress.models import FollowUp, Meeting, MeetingOutcome

from .b2b_notify import absolute_url, send_to_participants

FOLLOW_UP_AFTER = timedelta(days=90)


def meetings_due(*, now):
    """Held (or not recorded) meetings of congresses that ended FOLLOW_UP_AFTER ago."""
    ended_before = (now - FOLLOW_UP_AFTER).date()
    return (
        Meeting.objects.filter(
            congress__ends_on__lte=ended_before,
            cancelled_at__isnull=True,
            published=True,
            slot_start__isnull=False,
        )
        .exclude(outcome=MeetingOutcome.NO_SHOW)
        .select_related("congress")
        .prefetch_related("participants__registration__user")
    )


def send_follow_ups(*, now=None):
    """Ask each side of each due meeting once; returns the number of questions sent."""
    now = now or timezone.now()
    asked = set(
        FollowUp.objects.filter(asked_at__isnull=False).values_list("meeting_id", "participant_id")
    )
    sent = 0
    for meeting in meetings_due(now=now):
        for participant in meeting.participants.all():
            if (meeting.pk, participant.pk) in asked or participant.withdrawn_at:
                continue
            with transaction.atomic():
                follow_up, _created = FollowUp.objects.update_or_create(
                    meeting=meeting, participant=participant, defaults={"asked_at": now}
                )
            send_to_participants(
                participants=[participant],
                template="follow_up",
                context={
                    "meeting": meeting,
                    "congress": meeting.congress,
                    "url": absolute_url(
                        "congress:b2b_follow_up", meeting.congress.slug, follow_up.pk
                    ),
                },
            )
            sent += 1
    return sent


def answer_follow_up(*, follow_up, by, negotiation_started, agreement_reached, agreement_type=""):
    if by is None or follow_up.participant.registration.user_id != by.pk:
        raise PermissionDenied(_("Only the participant answers their follow-up."))
    if agreement_reached and not agreement_type:
        raise ValidationError({"agreement_type": _("Say what kind of agreement it is.")})
    follow_up.negotiation_started = negotiation_started or agreement_reached
    follow_up.agreement_reached = agreement_reached
    follow_up.agreement_type = agreement_type if agreement_reached else ""
    follow_up.answered_at = timezone.now()
    follow_up.save()
    return follow_up
