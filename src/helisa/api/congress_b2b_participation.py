"""Taking part in a congress's B2B meetings through the API as in the UI (congress/views/b2b.py):
joining, withdrawing, taking a meeting request back, where a meeting happens and its outcome."""

from django.shortcuts import get_object_or_404
from ninja import Router

from helisa.congress import b2b_queries as queries
from helisa.congress.models import MeetingRequest, Registration
from helisa.congress.services import b2b_meetings, b2b_participants, b2b_requests

from .auth import signed_in
from .congress_b2b_access import congress_or_404, me_or_404, run_service
from .congress_b2b_schemas import MeetingOut, OutcomeIn, PlaceIn, ProfileOut, RequestOut
from .schemas import WRITE_ERRORS

router = Router(tags=["B2B meetings"])


@router.post(
    "/congresses/{slug}/b2b/join",
    response={201: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Join the B2B meetings",
    description="From the caller's own registration (404 without one); 409 unless it is "
    "confirmed. Joining again after withdrawing takes part again.",
)
def join(request, slug: str):
    congress = congress_or_404(slug)
    registration = get_object_or_404(Registration, congress=congress, user=request.auth)
    run_service(b2b_participants.opt_in, registration=registration, by=request.auth)
    return 201, me_or_404(request, congress)


@router.post(
    "/congresses/{slug}/b2b/withdraw",
    response={200: ProfileOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Withdraw from the B2B meetings",
    description="Pending requests lapse and the caller's meetings are left out of the next "
    "schedule. 404 when the caller does not take part.",
)
def withdraw(request, slug: str):
    participant = me_or_404(request, congress_or_404(slug))
    b2b_participants.withdraw(participant=participant, by=request.auth)
    return queries.with_profile_details(participant)


@router.post(
    "/congresses/{slug}/b2b/requests/{int:request_id}/cancel",
    response={200: RequestOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Take a meeting request back",
    description="Only the requester (403 otherwise); an accepted request cancels its meeting "
    "too. 409 when the request is no longer open.",
)
def cancel_request(request, slug: str, request_id: int):
    item = get_object_or_404(MeetingRequest, congress=congress_or_404(slug), pk=request_id)
    return run_service(b2b_requests.cancel_request, request=item, by=request.auth)


def _meeting(slug, meeting_id):
    return get_object_or_404(queries.active_meetings(congress_or_404(slug)), pk=meeting_id)


@router.post(
    "/congresses/{slug}/b2b/meetings/{int:meeting_id}/place",
    response={200: MeetingOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Meet at a table or online",
    description="For the meeting's participants and the organisers (403 otherwise); online "
    "needs the video-call link the participants give, and frees the meeting's table.",
)
def set_place(request, slug: str, meeting_id: int, payload: PlaceIn):
    meeting = _meeting(slug, meeting_id)
    b2b_meetings.set_meeting_place(
        meeting=meeting, mode=payload.mode, video_link=payload.video_link, by=request.auth
    )
    return _meeting(slug, meeting_id)


@router.post(
    "/congresses/{slug}/b2b/meetings/{int:meeting_id}/outcome",
    response={200: MeetingOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Record whether a meeting was held",
    description="For the meeting's participants and the organisers (403 otherwise); 422 for a "
    "meeting that was never scheduled.",
)
def record_outcome(request, slug: str, meeting_id: int, payload: OutcomeIn):
    meeting = _meeting(slug, meeting_id)
    b2b_meetings.record_outcome(meeting=meeting, outcome=payload.outcome, by=request.auth)
    return _meeting(slug, meeting_id)
