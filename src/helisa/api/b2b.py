"""B2B matchmaking at congresses: profiles, participants, meeting requests, meetings, and (for
organisers) schedule runs. Every write goes through the same services as the UI."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from helisa.congress import b2b_queries as queries
from helisa.congress.models import (
    Congress,
    MeetingMode,
    MeetingOutcome,
    MeetingRequest,
    RequestStatus,
    ScheduleRun,
    ScheduleRunStatus,
)
from helisa.congress.services import b2b_participants, b2b_requests, b2b_scheduling
from helisa.congress.slots import slot_id
from helisa.cooperation.models import Direction, ProfileKind

from .auth import signed_in
from .errors import conflicts_as_409
from .language import label_in
from .pagination import LimitOffset
from .permissions import require
from .schemas import WRITE_ERRORS

router = Router(tags=["B2B meetings"])

CONFLICTS = {"exists", "cap_reached", "closed", "transition_not_allowed", "full", "busy", "stale"}


# Schemas


class CooperationProfileRef(Schema):
    id: int = Field(alias="pk")
    kind: ProfileKind
    direction: Direction
    title: str = Field(description="In the language asked for, with a fallback")
    expires_on: date | None
    url: str = Field(description="Its page")
    api_url: str = Field(description="Its record in this API")

    @staticmethod
    def resolve_title(obj, context):
        return label_in(obj.title, context)

    @staticmethod
    def resolve_url(obj):
        return obj.get_absolute_url()

    @staticmethod
    def resolve_api_url(obj):
        return f"{reverse('api-1.0.0:api-root')}cooperation/profiles/{obj.pk}"


class ParticipantOut(Schema):
    id: int = Field(alias="pk")
    name: str = Field(alias="registration.name_on_badge")
    organisation: str | None = None
    helix_role: str | None = Field(None, alias="organisation.helix_role")
    country: str | None = Field(None, alias="organisation.country_id")
    sectors: list[str] = Field(description="NACE codes of the organisation")
    offer: str = Field(description="In the language asked for, with a fallback")
    looking_for: str
    cooperation_profiles: list[CooperationProfileRef] = Field(
        description="The organisation's published, unexpired cooperation offers and requests"
    )

    @staticmethod
    def resolve_cooperation_profiles(obj):
        return getattr(obj.organisation, "active_cooperation_profiles", [])

    @staticmethod
    def resolve_organisation(obj):
        return str(obj.organisation) if obj.organisation else None

    @staticmethod
    def resolve_sectors(obj):
        return [s.code for s in obj.organisation.sectors.all()] if obj.organisation else []

    @staticmethod
    def resolve_offer(obj, context):
        return label_in(obj.offer, context)

    @staticmethod
    def resolve_looking_for(obj, context):
        return label_in(obj.looking_for, context)


class ProfileOut(ParticipantOut):
    offers: dict[str, str] = Field(description="What we offer, in every language it has")
    looking_for_all: dict[str, str] = Field(description="What we look for, in every language")
    available_slots: list[str] = Field(description="Slot ids (start, ISO UTC); empty: every slot")
    max_meetings: int | None
    withdrawn: bool

    @staticmethod
    def resolve_offers(obj):
        return obj.offer

    @staticmethod
    def resolve_looking_for_all(obj):
        return obj.looking_for

    @staticmethod
    def resolve_withdrawn(obj):
        return obj.withdrawn_at is not None


class ProfileIn(Schema):
    offer: dict[str, str] | None = None
    looking_for: dict[str, str] | None = None
    available_slots: list[str] | None = None
    max_meetings: int | None = Field(None, ge=1, le=50)


class RequestIn(Schema):
    invitee: int = Field(description="Id of the participant asked")
    message: str = Field("", max_length=1000)


class AnswerIn(Schema):
    accept: bool


class RequestOut(Schema):
    id: int = Field(alias="pk")
    requester: int = Field(alias="requester_id")
    invitee: int = Field(alias="invitee_id")
    message: str
    status: RequestStatus
    created_at: datetime
    answered_at: datetime | None


class MeetingOut(Schema):
    id: int = Field(alias="pk")
    participants: list[int]
    mode: MeetingMode
    video_link: str
    slot: str | None = Field(description="Slot id (start, ISO UTC) once published")
    table: int | None
    locked: bool
    published: bool
    outcome: MeetingOutcome

    @staticmethod
    def resolve_participants(obj):
        return [p.pk for p in obj.participants.all()]

    @staticmethod
    def resolve_slot(obj):
        return slot_id(obj.slot_start) if obj.published and obj.slot_start else None

    @staticmethod
    def resolve_table(obj):
        return obj.table if obj.published else None


class RunIn(Schema):
    time_limit: int = Field(30, ge=1, le=600, description="Seconds")


class RunOut(Schema):
    id: int = Field(alias="pk")
    status: ScheduleRunStatus
    progress: int = Field(description="Percent")
    time_limit: int
    created_at: datetime
    finished_at: datetime | None
    published_at: datetime | None
    result: dict = Field(description="The schedule, as docs/b2b-scheduling.md defines it")
    error: str


# Helpers


_run = conflicts_as_409(CONFLICTS)


def _congress(slug):
    return get_object_or_404(Congress, slug=slug)


def _me(request, congress):
    participant = get_object_or_404(
        queries.participants(congress).select_related("congress"),
        registration__user=request.auth,
    )
    return participant


# Participants


@router.get(
    "/congresses/{slug}/b2b/me",
    response={200: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="My B2B profile",
    description="404 when the caller does not take part in the congress's B2B meetings.",
)
def get_profile(request, slug: str):
    return _me(request, _congress(slug))


@router.put(
    "/congresses/{slug}/b2b/me",
    response={200: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change my B2B profile",
    description="Offer and looking_for are keyed by language; fields left out stay as they are.",
)
def put_profile(request, slug: str, payload: ProfileIn):
    participant = _me(request, _congress(slug))
    b2b_participants.update_profile(
        participant=participant, by=request.auth, **payload.dict(exclude_none=True)
    )
    return _me(request, participant.congress)


@router.get(
    "/congresses/{slug}/b2b/participants",
    response=list[ParticipantOut],
    summary="Browse B2B participants",
    description="Active participants with their organisation; no contact details: participants "
    "reach each other through meeting requests.",
)
@paginate(LimitOffset)
def list_participants(request, slug: str, helix_role: str = "", country: str = "", q: str = ""):
    return queries.filter_participants(
        queries.participants(_congress(slug)), helix_role=helix_role, country=country, text=q
    )


# Requests and meetings


@router.post(
    "/congresses/{slug}/b2b/requests",
    response={201: RequestOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Ask for a meeting",
    description="409 when requests are closed, the pair already has a request, or the caller has "
    "sent the most requests allowed.",
)
def create_request(request, slug: str, payload: RequestIn):
    congress = _congress(slug)
    me = _me(request, congress)
    invitee = get_object_or_404(queries.participants(congress), pk=payload.invitee)
    return 201, _run(
        b2b_requests.send_request,
        requester=me,
        invitee=invitee,
        message=payload.message,
        by=request.auth,
    )


@router.get(
    "/congresses/{slug}/b2b/requests",
    response={200: list[RequestOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="My requests, sent and received",
    description="Requests the caller sent, then those they received, newest first.",
)
def list_requests(request, slug: str):
    me = _me(request, _congress(slug))
    sent, received = queries.requests_of(me)
    return list(sent) + list(received)


@router.post(
    "/congresses/{slug}/b2b/requests/{int:request_id}/answer",
    response={200: RequestOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Accept or decline a request",
    description="Only the invitee answers (403 otherwise); an accepted request becomes a meeting.",
)
def answer_request(request, slug: str, request_id: int, payload: AnswerIn):
    item = get_object_or_404(MeetingRequest, congress=_congress(slug), pk=request_id)
    return _run(b2b_requests.answer_request, request=item, accept=payload.accept, by=request.auth)


@router.get(
    "/congresses/{slug}/b2b/meetings",
    response={200: list[MeetingOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="My meetings and their schedule",
    description="slot and table are given once the schedule is published.",
)
def list_meetings(request, slug: str):
    return list(queries.meetings_of(_me(request, _congress(slug))))


# Organisers


@router.post(
    "/congresses/{slug}/b2b/schedule-runs",
    response={201: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Compute a draft schedule",
    description="For organisers: queues a run; poll it for its progress and result.",
)
def create_run(request, slug: str, payload: RunIn):
    congress = _congress(slug)
    require(request.auth, "congress.run_b2b", congress)
    run = _run(
        b2b_scheduling.start_schedule_run,
        congress=congress,
        by=request.auth,
        time_limit=payload.time_limit,
    )
    run.refresh_from_db()
    return 201, run


@router.get(
    "/congresses/{slug}/b2b/schedule-runs/{int:run_id}",
    response={200: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="A schedule run: progress and result",
    description="For organisers: poll `progress` (percent) until `status` is draft, then read "
    "`result`: assignments, unscheduled meetings, gaps and the proven bounds.",
)
def get_run(request, slug: str, run_id: int):
    congress = _congress(slug)
    require(request.auth, "congress.run_b2b", congress)
    return get_object_or_404(ScheduleRun, congress=congress, pk=run_id)


@router.post(
    "/congresses/{slug}/b2b/schedule-runs/{int:run_id}/publish",
    response={200: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish a draft schedule",
    description="Copies slots and tables into the meetings and emails participants whose "
    "meetings changed. 409 when the meetings changed since the draft.",
)
def publish_run(request, slug: str, run_id: int):
    congress = _congress(slug)
    require(request.auth, "congress.run_b2b", congress)
    run = get_object_or_404(ScheduleRun, congress=congress, pk=run_id)
    return _run(b2b_scheduling.publish_run, run=run, by=request.auth)
