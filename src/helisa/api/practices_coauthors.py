"""Invitations to co-author a good practice, as on the "My good practices" page: the managers of
an invited cluster list them and accept (the cluster joins the authors) or decline."""

from datetime import datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from helisa.cooperation.models import CoAuthorInvitation, CoAuthorStatus, PracticeStatus
from helisa.cooperation.queries_practices import coauthor_invitations_for
from helisa.cooperation.services import practice_coauthors as coauthors
from helisa.registry.models import Cluster

from .auth import signed_in
from .errors import conflicts_as_409
from .pagination import LimitOffset
from .permissions import require
from .practices_schemas import AuthorRef, PracticeSummary
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["Good practices"])
URL = "/cooperation/practices/coauthor-invitations"


class InvitedPractice(PracticeSummary):
    """The case, with the clusters that already sign it."""

    status: PracticeStatus


class CoAuthorInvitationOut(Schema):
    id: int
    status: CoAuthorStatus
    practice: InvitedPractice
    cluster: AuthorRef = Field(description="Your cluster, invited to be named among the authors")
    invited_by: str = Field(description="Who asked, as the invitation email names them")
    created_at: datetime
    answered_at: datetime | None

    @staticmethod
    def resolve_invited_by(obj):
        person = obj.invited_by
        return str(person) if person else ""


def _with_details(invitations):
    authors = Cluster.objects.select_related("organisation")
    return invitations.select_related("cluster__organisation", "invited_by").prefetch_related(
        Prefetch("practice__authors", queryset=authors)
    )


@router.get(
    URL,
    response={200: list[CoAuthorInvitationOut], 401: Error, 422: Error},
    auth=signed_in,
    summary="Invitations to co-author good practices",
    description="Those awaiting an answer for the clusters you own or manage (not merely edit), "
    "oldest first. Read the case at /cooperation/practices/{id} before answering.",
)
@paginate(LimitOffset)
def pending_invitations(request):
    return _with_details(coauthor_invitations_for(request.auth))


# An answer given before is a clash with what is stored.
_answered_once = conflicts_as_409({"already_answered"})


def _answer(request, invitation_id, *, accept):
    invitation = get_object_or_404(
        CoAuthorInvitation.objects.select_related("cluster__organisation"), pk=invitation_id
    )
    require(request.auth, "cooperation.answer_coauthor_invitation", invitation)
    _answered_once(
        coauthors.answer_invitation, invitation=invitation, by=request.auth, accept=accept
    )
    return _with_details(CoAuthorInvitation.objects.all()).get(pk=invitation.pk)


@router.post(
    URL + "/{int:invitation_id}/accept",
    response={200: CoAuthorInvitationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Accept an invitation to co-author a good practice",
    description="For a manager of the invited cluster: the cluster is named among the case's "
    "authors, and its managers may change the case like any author; the authors are told. "
    "409 when the invitation was answered before.",
)
def accept_invitation(request, invitation_id: int):
    return _answer(request, invitation_id, accept=True)


@router.post(
    URL + "/{int:invitation_id}/decline",
    response={200: CoAuthorInvitationOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Decline an invitation to co-author a good practice",
    description="For a manager of the invited cluster: the case does not name it, and it is "
    "not asked again; the authors are told.",
)
def decline_invitation(request, invitation_id: int):
    return _answer(request, invitation_id, accept=False)
