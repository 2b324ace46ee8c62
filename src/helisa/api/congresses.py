"""Congresses: the programme and speakers for everyone; registration and check-in with a token."""

from datetime import date, datetime
from uuid import UUID

from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from helisa.congress import queries
from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.ical import feed_token
from helisa.congress.models import RegistrationStatus, SessionKind
from helisa.congress.services.checkin import check_in
from helisa.congress.services.registration import cancel_registration, register
from helisa.registry.models import Organisation

from . import congress_registration_documents
from .auth import signed_in
from .errors import conflicts_as_409
from .language import label_in
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Congresses"])
router.add_router("", congress_registration_documents.router)

CONFLICTS = {"already_registered", "closed", "cancelled", "not_confirmed"}


def _absolute(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


class CongressSummary(Schema):
    slug: str
    name: str = Field(description="In the language asked for, with a fallback")
    names: dict[str, str] = Field(description="Every language it has")
    starts_on: date
    ends_on: date
    venue: str
    city: str
    country: str = Field(alias="country_id")
    time_zone: str
    registration_open: bool
    is_demo: bool

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.name, context)

    @staticmethod
    def resolve_names(obj):
        return obj.name


class CategoryOut(Schema):
    id: int
    kind: str
    name: str
    capacity: int | None = Field(description="Places; null: no limit")

    @staticmethod
    def resolve_name(obj, context):
        return label_in(obj.name, context) or obj.get_kind_display()


class CongressDetail(CongressSummary):
    description: str
    days: list[date]
    categories: list[CategoryOut]
    programme_ical_url: str = Field(description="The whole programme as iCalendar (RFC 5545)")
    web_url: str

    @staticmethod
    def resolve_description(obj, context):
        return label_in(obj.description, context)

    @staticmethod
    def resolve_days(obj):
        return queries.days_of(obj)

    @staticmethod
    def resolve_categories(obj):
        return list(obj.categories.all())

    @staticmethod
    def resolve_programme_ical_url(obj):
        return _absolute("congress:programme_ical", obj.slug)

    @staticmethod
    def resolve_web_url(obj):
        return settings.SITE_URL + obj.get_absolute_url()


class AppearanceOut(Schema):
    speaker_id: int
    name: str = Field(alias="speaker.name")
    role: str


class SessionOut(Schema):
    id: int
    title: str
    titles: dict[str, str]
    kind: SessionKind
    language: str
    starts_at: datetime
    ends_at: datetime
    room: str | None
    track: str | None
    track_id: int | None
    room_id: int | None
    speakers: list[AppearanceOut]
    questions_open: bool

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)

    @staticmethod
    def resolve_titles(obj):
        return obj.title

    @staticmethod
    def resolve_room(obj):
        return obj.room.name if obj.room else None

    @staticmethod
    def resolve_track(obj, context):
        return label_in(obj.track.name, context) if obj.track else None

    @staticmethod
    def resolve_speakers(obj):
        return list(obj.session_speakers.all())


class SpeakerOut(Schema):
    id: int
    name: str
    function: str
    organisation_id: int | None
    organisation: str | None
    bio: str

    @staticmethod
    def resolve_organisation(obj):
        return obj.organisation.legal_name if obj.organisation else None

    @staticmethod
    def resolve_bio(obj, context):
        return label_in(obj.bio, context)


class SessionFilters(Schema):
    day: date | None = Field(None, description="A day of the congress, YYYY-MM-DD")
    room: int | None = Field(None, description="Room id")
    track: int | None = Field(None, description="Track id")
    language: str | None = Field(None, description="Language the session is held in")


class RegistrationIn(Schema):
    category_id: int
    name_on_badge: str
    organisation_id: int | None = None
    language: str = Field(
        "en", description="Language of the emails, badge and certificate: en or pl"
    )


class RegistrationOut(Schema):
    id: int
    status: RegistrationStatus
    category_id: int
    category: str
    name_on_badge: str
    organisation_id: int | None
    language: str
    badge_code: UUID
    created_at: datetime
    confirmed_at: datetime | None
    cancelled_at: datetime | None
    checked_in_at: datetime | None
    agenda_feed_url: str = Field(description="The caller's agenda as an iCalendar feed (secret)")

    @staticmethod
    def resolve_category(obj, context):
        return label_in(obj.category.name, context) or obj.category.get_kind_display()

    @staticmethod
    def resolve_agenda_feed_url(obj):
        return _absolute(
            "congress:agenda_feed", obj.congress.slug, obj.user_id, feed_token(obj.user)
        )


