"""Reads shared by the pages, the API and the digests.

filter_profiles takes a dict or QueryDict (q, kind, direction, sector, topic, country,
sought_country, helix_role) and returns the listed profiles: published and not past their expiry
date, even before the daily task has marked them expired. Unknown values are ignored.
"""

from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from helisa.core.folding import fold_words
from helisa.registry.models import HelixRole, Organisation, Role, RoleKind
from helisa.registry.queries import _sectors_under, _topics_under, filter_options

from .models import (
    CooperationProfile,
    Direction,
    ExpressionOfInterest,
    InterestStatus,
    ProfileKind,
    ProfileStatus,
)

FILTER_NAMES = (
    "q",
    "kind",
    "direction",
    "sector",
    "topic",
    "country",
    "sought_country",
    "helix_role",
)


def _value(params, name):
    value = params.get(name) if params else None
    return str(value).strip() if value not in (None, "") else ""


def clean_params(params):
    """Only the filters that are set: what a saved search keeps."""
    return {name: _value(params, name) for name in FILTER_NAMES if _value(params, name)}


def listed_profiles(*, today=None):
    today = today or timezone.localdate()
    return (
        CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .select_related("organisation")
    )


def filter_profiles(params, *, today=None):
    qs = listed_profiles(today=today)
    if (kind := _value(params, "kind")) in ProfileKind.values:
        qs = qs.filter(kind=kind)
    if (direction := _value(params, "direction")) in Direction.values:
        qs = qs.filter(direction=direction)
    if words := fold_words(_value(params, "q")):
        for word in words:
            qs = qs.filter(search_text__contains=word)
    if sector := _value(params, "sector"):
        through = CooperationProfile.sectors.through.objects
        qs = qs.filter(
            pk__in=through.filter(nacesector_id__in=_sectors_under(sector)).values(
                "cooperationprofile_id"
            )
        )
    if topic := _value(params, "topic"):
        through = CooperationProfile.topics.through.objects
        qs = qs.filter(
            pk__in=through.filter(topic_id__in=_topics_under(topic)).values("cooperationprofile_id")
        )
    if country := _value(params, "country").upper():
        qs = qs.filter(organisation__country_id=country)
    if sought := _value(params, "sought_country").upper():
        through = CooperationProfile.countries_sought.through.objects
        # A profile that names no country seeks partners anywhere.
        qs = qs.filter(
            Q(pk__in=through.filter(country_id=sought).values("cooperationprofile_id"))
            | ~Q(pk__in=through.values("cooperationprofile_id"))
        )
    if (role := _value(params, "helix_role")) in HelixRole.values:
        # JSON containment is not portable to SQLite; the list's text holds each code quoted.
        qs = qs.alias(_roles=Cast("helix_roles_sought", TextField())).filter(
            _roles__contains=f'"{role}"'
        )
    return qs


def filter_choices(params):
    options = filter_options(params, kind="organisations")
    return {
        "kinds": ProfileKind.choices,
        "directions": Direction.choices,
        "countries": options["countries"],
        "helix_roles": HelixRole.choices,
        "sectors": options["sectors"],
        "topics": options["topics"],
    }


# People and organisations


def organisations_represented_by(user):
    """Organisations a user may act for: owned, or held with any role (a cluster manager acts
    for the cluster organisation)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    held = Role.objects.filter(user=user).values("organisation_id")
    return Organisation.objects.filter(Q(owner=user) | Q(pk__in=held)).order_by("legal_name")


def representatives_of(organisation):
    """Active users who speak for an organisation: its owner and its representatives."""
    from django.contrib.auth import get_user_model

    role_users = Role.objects.filter(
        organisation=organisation, kind__in=[RoleKind.REPRESENTATIVE, RoleKind.CLUSTER_MANAGER]
    ).values("user_id")
    return get_user_model().objects.filter(
        Q(pk=organisation.owner_id) | Q(pk__in=role_users), is_active=True
    )


# Brokered contact


def accepted_interest_of(profile, user):
    """The accepted expression of interest through which `user` may see the profile's contact."""
    if not user.is_authenticated:
        return None
    return (
        ExpressionOfInterest.objects.filter(profile=profile, status=InterestStatus.ACCEPTED)
        .filter(Q(created_by=user) | Q(organisation__in=organisations_represented_by(user)))
        .first()
    )


def contact_visible_to(profile, user):
    """The one rule for pages and API: the profile's managers, and the interested party once
    the owner has accepted their interest."""
    if user.has_perm("cooperation.change_profile", profile):
        return True
    return accepted_interest_of(profile, user) is not None


def contact_of(profile, user):
    if not contact_visible_to(profile, user):
        return None
    return {
        "name": profile.contact_name,
        "email": profile.contact_email,
        "phone": profile.contact_phone,
    }


def interests_of_user(user):
    return (
        ExpressionOfInterest.objects.filter(
            Q(created_by=user) | Q(organisation__in=organisations_represented_by(user))
        )
        .select_related("profile__organisation", "organisation")
        .order_by("-created_at")
    )


def profiles_managed_by(user):
    """Profiles of every organisation the user may change, drafts and withdrawn ones included."""
    organisations = organisations_represented_by(user).values("pk")
    return (
        CooperationProfile.objects.filter(organisation__in=organisations)
        .select_related("organisation")
        .order_by("-created_at")
    )
