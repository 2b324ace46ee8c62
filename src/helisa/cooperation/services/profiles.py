"""Every change of a cooperation profile: writing, publishing, renewal, withdrawal, expiry."""

from datetime import timedelta

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

VALIDITY = timedelta(days=183)  # six months: a profile says what is sought now
REMINDER_BEFORE = timedelta(days=14)
_SCALAR = ("kind", "direction", "contact_name", "contact_email", "contact_phone")
_MANY = ("sectors", "topics", "countries_sought")


def _require(by, permission, obj):
    if by is not None and not by.has_perm(permission, obj):
        raise PermissionDenied(_("You may not change this cooperation profile."))


def _check(profile):
    errors = {}
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
    if errors:
        raise ValidationError(errors)


def _search_text(profile):
    parts = [*profile.title.values(), *profile.text.values(), profile.organisation.legal_name]
    parts.append(profile.organisation.short_name)
    return fold(" ".join(part for part in parts if part))


def _apply(profile, values):
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
    _check(profile)
    profile.search_text = _search_text(profile)


def _save_many(profile, values):
    for name in _MANY:
        if name in values:
            getattr(profile, name).set(values[name] or [])


@transaction.atomic
def create_profile(*, organisation, by, publish=False, **values):
    _require(by, "cooperation.add_profile", organisation)
    profile = CooperationProfile(organisation=organisation, created_by=by)
    _apply(profile, {"direction": "", **values})
    profile.save()
    _save_many(profile, values)
    if publish:
        publish_profile(profile=profile, by=by)
    return profile


@transaction.atomic
def update_profile(*, profile, by, **values):
    _require(by, "cooperation.change_profile", profile)
    _apply(profile, values)
    profile.save()
    _save_many(profile, values)
    if profile.status == ProfileStatus.PUBLISHED:
        _tell_followers(profile, by=by, template="profile_changed")
    return profile


def publish_profile(*, profile, by, now=None):
    _require(by, "cooperation.change_profile", profile)
    if profile.status not in (ProfileStatus.DRAFT, ProfileStatus.WITHDRAWN):
        raise ValidationError(_("Only a draft or withdrawn profile can be published."))
    now = now or timezone.now()
    profile.status = ProfileStatus.PUBLISHED
    profile.published_at = profile.published_at or now
    profile.expires_on = timezone.localdate(now) + VALIDITY
    profile.renewal_reminded_at = None
    profile.save(
        update_fields=["status", "published_at", "expires_on", "renewal_reminded_at", "updated_at"]
    )
    return profile


def renew_profile(*, profile, by, now=None):
    """Six more months from today (never more), for a published or expired profile."""
    _require(by, "cooperation.change_profile", profile)
    if profile.status not in (ProfileStatus.PUBLISHED, ProfileStatus.EXPIRED):
        raise ValidationError(_("Only a published or expired profile can be renewed."))
    now = now or timezone.now()
    profile.status = ProfileStatus.PUBLISHED
    profile.expires_on = timezone.localdate(now) + VALIDITY
    profile.renewed_at = now
    profile.renewal_reminded_at = None
    profile.save(
        update_fields=["status", "expires_on", "renewed_at", "renewal_reminded_at", "updated_at"]
    )
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
