"""B2B matchmaking at congresses: profiles, participants, meeting requests, meetings, and (for
organisers) schedule runs. Every write goes through the same services as the UI."""

from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from helisa.congress import b2b_queries as queries
from helisa.congress.models import MeetingRequest, ScheduleRun
from helisa.congress.services import b2b_participants, b2b_requests, b2b_scheduling

from . import (
    congress_b2b_mine,
    congress_b2b_organise,
    congress_b2b_participation,
    congress_b2b_settings,
)
from .auth import signed_in
from .congress_b2b_access import congress_or_404, me_or_404, organised, run_service
from .congress_b2b_schemas import (
    AnswerIn,
    MeetingOut,
    ParticipantOut,
    ProfileIn,
    ProfileOut,
    RequestIn,
    RequestOut,
    RunIn,
    RunOut,
)
from .pagination import LimitOffset
from .schemas import WRITE_ERRORS

router = Router(tags=["B2B meetings"])
router.add_router("", congress_b2b_participation.router)
router.add_router("", congress_b2b_organise.router)
router.add_router("", congress_b2b_settings.router)
router.add_router("", congress_b2b_mine.router)


# Participants


@router.get(
    "/congresses/{slug}/b2b/me",
    response={200: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="My B2B profile",
    description="404 when the caller does not take part in the congress's B2B meetings.",
)
def get_profile(request, slug: str):
    return me_or_404(request, congress_or_404(slug))


@router.put(
    "/congresses/{slug}/b2b/me",
    response={200: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change my B2B profile",
    description="Offer and looking_for are keyed by language; fields left out stay as they are.",
)
def put_profile(request, slug: str, payload: ProfileIn):
    participant = me_or_404(request, congress_or_404(slug))
    b2b_participants.update_profile(
        participant=participant, by=request.auth, **payload.dict(exclude_none=True)
    )
    return me_or_404(request, participant.congress)


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
        queries.participants(congress_or_404(slug)), helix_role=helix_role, country=country, text=q
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
    congress = congress_or_404(slug)
    me = me_or_404(request, congress)
    invitee = get_object_or_404(queries.participants(congress), pk=payload.invitee)
    return 201, run_service(
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
    me = me_or_404(request, congress_or_404(slug))
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
    item = get_object_or_404(MeetingRequest, congress=congress_or_404(slug), pk=request_id)
    return run_service(
        b2b_requests.answer_request, request=item, accept=payload.accept, by=request.auth
    )


@router.get(
    "/congresses/{slug}/b2b/meetings",
    response={200: list[MeetingOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="My meetings and their schedule",
    description="slot and table are given once the schedule is published.",
)
def list_meetings(request, slug: str):
    return list(queries.meetings_of(me_or_404(request, congress_or_404(slug))))


# Organisers


@router.post(
    "/congresses/{slug}/b2b/schedule-runs",
    response={201: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Compute a draft schedule",
    description="For organisers: queues a run; poll it for its progress and result.",
)
def createrun_service(request, slug: str, payload: RunIn):
    congress = organised(request, slug)
    run = run_service(
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
def getrun_service(request, slug: str, run_id: int):
    congress = organised(request, slug)
    return get_object_or_404(ScheduleRun, congress=congress, pk=run_id)


@router.post(
    "/congresses/{slug}/b2b/schedule-runs/{int:run_id}/publish",
    response={200: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish a draft schedule",
    description="Copies slots and tables into the meetings and emails participants whose "
    "meetings changed. 409 when the meetings changed since the draft.",
)
def publishrun_service(request, slug: str, run_id: int):
    congress = organised(request, slug)
    run = get_object_or_404(ScheduleRun, congress=congress, pk=run_id)
    return run_service(b2b_scheduling.publish_run, run=run, by=request.auth)
