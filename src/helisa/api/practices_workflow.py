"""Good practices around their publication: the authors' own cases, the secretariat's moderation
queue, and the organisations that want to adopt a case or have adopted it. Writing, submitting,
publishing, sending back and rejecting are in practices.py."""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from helisa.cooperation.models import AdoptionInterest, GoodPractice, PracticeStatus
from helisa.cooperation.queries_practices import practices_managed_by, review_queue
from helisa.cooperation.services import practices as services
from helisa.registry.models import Organisation

from .auth import signed_in
from .cooperation_schemas import OrganisationRef
from .pagination import LimitOffset
from .permissions import require
from .practices_schemas import AdoptionIn, AdoptionOut, FeedbackIn, FeedbackOut, PracticeSummary
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["Good practices"])
LIST_ERRORS = {401: Error, 403: Error, 422: Error}


class PracticeInProgress(PracticeSummary):
    status: PracticeStatus
    review_note: str = Field(description="The secretariat's reason when it sent the case back")
    submitted_at: datetime | None
    updated_at: datetime


class MineFilters(Schema):
    status: PracticeStatus | None = Field(None, description="e.g. draft")


class AdoptionInterestOut(Schema):
    id: int
    organisation: OrganisationRef
    message: str
    sender_email: str = Field(description="Who wrote, to answer them (the email said it too)")
    created_at: datetime

    @staticmethod
    def resolve_sender_email(obj):
        return obj.created_by.email if obj.created_by else ""


@router.get(
    "/cooperation/practices/mine",
    response={200: list[PracticeInProgress], **LIST_ERRORS},
    auth=signed_in,
    summary="My good practices",
    description="Cases of the clusters you manage or edit, of every status, last changed "
    "first; `status=draft` gives your drafts.",
)
@paginate(LimitOffset)
def my_practices(request, filters: Query[MineFilters]):
    practices = practices_managed_by(request.auth)
    if filters.status:
        practices = practices.filter(status=filters.status)
    return practices


@router.get(
    "/cooperation/practices/review-queue",
    response={200: list[PracticeInProgress], **LIST_ERRORS},
    auth=signed_in,
    summary="Good practices awaiting review",
    description="For the secretariat: cases sent for review, oldest first. Publish one with "
    "/publish, send it back with /return or refuse it with /reject.",
)
@paginate(LimitOffset)
def moderation_queue(request):
    if not request.auth.has_perm("cooperation.moderate_practice"):
        raise PermissionDenied(_("Only the secretariat reviews good practices."))
    return review_queue()


@router.get(
    "/cooperation/practices/{int:practice_id}/adoption-interests",
    response={200: list[AdoptionInterestOut], **LIST_ERRORS, 404: Error},
    auth=signed_in,
    summary="Who wants to adopt a good practice",
    description="For the authors and the secretariat: the organisations that said "
    "'we want to adopt this', newest first.",
)
@paginate(LimitOffset)
def adoption_interests(request, practice_id: int):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.manage_practice", practice)
    return (
        AdoptionInterest.objects.filter(practice=practice)
        .select_related("organisation", "created_by")
        .order_by("-created_at", "-pk")
    )


def _visible(request, practice_id):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    if not request.auth.has_perm("cooperation.view_practice", practice):
        raise Http404
    return practice


@router.post(
    "/cooperation/practices/{int:practice_id}/adoption-interests",
    response={201: AdoptionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="We want to adopt this",
    description="Emails the authors' cluster managers, once per organisation.",
)
def adoption_interest(request, practice_id: int, payload: AdoptionIn):
    practice = _visible(request, practice_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    interest = services.want_to_adopt(
        practice=practice, organisation=organisation, by=request.auth, message=payload.message
    )
    return Status(201, interest)


@router.post(
    "/cooperation/practices/{int:practice_id}/feedback",
    response={201: FeedbackOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="We adopted it",
    description="Shown on the case to every reader, once per organisation.",
)
def give_feedback(request, practice_id: int, payload: FeedbackIn):
    practice = _visible(request, practice_id)
    organisation = get_object_or_404(Organisation, pk=payload.organisation)
    feedback = services.give_feedback(
        practice=practice,
        organisation=organisation,
        by=request.auth,
        text=payload.text,
        adopted_on=payload.adopted_on,
    )
    return Status(201, feedback)
