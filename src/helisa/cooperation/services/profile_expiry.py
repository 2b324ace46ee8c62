"""How long a cooperation profile stays listed: the date its owner picks, or the default period."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from helisa.cooperation.models import ProfileStatus

VALIDITY = timedelta(days=183)  # six months: a profile says what is sought now
REMINDER_BEFORE = timedelta(days=14)
# A year at most: long enough for a funding call's cycle from announcement to deadline or for a
# season of trade fairs, short enough that what the listings show is still sought; an owner who
# still needs the profile after that renews it when reminded, which confirms it is meant.
MAX_MONTHS_AHEAD = 12


def default_expiry(today):
    return today + VALIDITY


def latest_expiry(today):
    """Twelve calendar months from today (29 February counts as the 28th a year on)."""
    year = today.year + MAX_MONTHS_AHEAD // 12
    try:
        return today.replace(year=year)
    except ValueError:
        return today.replace(year=year, day=28)


def _day(value):
    return date_format(value, "DATE_FORMAT")


def expiry_error(expires_on, *, today):
    """Why the owner may not choose this expiry date today, or None."""
    if expires_on <= today:
        return _("The expiry date must be in the future.")
    if expires_on > latest_expiry(today):
        return _("The expiry date may be at most 12 months ahead, until %(date)s.") % {
            "date": _day(latest_expiry(today))
        }
    return None


def deadline_error(deadline, expires_on):
    if deadline and expires_on and deadline > expires_on:
        return _("The deadline for answers must not be after the expiry date (%(date)s).") % {
            "date": _day(expires_on)
        }
    return None


def chosen_expiry(profile, chosen, *, today):
    """The expiry date a profile gets when its owner writes `chosen` (None: the default).
    Returns (date, error). Unchanged dates are not checked again, so that an expired profile's
    text can still be corrected."""
    if chosen is None:
        # Empty means the default period: from today for a listed or expired profile (which
        # lists an expired one again, see revived_by_edit), from publication for a draft.
        listed = profile.status in (ProfileStatus.PUBLISHED, ProfileStatus.EXPIRED)
        return (default_expiry(today) if listed else None), None
    if chosen == profile.expires_on:
        return chosen, None
    return chosen, expiry_error(chosen, today=today)


def revived_by_edit(profile, previous, *, today):
    """An expired profile whose owner moves its date ahead (or empties it: six months from today)
    is listed again until then, as a renewal to that date would list it: choosing a later date
    says the profile is still meant."""
    chosen = profile.expires_on
    return (
        profile.status == ProfileStatus.EXPIRED
        and chosen != previous
        and chosen is not None
        and chosen > today
    )


def listed_until(profile, *, today):
    """The date a profile is (or, once published, will be) listed until: a published or
    expired profile's own; else the one its owner chose while that has not passed, or the
    default period from today."""
    if profile.status in (ProfileStatus.PUBLISHED, ProfileStatus.EXPIRED) and profile.expires_on:
        return profile.expires_on
    chosen = profile.expires_on
    return chosen if chosen and chosen > today else default_expiry(today)


def expiry_on_publishing(profile, *, today):
    """A draft's chosen date must still lie ahead; a withdrawn profile keeps its former date
    while that has not passed (see listed_until)."""
    chosen = profile.expires_on
    if chosen and chosen <= today and profile.status == ProfileStatus.DRAFT:
        raise ValidationError(
            {
                "expires_on": _(
                    "The expiry date you chose has passed: choose a later one, or leave it "
                    "empty for six months."
                )
            }
        )
    return listed_until(profile, today=today)


def expiry_on_renewal(profile, chosen, *, today):
    """The date a renewal gives: `chosen`, or the default period from today, never shortening
    the profile's life without the owner saying so."""
    if chosen is not None:
        error = expiry_error(chosen, today=today) or deadline_error(profile.deadline, chosen)
        if error:
            raise ValidationError({"expires_on": error})
        return chosen
    renewed = default_expiry(today)
    if (
        profile.status == ProfileStatus.PUBLISHED
        and profile.expires_on
        and (profile.expires_on > renewed)
    ):
        raise ValidationError(
            {
                "expires_on": _(
                    "The profile is already listed until %(date)s; renewing it for six months "
                    "from today would shorten that. Choose a later date instead."
                )
                % {"date": _day(profile.expires_on)}
            }
        )
    return renewed