class CheckInIn(Schema):
    code: UUID = Field(description="The badge code (in the badge's QR code)")


class CheckInOut(Schema):
    first_time: bool = Field(description="False when the arrival had already been recorded")
    name_on_badge: str
    category: str
    checked_in_at: datetime


_run = conflicts_as_409(CONFLICTS)


@router.get(
    "/congresses",
    response=list[CongressSummary],
    summary="List congresses",
    description="Newest first, with their dates, city and public page.",
)
@paginate(LimitOffset)
def list_congresses(request):
    return queries.congresses()


@router.get(
    "/congresses/{slug}",
    response={200: CongressDetail, **READ_ERRORS},
    summary="One congress",
    description="With its days, registration categories and the programme's calendar URL.",
)
def get_congress(request, slug: str):
    return queries.congress_by_slug(slug)


@router.get(
    "/congresses/{slug}/sessions",
    response={200: list[SessionOut], **READ_ERRORS},
    summary="Sessions of a congress",
    description="In time order, with speakers; filtered by day (in the congress's time zone), "
    "room, track and language.",
)
@paginate(LimitOffset)
def list_sessions(request, slug: str, filters: Query[SessionFilters]):
    congress = queries.congress_by_slug(slug)
    return queries.sessions_of(congress, **filters.dict())


@router.get(
    "/congresses/{slug}/speakers",
    response={200: list[SpeakerOut], **READ_ERRORS},
    summary="Speakers of a congress",
    description="In name order, with their organisation, function and biography in the "
    "reader's language.",
)
@paginate(LimitOffset)
def list_speakers(request, slug: str):
    return queries.speakers_of(queries.congress_by_slug(slug))


def _mine(request, congress):
    registration = queries.registration_of(request.auth, congress)
    if registration is None:
        raise Http404
    registration.congress, registration.user = congress, request.auth
    return registration


@router.post(
    "/congresses/{slug}/registrations",
    response={201: RegistrationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Register the caller",
    description="Confirmed while the category has places, else on its waiting list (status "
    "`waiting`); a confirmation email goes out in `language`. 409 when already registered or "
    "registration is closed.",
)
def create_registration(request, slug: str, payload: RegistrationIn):
    congress = queries.congress_by_slug(slug)
    category = get_object_or_404(queries.open_categories(congress), pk=payload.category_id)
    organisation = None
    if payload.organisation_id is not None:
        organisation = get_object_or_404(Organisation, pk=payload.organisation_id)
    language = payload.language if payload.language in dict(settings.LANGUAGES) else "en"
    _run(
        register,
        congress=congress,
        user=request.auth,
        category=category,
        name_on_badge=payload.name_on_badge,
        organisation=organisation,
        language=language,
    )
    return 201, _mine(request, congress)


@router.get(
    "/congresses/{slug}/registrations/me",
    response={200: RegistrationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="The caller's registration",
    description="Its category, status (confirmed, waiting or cancelled), badge and private "
    "agenda feed; 404 when the caller has not registered.",
)
def get_my_registration(request, slug: str):
    return _mine(request, queries.congress_by_slug(slug))


@router.delete(
    "/congresses/{slug}/registrations/me",
    response={200: RegistrationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Cancel the caller's registration",
    description="A confirmed place freed this way goes to the first person on the waiting list.",
)
def cancel_my_registration(request, slug: str):
    congress = queries.congress_by_slug(slug)
    _run(cancel_registration, registration=_mine(request, congress), by=request.auth)
    return _mine(request, congress)


@router.post(
    "/congresses/{slug}/check-ins",
    response={200: CheckInOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Record an arrival",
    description="For the congress's organisers: the code read from a badge. An arrival is "
    "recorded once; a second scan answers `first_time: false` with the first time.",
)
def create_check_in(request, slug: str, payload: CheckInIn):
    congress = queries.congress_by_slug(slug)
    require(request.auth, "congress.organise", congress)
    registration = queries.registration_by_code(congress, payload.code)
    if registration is None:
        raise Http404
    first = _run(check_in, registration=registration, by=request.auth)
    return {
        "first_time": first,
        "name_on_badge": registration.name_on_badge,
        "category": str(registration.category),
        "checked_in_at": registration.checked_in_at,
    }
