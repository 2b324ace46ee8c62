"""Expressions of interest as each side sees them: received on the caller's profiles, and sent
for the organisations the caller speaks for. The other side's contact comes only with
acceptance (brokered contact); answering is in cooperation.py."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from helisa.cooperation.models import ExpressionOfInterest, InterestStatus
from helisa.cooperation.queries import interests_of_user, profiles_managed_by

from .auth import signed_in
from .cooperation_schemas import InterestReceived, InterestSent
from .pagination import LimitOffset
from .schemas import Error

router = Router(tags=["Cooperation"])
MINE_ERRORS = {401: Error, 422: Error}


class InterestFilters(Schema):
    status: InterestStatus | None = None
    profile: int | None = Field(None, description="Id of one profile")


def _filtered(interests, filters):
    if filters.status:
        interests = interests.filter(status=filters.status)
    if filters.profile is not None:
        interests = interests.filter(profile_id=filters.profile)
    return interests


def received_by(user):
    return (
        ExpressionOfInterest.objects.filter(profile__in=profiles_managed_by(user).values("pk"))
        .select_related("profile__organisation", "organisation", "created_by")
        .order_by("-created_at", "-pk")
    )


@router.get(
    "/cooperation/interests/received",
    response={200: list[InterestReceived], **MINE_ERRORS},
    auth=signed_in,
    summary="Expressions of interest received",
    description="On the profiles of the organisations you speak for, newest first. Answer them "
    "at /cooperation/profiles/{profile}/interests/{id}/accept or /decline.",
)
@paginate(LimitOffset)
def list_received(request, filters: Query[InterestFilters]):
    return _filtered(received_by(request.auth), filters)


@router.get(
    "/cooperation/interests/sent",
    response={200: list[InterestSent], **MINE_ERRORS},
    auth=signed_in,
    summary="Expressions of interest sent",
    description="Yours and those of the organisations you speak for, newest first.",
)
@paginate(LimitOffset)
def list_sent(request, filters: Query[InterestFilters]):
    return _filtered(interests_of_user(request.auth), filters)
