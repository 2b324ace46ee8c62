"""Cooperation profiles: public reading, writing and brokered contact with the rules of the UI."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import override
from ninja import Query, Router, Status
from ninja.pagination import paginate

from helisa.cooperation.models import (
    CooperationProfile,
    ExpressionOfInterest,
)
from helisa.cooperation.queries import contact_of, filter_profiles
from helisa.cooperation.services import interest as interest_services
from helisa.cooperation.services import profiles as profile_services
from helisa.cooperation.services import recommendations as recommendation_services
from helisa.core.countries import to_iso
from helisa.registry.models import Cluster, Country, NaceSector, Organisation, Topic

from . import cooperation_account, cooperation_interests
from .auth import SessionAuth, TokenAuth, signed_in
from .cooperation_schemas import (
    InterestIn,
    InterestReceived,
    InterestSent,
    ProfileDetail,
    ProfileFilters,
    ProfileIn,
    ProfilePatch,
    ProfileSummary,
    RenewIn,
)
from .language import language_of
from .pagination import LimitOffset
from .permissions import require
from .recommendation_schemas import RecommendationIn, RecommendationOut
from .references import resolve
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Cooperation"])
# The caller's own follows, searches, emails and interests live in modules of their own.
router.add_router("", cooperation_account.router)
router.add_router("", cooperation_interests.router)


def _anonymous(request):
    return AnonymousUser()


# Reading is public; a token or session, when sent, shows what that caller may see.
maybe_signed_in = [TokenAuth(), SessionAuth(), _anonymous]


def _detail(pk, user):
    profile = get_object_or_404(
        CooperationProfile.objects.select_related("organisation").prefetch_related(
            "sectors", "topics", "countries_sought"
        ),
        pk=pk,
    )
    if not user.has_perm("cooperation.view_profile", profile):
        raise get_object_or_404(CooperationProfile.objects.none())
    profile.visible_contact = contact_of(profile, user)
    return profile


def _countries(codes):
    try:
        iso = [to_iso(code) for code in codes]
    except ValueError:
        raise ValidationError({"countries_sought": _("Unknown country code.")}) from None
    found = Country.objects.in_bulk(iso)
    missing = [code for code in iso if code not in found]
    if missing:
        raise ValidationError(
            {"countries_sought": _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    return [found[code] for code in iso]


def _values(data):
    countries = data.pop("countries_sought", None)
    values = resolve(data)
    if countries is not None:
        values["countries_sought"] = _countries(countries)
    if "direction" in values and values["direction"] is None:
        values["direction"] = ""
    return values


@router.get(
    "/cooperation/profiles",
    response={200: list[ProfileSummary], 422: READ_ERRORS[422]},
    summary="List cooperation profiles",
    description="Published profiles that have not expired, newest first. `q` searches titles, "
    "texts and organisation names in every language; `country` is the organisation's country, "
    "`sought_country` a country the profile seeks partners in (profiles naming none match).",
)
@paginate(LimitOffset)
def list_profiles(request, filters: Query[ProfileFilters]):
    return filter_profiles(filters.dict())


@router.get(
    "/cooperation/profiles/{int:profile_id}",
    response={200: ProfileDetail, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One cooperation profile",
    description="Contact details are given only to the profile's organisation and to callers "
    "whose expression of interest it has accepted.",
)
def get_profile(request, profile_id: int):
    return _detail(profile_id, request.auth)


@router.post(
    "/cooperation/profiles",
    response={201: ProfileDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Write a cooperation profile",
    description="For an organisation the caller may change in the registry. A draft unless "
    "`publish` is true.",
)
def create_profile(request, payload: ProfileIn):
    data = payload.dict()
    organisation = get_object_or_404(Organisation, pk=data.pop("organisation"))
    require(request.auth, "cooperation.add_profile", organisation)
    publish = data.pop("publish")
    profile = profile_services.create_profile(
        organisation=organisation, by=request.auth, publish=publish, **_values(data)
    )
    return Status(201, _detail(profile.pk, request.auth))


@router.patch(
    "/cooperation/profiles/{int:profile_id}",
    response={200: ProfileDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a cooperation profile",
    description="Changes only the fields sent; lists replace the whole list.",
)
def change_profile(request, profile_id: int, payload: ProfilePatch):
    profile = get_object_or_404(CooperationProfile, pk=profile_id)
    require(request.auth, "cooperation.change_profile", profile)
    profile_services.update_profile(
        profile=profile, by=request.auth, **_values(payload.dict(exclude_unset=True))
    )
    return _detail(profile.pk, request.auth)


def _state_change(request, profile_id, action, **values):
    profile = get_object_or_404(CooperationProfile, pk=profile_id)
    require(request.auth, "cooperation.change_profile", profile)
    action(profile=profile, by=request.auth, **values)
    return _detail(profile.pk, request.auth)


@router.post(
    "/cooperation/profiles/{int:profile_id}/publish",
    response={200: ProfileDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish a cooperation profile",
    description="A draft or withdrawn profile is listed until its expiry date: the one chosen "
    "for a draft, a withdrawn profile's former one while it lies ahead, else six months on.",
)
def publish_profile(request, profile_id: int):
    return _state_change(request, profile_id, profile_services.publish_profile)


@router.post(
    "/cooperation/profiles/{int:profile_id}/renew",
    response={200: ProfileDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Renew a cooperation profile",
    description="For a published or expired profile: listed until `expires_on` (at most 12 "
    "months ahead, not before the deadline for answers) or, without it, six months from today; "
    "the owner is reminded again two weeks before the new date.",
)
def renew_profile(request, profile_id: int, payload: RenewIn | None = None):
    expires_on = payload.expires_on if payload else None
    return _state_change(request, profile_id, profile_services.renew_profile, expires_on=expires_on)


@router.post(
    "/cooperation/profiles/{int:profile_id}/withdraw",
    response={200: ProfileDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Withdraw a cooperation profile",
    description="The profile leaves the listings; its followers are told.",
)
def withdraw_profile(request, profile_id: int):
    return _state_change(request, profile_id, profile_services.withdraw_profile)


@router.post(
    "/cooperation/profiles/{int:profile_id}/interests",
    response={201: InterestSent, **WRITE_ERRORS},
    auth=signed_in,
    summary="Express interest in a profile",
    description="On behalf of an organisation the caller represents; once per organisation, "
    "never for one's own profile or an expired one.",
)
def create_interest(request, profile_id: int, payload: InterestIn):
    profile = get_object_or_404(
        CooperationProfile.objects.select_related("organisation"), pk=profile_id
    )
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    interest = interest_services.express_interest(
        profile=profile, organisation=organisation, by=request.auth, message=payload.message
    )
    return Status(201, interest)


def _answer(request, profile_id, interest_id, action):
    interest = get_object_or_404(
        ExpressionOfInterest.objects.select_related(
            "profile__organisation", "organisation", "created_by"
        ),
        pk=interest_id,
        profile_id=profile_id,
    )
    require(request.auth, "cooperation.answer_interest", interest)
    return action(interest=interest, by=request.auth)


@router.post(
    "/cooperation/profiles/{int:profile_id}/interests/{int:interest_id}/accept",
    response={200: InterestReceived, **WRITE_ERRORS},
    auth=signed_in,
    summary="Accept an expression of interest",
    description="Both sides see each other's contact details from now on: the answer holds "
    "the interested person's.",
)
def accept_interest(request, profile_id: int, interest_id: int):
    return _answer(request, profile_id, interest_id, interest_services.accept_interest)


@router.post(
    "/cooperation/profiles/{int:profile_id}/interests/{int:interest_id}/decline",
    response={200: InterestReceived, **WRITE_ERRORS},
    auth=signed_in,
    summary="Decline an expression of interest",
    description="The interested party is told; no contact details are shared.",
)
def decline_interest(request, profile_id: int, interest_id: int):
    return _answer(request, profile_id, interest_id, interest_services.decline_interest)


# Recommended partners. Under /cooperation/ (organisations and clusters too) so that the
# registry's routes never depend on the cooperation app.


def _records(model, field, codes, key):
    codes = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    found = {
        getattr(record, key): record for record in model.objects.filter(**{f"{key}__in": codes})
    }
    missing = [code for code in codes if code not in found]
    if missing:
        raise ValidationError({field: _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}})
    return [found[code] for code in codes]


def _recommendation_values(payload):
    errors, values = {}, {}
    for name, model, key in (("topic_codes", Topic, "code"), ("sector_codes", NaceSector, "code")):
        try:
            values[name] = _records(model, name, getattr(payload, name), key)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    try:
        values["countries"] = [country.code for country in _countries(payload.countries)]
    except ValidationError as exc:
        errors["countries"] = exc.message_dict["countries_sought"]
    values["start_organisation"] = None
    if payload.start_organisation_id is not None:
        values["start_organisation"] = Organisation.objects.filter(
            pk=payload.start_organisation_id
        ).first()
        if values["start_organisation"] is None:
            errors["start_organisation_id"] = [_("No organisation has this identifier.")]
    if not (payload.text.strip() or payload.topic_codes or payload.sector_codes):
        errors["text"] = [_("Describe what you look for, or give a topic or sector code.")]
    if errors:
        raise ValidationError(errors)
    return values


def _in_language(request, recommend):
    with override(language_of(request)):
        return recommend()


@router.post(
    "/cooperation/recommendations",
    response={200: list[RecommendationOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Recommend partners for a description",
    description="Organisations ranked for a free text in any language, optional topic and "
    "sector codes, the asking organisation, and the countries and helix roles sought. Each "
    "result gives its reasons as data (kind, values) and in plain words (in the ?lang= language).",
)
def recommend_for_description(request, payload: RecommendationIn):
    values = _recommendation_values(payload)
    return _in_language(
        request,
        lambda: recommendation_services.recommend_for_description(
            text=payload.text,
            topics=values["topic_codes"],
            sectors=values["sector_codes"],
            start_organisation=values["start_organisation"],
            countries=values["countries"],
            helix_roles=[role.value for role in payload.helix_roles],
            limit=payload.limit,
        ),
    )


@router.get(
    "/cooperation/profiles/{int:profile_id}/recommendations",
    response={200: list[RecommendationOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Recommend partners for a cooperation profile",
    description="From its topics, sectors, title and text, and the countries and helix roles "
    "it seeks; its own organisation is left out.",
)
def recommend_for_profile(request, profile_id: int, limit: int = Query(20, ge=1, le=50)):
    profile = _detail(profile_id, request.auth)
    return _in_language(
        request, lambda: recommendation_services.recommend_for_profile(profile, limit=limit)
    )


@router.get(
    "/cooperation/organisations/{int:organisation_id}/recommendations",
    response={200: list[RecommendationOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Recommend partners for an organisation",
    description="From its topics, sectors and description, and the organisations it worked "
    "with before.",
)
def recommend_for_organisation(request, organisation_id: int, limit: int = Query(20, ge=1, le=50)):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    return _in_language(
        request,
        lambda: recommendation_services.recommend_for_organisation(organisation, limit=limit),
    )


@router.get(
    "/cooperation/clusters/{int:cluster_id}/recommendations",
    response={200: list[RecommendationOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Recommend partners for a cluster",
    description="Organisations that are not active members yet, from the cluster's focus "
    "topics and sectors and its organisation's description.",
)
def recommend_for_cluster(request, cluster_id: int, limit: int = Query(20, ge=1, le=50)):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=cluster_id)
    return _in_language(
        request, lambda: recommendation_services.recommend_for_cluster(cluster, limit=limit)
    )
