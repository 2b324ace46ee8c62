"""A participant's own B2B documents and follow-ups through the API as on their pages
(congress/views/b2b_documents.py and b2b.py): the published schedule as PDF and iCal in their
language, and what came of their meetings (negotiation started, agreement reached, its type)."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.pagination import paginate

from helisa.congress import b2b_my_schedule as my_schedule
from helisa.congress import b2b_queries as queries
from helisa.congress.documents import pdf_response
from helisa.congress.models import FollowUp
from helisa.congress.services import b2b_follow_ups

from .auth import signed_in
from .congress_b2b_access import congress_or_404
from .congress_b2b_settings_schemas import FollowUpIn, FollowUpOut
from .pagination import LimitOffset
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["B2B meetings"])


def _participant(request, slug):
    """The caller's participation, withdrawn or not, as the schedule pages take it; else 404."""
    participant = queries.participant_of(congress_or_404(slug), request.auth)
    if participant is None:
        raise Http404
    return participant


def _document(content_type):
    return {"responses": {"200": {"description": content_type, "content": {content_type: {}}}}}


@router.get(
    "/congresses/{slug}/b2b/meetings.pdf",
    response={401: Error, 404: Error},
    auth=signed_in,
    openapi_extra=_document("application/pdf"),
    summary="My published B2B schedule as PDF",
    description="In the caller's registration language; 404 for someone who does not take part.",
)
def schedule_pdf(request, slug: str):
    return pdf_response(my_schedule.schedule_pdf(_participant(request, slug)), f"b2b-{slug}.pdf")


@router.get(
    "/congresses/{slug}/b2b/meetings.ics",
    response={401: Error, 404: Error},
    auth=signed_in,
    openapi_extra=_document("text/calendar"),
    summary="My published B2B schedule as iCalendar",
    description="In the caller's registration language; times local to the congress, with "
    "its VTIMEZONE.",
)
def schedule_ics(request, slug: str):
    body = my_schedule.schedule_ics(_participant(request, slug))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="b2b-{slug}.ics"'
    return response


def _follow_ups(participant):
    return FollowUp.objects.filter(participant=participant).order_by("-asked_at", "pk")


@router.get(
    "/congresses/{slug}/b2b/follow-ups",
    response={200: list[FollowUpOut], **WRITE_ERRORS},
    auth=signed_in,
    summary="What came of my meetings",
    description="The follow-ups the caller was asked some months after the congress, answered "
    "or not; 404 for someone who does not take part.",
)
@paginate(LimitOffset)
def list_follow_ups(request, slug: str):
    return _follow_ups(_participant(request, slug))


@router.put(
    "/congresses/{slug}/b2b/follow-ups/{int:follow_up_id}",
    response={200: FollowUpOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Answer a follow-up",
    description="Only its participant (403 otherwise); an agreement needs its type (422 "
    "without); an agreement means a negotiation was started.",
)
def answer_follow_up(request, slug: str, follow_up_id: int, payload: FollowUpIn):
    item = get_object_or_404(
        FollowUp.objects.select_related("participant__registration"),
        meeting__congress=congress_or_404(slug),
        pk=follow_up_id,
    )
    return b2b_follow_ups.answer_follow_up(follow_up=item, by=request.auth, **payload.dict())
