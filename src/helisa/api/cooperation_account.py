"""The caller's own corner of cooperation: profiles followed, saved searches and the emails
wanted. Each endpoint reads and writes only the signed-in person's records; another person's
saved search is not found."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from helisa.cooperation.models import CooperationProfile, Follow, ProfileStatus, SavedSearch
from helisa.cooperation.notification_kinds import KINDS
from helisa.cooperation.services import digests
from helisa.cooperation.services import notifications as preferences
from helisa.cooperation.services.interest import follow_profile, unfollow_profile
from helisa.cooperation.services.searches import update_search

from .auth import signed_in
from .cooperation_schemas import ProfileFilters, ProfileSummary
from .language import language_of
from .pagination import LimitOffset
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["Cooperation: my follows, searches and emails"])
MINE_ERRORS = {401: Error, 422: Error}


# Follows


class FollowOut(Schema):
    profile: ProfileSummary
    status: ProfileStatus = Field(description="The profile's status: a withdrawn one stays here")
    since: datetime = Field(alias="created_at")

    @staticmethod
    def resolve_status(obj):
        return obj.profile.status


def _visible_profile(user, profile_id):
    profile = get_object_or_404(
        CooperationProfile.objects.select_related("organisation"), pk=profile_id
    )
    if not user.has_perm("cooperation.view_profile", profile):
        raise Http404
    return profile


@router.get(
    "/cooperation/follows",
    response={200: list[FollowOut], **MINE_ERRORS},
    auth=signed_in,
    summary="Profiles I follow",
    description="Newest follow first. Their owners' changes and withdrawal are emailed to you "
    "(see the notification preferences).",
)
@paginate(LimitOffset)
def list_follows(request):
    return (
        Follow.objects.filter(user=request.auth)
        .select_related("profile__organisation")
        .order_by("-created_at", "-pk")
    )


@router.put(
    "/cooperation/profiles/{int:profile_id}/follow",
    response={200: FollowOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Follow a cooperation profile",
    description="Any profile you may read; following twice changes nothing.",
)
def follow(request, profile_id: int):
    profile = _visible_profile(request.auth, profile_id)
    follow_profile(profile=profile, user=request.auth)
    return Follow.objects.select_related("profile__organisation").get(
        profile=profile, user=request.auth
    )


@router.delete(
    "/cooperation/profiles/{int:profile_id}/follow",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Stop following a cooperation profile",
    description="Also for a profile withdrawn since; stopping what you do not follow changes "
    "nothing.",
)
def unfollow(request, profile_id: int):
    profile = get_object_or_404(CooperationProfile, pk=profile_id)
    followed = Follow.objects.filter(profile=profile, user=request.auth).exists()
    if not followed:
        _visible_profile(request.auth, profile_id)
    unfollow_profile(profile=profile, user=request.auth)
    return Status(204, None)


# Saved searches


class SavedSearchOut(Schema):
    id: int
    name: str
    filters: dict[str, str] = Field(alias="params", description="The profile list's filters")
    results_url: str = Field(description="The profile list with these filters")
    created_at: datetime
    last_sent_at: datetime | None = Field(description="When the last digest covered it")

    @staticmethod
    def resolve_results_url(obj, context):
        url = f"{reverse('api-1.0.0:api-root')}cooperation/profiles?{urlencode(obj.params)}"
        return context["request"].build_absolute_uri(url)


class SavedSearchIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    filters: ProfileFilters = Field(description="At least one filter of the profile list")


class SavedSearchPatch(Schema):
    name: str = Field(None, min_length=1, max_length=100)
    filters: ProfileFilters = Field(None, description="Replaces every filter")


def _params(filters):
    return {name: value for name, value in filters.model_dump(mode="json").items() if value}


def _own_search(user, search_id):
    return get_object_or_404(SavedSearch, pk=search_id, user=user)


@router.get(
    "/cooperation/saved-searches",
    response={200: list[SavedSearchOut], **MINE_ERRORS},
    auth=signed_in,
    summary="My saved searches",
    description="By name. New profiles matching each are emailed in a daily digest.",
)
@paginate(LimitOffset)
def list_searches(request):
    return SavedSearch.objects.filter(user=request.auth).order_by("name", "pk")


@router.post(
    "/cooperation/saved-searches",
    response={201: SavedSearchOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Save a search",
    description="The profile list's filters under a name; the digest lists profiles published "
    "from now on.",
)
def create_search(request, payload: SavedSearchIn):
    params = _params(payload.filters)
    if not params:
        raise ValidationError(
            {"filters": _("Choose at least one filter before saving the search.")}
        )
    return Status(201, digests.save_search(user=request.auth, name=payload.name, params=params))


@router.patch(
    "/cooperation/saved-searches/{int:search_id}",
    response={200: SavedSearchOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Rename a saved search or change its filters",
    description="Changes only what is sent; `filters` replaces them all.",
)
def change_search(request, search_id: int, payload: SavedSearchPatch):
    search = _own_search(request.auth, search_id)
    values = payload.dict(exclude_unset=True)
    return update_search(
        search=search,
        user=request.auth,
        name=values.get("name"),
        params=_params(payload.filters) if "filters" in values else None,
    )


@router.delete(
    "/cooperation/saved-searches/{int:search_id}",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Delete a saved search",
    description="Its digest stops.",
)
def delete_search(request, search_id: int):
    digests.delete_search(search=_own_search(request.auth, search_id), user=request.auth)
    return Status(204, None)


# Notification preferences


class KindOut(Schema):
    kind: str
    label: str = Field(description="In the language asked for")
    enabled: bool
    default: bool


class PreferencesOut(Schema):
    kinds: list[KindOut]


class PreferencesIn(Schema):
    choices: dict[str, bool] = Field(
        description="Kind -> wanted, for the kinds to change; the others stay"
    )


def _preferences(request):
    current = preferences.current_choices(request.auth)
    with override(language_of(request)):
        kinds = [
            {
                "kind": code,
                "label": str(kind.label),
                "enabled": current[code],
                "default": kind.default,
            }
            for code, kind in KINDS.items()
        ]
    return {"kinds": kinds}


@router.get(
    "/cooperation/notification-preferences",
    response={200: PreferencesOut, **MINE_ERRORS},
    auth=signed_in,
    summary="The emails I get",
    description="Every kind of email the preferences page offers, and whether you want it.",
)
def get_preferences(request):
    return _preferences(request)


@router.patch(
    "/cooperation/notification-preferences",
    response={200: PreferencesOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Choose the emails I get",
    description="Switches the kinds given on or off; an unknown kind is refused.",
)
def change_preferences(request, payload: PreferencesIn):
    unknown = [code for code in payload.choices if code not in KINDS]
    if unknown:
        raise ValidationError(
            {"choices": _("Unknown: %(codes)s.") % {"codes": ", ".join(sorted(unknown))}}
        )
    preferences.set_preferences(user=request.auth, choices=payload.choices)
    return _preferences(request)
