"""Taking part in B2B matchmaking: opting in, the profile, availability, withdrawing."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.congress import b2b_rules  # noqa: F401  (registers the permissions)
from helisa.congress.b2b_queries import congress_slots
from helisa.congress.models import (
    B2BParticipant,
    MatchmakingSettings,
    MeetingRequest,
    RegistrationStatus,
    RequestStatus,
)
from helisa.core.translated import clean_translations


def matchmaking_of(congress):
    settings_row, _created = MatchmakingSettings.objects.get_or_create(congress=congress)
    return settings_row


def opt_in(*, registration, by, is_demo=False):
    """Join the B2B matchmaking from a confirmed registration; joining again undoes a withdrawal."""
    if (
        by is not None
        and by.pk != registration.user_id
        and not by.has_perm("congress.run_b2b", registration.congress)
    ):
        raise PermissionDenied(_("You may not sign someone else up for B2B meetings."))
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(
            _("Only confirmed participants take part in B2B meetings."), code="not_confirmed"
        )
    participant, created = B2BParticipant.objects.get_or_create(
        registration=registration,
        defaults={
            "congress": registration.congress,
            "organisation": registration.organisation,
            "max_meetings": matchmaking_of(registration.congress).default_max_meetings,
            "is_demo": is_demo,
        },
    )
    if not created and participant.withdrawn_at is not None:
        participant.withdrawn_at = None
        participant.save(update_fields=["withdrawn_at"])
    return participant


def update_profile(
    *, participant, by, offer=None, looking_for=None, available_slots=None, max_meetings=None
):
    """Change what the participant offers and looks for, when they are free, how many meetings."""
    if not by.has_perm("congress.edit_b2b_profile", participant):
        raise PermissionDenied(_("You may not change this profile."))
    if available_slots is not None:
        known = {slot.id for slot in congress_slots(participant.congress)}
        unknown = sorted(set(available_slots) - known)
        if unknown:
            raise ValidationError(
                {"available_slots": _("Unknown slots: %(slots)s") % {"slots": ", ".join(unknown)}}
            )
        # Every slot ticked means "always free", which stays true when slots are added.
        participant.available_slots = (
            [] if set(available_slots) == known else sorted(set(available_slots))
        )
    if offer is not None:
        participant.offer = clean_translations(offer)
    if looking_for is not None:
        participant.looking_for = clean_translations(looking_for)
    if max_meetings is not None:
        if max_meetings < 1:
            raise ValidationError({"max_meetings": _("At least one meeting.")})
        participant.max_meetings = max_meetings
    participant.save()
    return participant


def withdraw(*, participant, by):
    """Leave the matchmaking: pending requests lapse; meetings are left out of the next schedule."""
    if not by.has_perm("congress.edit_b2b_profile", participant):
        raise PermissionDenied(_("You may not withdraw this participant."))
    with transaction.atomic():
        participant.withdrawn_at = timezone.now()
        participant.save(update_fields=["withdrawn_at"])
        MeetingRequest.objects.filter(status=RequestStatus.PENDING, invitee=participant).update(
            status=RequestStatus.CANCELLED, answered_at=timezone.now()
        )
        MeetingRequest.objects.filter(status=RequestStatus.PENDING, requester=participant).update(
            status=RequestStatus.CANCELLED, answered_at=timezone.now()
        )
    return participant
