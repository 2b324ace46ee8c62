"""The organisers' side of B2B matchmaking through the API as in the UI
(congress/views/organiser.py and b2b_documents.py): their meetings and locks, discarding a draft
schedule, the table plan per slot. Each endpoint asks the same rule as the pages: congress.run_b2b."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from helisa.congress import b2b_queries as queries
from helisa.congress.models import B2BParticipant, ScheduleRun
from helisa.congress.services import b2b_meetings, b2b_scheduling
from helisa.congress.slots import local_label

from .auth import signed_in
from .congress_b2b_access import organised, run_service
from .congress_b2b_schemas import LockIn, MeetingIn, OrganiserMeetingOut, PlanSlot, RunOut
from .pagination import LimitOffset
from .schemas import WRITE_ERRORS

router = Router(tags=["B2B meetings: organisers"])


def _meeting(congress, meeting_id):
    return get_object_or_404(queries.active_meetings(congress), pk=meeting_id)


@router.post(
    "/congresses/{slug}/b2b/schedule-runs/{int:run_id}/discard",
    response={200: RunOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Discard a draft schedule",
    description="409 unless the run is a draft (or failed).",
)
def discard_run(request, slug: str, run_id: int):
    congress = organised(request, slug)
    run = get_object_or_404(ScheduleRun, congress=congress, pk=run_id)
    return run_service(b2b_scheduling.discard_run, run=run, by=request.auth)


@router.get(
    "/congresses/{slug}/b2b/organise/meetings",
    response={200: list[OrganiserMeetingOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="Every meeting of the matchmaking",
    description="Not cancelled, with their slot and table whether published or not.",
)
@paginate(LimitOffset)
def list_meetings(request, slug: str):
    return queries.active_meetings(organised(request, slug))


@router.post(
    "/congresses/{slug}/b2b/organise/meetings",
    response={201: OrganiserMeetingOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Add a meeting",
    description="Between two or more participants of the congress; the next schedule places it.",
)
def add_meeting(request, slug: str, payload: MeetingIn):
    congress = organised(request, slug)
    wanted = set(payload.participants)
    found = list(B2BParticipant.objects.filter(congress=congress, pk__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError(
            {"participants": _("Every participant must take part in this congress.")}
        )
    meeting = b2b_meetings.add_meeting(
        congress=congress,
        participants=found,
        by=request.auth,
        mode=payload.mode,
        video_link=payload.video_link,
    )
    return 201, _meeting(congress, meeting.pk)


@router.post(
    "/congresses/{slug}/b2b/organise/meetings/{int:meeting_id}/lock",
    response={200: OrganiserMeetingOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Lock a meeting to a slot and a table",
    description="The scheduler will not move it. An online meeting is locked to its slot only. "
    "422 for an unknown slot, a table out of range or one another locked meeting holds.",
)
def lock_meeting(request, slug: str, meeting_id: int, payload: LockIn):
    congress = organised(request, slug)
    meeting = _meeting(congress, meeting_id)
    b2b_meetings.lock_meeting(
        meeting=meeting, slot=payload.slot, table=payload.table, by=request.auth
    )
    return _meeting(congress, meeting_id)


@router.post(
    "/congresses/{slug}/b2b/organise/meetings/{int:meeting_id}/unlock",
    response={200: OrganiserMeetingOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Unlock a meeting",
    description="The next schedule may move it again.",
)
def unlock_meeting(request, slug: str, meeting_id: int):
    congress = organised(request, slug)
    b2b_meetings.unlock_meeting(meeting=_meeting(congress, meeting_id), by=request.auth)
    return _meeting(congress, meeting_id)


@router.get(
    "/congresses/{slug}/b2b/table-plan",
    response={200: list[PlanSlot], **WRITE_ERRORS},
    auth=signed_in,
    summary="The table plan per slot",
    description="For the congress's staff: every slot of the published schedule, in time order, "
    "with its meetings by table.",
)
def table_plan(request, slug: str):
    congress = organised(request, slug)
    return [
        {
            "slot": slot.id,
            "session": slot.session,
            "starts_at": slot.starts_at,
            "ends_at": slot.ends_at,
            "label": local_label(slot, congress.time_zone),
            "meetings": meetings,
        }
        for slot, meetings in queries.table_plan(congress)
    ]
