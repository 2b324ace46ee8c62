"""Expressions of interest: the brokered first contact between two organisations."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.models import (
    ExpressionOfInterest,
    Follow,
    InterestStatus,
    ProfileStatus,
)
from helisa.cooperation.queries import (
    listed_profiles,
    organisations_represented_by,
    representatives_of,
)

from .notifications import absolute_url, notify_all


def follow_profile(*, profile, user):
    Follow.objects.get_or_create(profile=profile, user=user)


def unfollow_profile(*, profile, user):
    Follow.objects.filter(profile=profile, user=user).delete()


def deadline_passed(profile, *, today=None):
    return profile.deadline is not None and profile.deadline < (today or timezone.localdate())


def express_interest(*, profile, organisation, by, message, today=None):
    if not organisations_represented_by(by).filter(pk=organisation.pk).exists():
        raise PermissionDenied(_("You may not speak for this organisation."))
    if organisation.pk == profile.organisation_id:
        raise ValidationError(_("An organisation cannot express interest in its own profile."))
    if not listed_profiles().filter(pk=profile.pk).exists():
        raise ValidationError(_("This profile is not open for expressions of interest."))
    if deadline_passed(profile, today=today):
        raise ValidationError(
            _(
                "The deadline for answers to this profile was %(date)s: it no longer takes "
                "expressions of interest."
            )
            % {"date": date_format(profile.deadline, "DATE_FORMAT")},
            code="deadline",
        )
    if not (message or "").strip():
        raise ValidationError({"message": _("Write a few words to the profile's owner.")})
    if ExpressionOfInterest.objects.filter(profile=profile, organisation=organisation).exists():
        raise ValidationError(_("This organisation has already expressed interest."))
    try:
        with transaction.atomic():
            interest = ExpressionOfInterest.objects.create(
                profile=profile, organisation=organisation, created_by=by, message=message.strip()
            )
    except IntegrityError:
        raise ValidationError(_("This organisation has already expressed interest.")) from None
    notify_all(
        users=[profile.created_by, *representatives_of(profile.organisation)],
        kind=kinds.INTEREST_RECEIVED,
        template="interest_received",
        context={
            "profile": profile,
            "interest": interest,
            "url": absolute_url("cooperation:my_profiles"),
        },
        exclude=by,
    )
    return interest


def _answer(interest, *, by, status, now):
    if not by.has_perm("cooperation.answer_interest", interest):
        raise PermissionDenied(_("Only the profile's organisation may answer."))
    if interest.status != InterestStatus.PENDING:
        raise ValidationError(_("This expression of interest has already been answered."))
    if interest.profile.status == ProfileStatus.WITHDRAWN:
        raise ValidationError(_("The profile has been withdrawn."))
    interest.status = status
    interest.answered_at = now or timezone.now()
    interest.answered_by = by
    interest.save(update_fields=["status", "answered_at", "answered_by"])
    notify_all(
        users=[interest.created_by],
        kind=kinds.INTEREST_ANSWERED,
        template=f"interest_{status}",
        context={
            "profile": interest.profile,
            "interest": interest,
            "url": absolute_url("cooperation:profile", interest.profile_id),
        },
    )
    return interest


def accept_interest(*, interest, by, now=None):
    """The owner agrees to the contact: from now on each side sees the other's details."""
    return _answer(interest, by=by, status=InterestStatus.ACCEPTED, now=now)


def decline_interest(*, interest, by, now=None):
    return _answer(interest, by=by, status=InterestStatus.DECLINED, now=now)
