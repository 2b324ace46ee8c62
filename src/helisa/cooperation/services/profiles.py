"""Every change of a cooperation profile: writing, publishing, renewal, withdrawal, expiry."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.cooperation import notification_kinds as kinds
from helisa.cooperation.models import CooperationProfile, ProfileStatus
from helisa.cooperation.models.profiles import FIXED_DIRECTION
from helisa.cooperation.queries import representatives_of
from helisa.core.folding import fold
from helisa.core.translated import clean_translations
from helisa.registry.models import HelixRole

from .notifications import absolute_url, notify_all
from .profile_expiry import (
    REMINDER_BEFORE,
    VALIDITY,  # noqa: F401 -- callers and tests know the default period from here
    chosen_expiry,
    deadline_error,
    expiry_on_publishing,
    expiry_on_renewal,
    listed_until,
    revived_by_edit,
)

_SCALAR = ("kind", "direction", "contact_name", "contact_email", "contact_phone")
_MANY = ("sectors", "topics", "countries_sought")


def _require(by, permission, obj):
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(_("You may not change this cooperation profile."))


def _check(profile, errors, *, today):
    fixed = FIXED_DIRECTION.get(profile.kind)
    if not profile.direction and fixed:
        profile.direction = fixed
    if fixed and profile.direction != fixed:
        errors["direction"] = _("This kind of profile is always an %(direction)s.") % {
            "direction": fixed.label.lower()
        }
    if not profile.direction:
        errors["direction"] = _("Say whether this is an offer or a request.")
    if not profile.title:
        errors["title"] = _("Give the profile a title in at least one language.")
    unknown = set(profile.helix_roles_sought) - set(HelixRole.values)
    if unknown:
        errors["helix_roles_sought"] = _("Unknown helix roles: %(roles)s.") % {
            "roles": ", ".join(sorted(unknown))
        }
    expires_on = listed_until(profile, today=today)
    if "expires_on" not in errors and (error := deadline_error(profile.deadline, expires_on)):
        errors["deadline"] = error
    if errors:
        raise ValidationError(errors)


def _search_text(profile):
    parts = [*profile.title.values(), *profile.text.values(), profile.organisation.legal_name]
    parts.append(profile.organisation.short_name)
    return fold(" ".join(part for part in parts if part))


def _apply(profile, values, *, today):
    errors = {}
    if "expires_on" in values:
        expires_on, error = chosen_expiry(profile, values["expires_on"], today=today)
        if error:
            errors["expires_on"] = error
        elif expires_on != profile.expires_on and profile.status == ProfileStatus.PUBLISHED:
            profile.renewal_reminded_at = None  # the reminder comes again before the new date
        profile.expires_on = expires_on
    if values.get("kind") in FIXED_DIRECTION and not values.get("direction"):
        values = {**values, "direction": FIXED_DIRECTION[values["kind"]]}
    for name in _SCALAR:
        if name in values:
            setattr(profile, name, values[name] if values[name] is not None else "")
    if "deadline" in values:
        profile.deadline = values["deadline"]
    if "title" in values:
        profile.title = clean_translations(values["title"])
    if "text" in values:
        profile.text = clean_translations(values["text"])
    if "helix_roles_sought" in values:
        profile.helix_roles_sought = sorted(set(values["helix_roles_sought"] or []))
    _check(profile, errors, today=today)
    profile.search_text = _search_text(profile)


def _save_many(profile, values):
    for name in _MANY:
        if name in values:
            getattr(profile, name).set(values[name] or [])


@transaction.atomic
def create_profile(*, organisation, by, publish=False, now=None, **values):
    _require(by, "cooperation.add_profile", organisation)
    profile = CooperationProfile(organisation=organisation, created_by=by)
    _apply(profile, {"direction": "", **values}, today=timezone.localdate(now))
    profile.save()
    _save_many(profile, values)
    if publish:
        publish_profile(profile=profile, by=by, now=now)
    return profile


@transaction.atomic
def update_profile(*, profile, by, now=None, **values):
    _require(by, "cooperation.change_profile", profile)
    now = now or timezone.now()
    today = timezone.localdate(now)
    previous_expiry = profile.expires_on
    _apply(profile, values, today=today)
    revived = revived_by_edit(profile, previous_expiry, today=today)
    if revived:
        profile.status = ProfileStatus.PUBLISHED
        profile.renewed_at = now
        profile.renewal_reminded_at = None
    profile.save()
    _save_many(profile, values)
    if profile.status == ProfileStatus.PUBLISHED:
        template = "profile_listed_again" if revived else "profile_changed"
        _tell_followers(profile, by=by, template=template)
    return profile


def publish_profile(*, profile, by, now=None):
    _require(by, "cooperation.change_profile", profile)
    if profile.status not in (ProfileStatus.DRAFT, ProfileStatus.WITHDRAWN):
        raise ValidationError(_("Only a draft or withdrawn profile can be published."))
    now = now or timezone.now()
    profile.expires_on = expiry_on_publishing(profile, today=timezone.localdate(now))
    profile.status = ProfileStatus.PUBLISHED
    profile.published_at = profile.published_at or now
    profile.renewal_reminded_at = None
    profile.save(
        update_fields=["status", "published_at", "expires_on", "renewal_reminded_at", "updated_at"]
    )
    return profile


def renew_profile(*, profile, by, now=None, expires_on=None):
    """Listed until `expires_on` (at most a year ahead), or six more months from today, for a
    published or expired profile."""
    _require(by, "cooperation.change_profile", profile)
    if profile.status not in (ProfileStatus.PUBLISHED, ProfileStatus.EXPIRED):
        raise ValidationError(_("Only a published or expired profile can be renewed."))
    now = now or timezone.now()
    profile.expires_on = expiry_on_renewal(profile, expires_on, today=timezone.localdate(now))
    was_expired = profile.status == ProfileStatus.EXPIRED
    profile.status = ProfileStatus.PUBLISHED
    profile.renewed_at = now
    profile.renewal_reminded_at = None
    profile.save(
        update_fields=["status", "expires_on", "renewed_at", "renewal_reminded_at", "updated_at"]
    )
    # Followers learn that an expired profile is back, however its owner brought it back.
    if was_expired:
        _tell_followers(profile, by=by, template="profile_listed_again")
    return profile


def withdraw_profile(*, profile, by, now=None):
    _require(by, "cooperation.change_profile", profile)
    if profile.status == ProfileStatus.WITHDRAWN:
        return profile
    profile.status = ProfileStatus.WITHDRAWN
    profile.withdrawn_at = now or timezone.now()
    profile.save(update_fields=["status", "withdrawn_at", "updated_at"])
    _tell_followers(profile, by=by, template="profile_withdrawn")
    return profile


def _tell_followers(profile, *, by, template):
    followers = [follow.user for follow in profile.follows.select_related("user")]
    notify_all(
        users=followers,
        kind=kinds.FOLLOWED_PROFILE_CHANGED,
        template=template,
        context={"profile": profile, "url": absolute_url("cooperation:profile", profile.pk)},
        exclude=by,
    )


def expire_profiles(*, now=None):
    """The daily run: mark profiles past their date expired, and remind the owners of profiles
    about to expire, once per period of validity. Returns (expired, reminded)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    expired = CooperationProfile.objects.filter(
        status=ProfileStatus.PUBLISHED, expires_on__lt=today
    ).update(status=ProfileStatus.EXPIRED, updated_at=now)
    due = CooperationProfile.objects.filter(
        status=ProfileStatus.PUBLISHED,
        expires_on__lte=today + REMINDER_BEFORE,
        renewal_reminded_at__isnull=True,
    ).select_related("organisation", "created_by")
    reminded = 0
    for profile in due:
        people = [profile.created_by, *representatives_of(profile.organisation)]
        notify_all(
            users=people,
            kind=kinds.RENEWAL_REMINDER,
            template="renewal_reminder",
            context={"profile": profile, "url": absolute_url("cooperation:renew", profile.pk)},
        )
        # Marked even when nobody wants the email, so that it is never sent twice.
        CooperationProfile.objects.filter(pk=profile.pk).update(renewal_reminded_at=now)
        reminded += 1
    return expired, reminded
