"""Good practices: the public library, writing by the authors' managers, moderation by the
secretariat, and adoption, with the rules of the UI (cooperation/rules_practices.py)."""

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from helisa.cooperation.models import GoodPractice
from helisa.cooperation.queries_practices import filter_practices, practice_for_page
from helisa.cooperation.services import practices as services
from helisa.registry.models import Cluster

from . import practices_attachments, practices_coauthors, practices_workflow
from .auth import SessionAuth, TokenAuth, signed_in
from .pagination import LimitOffset
from .permissions import require
from .practices_schemas import (
    PracticeDetail,
    PracticeFilters,
    PracticeIn,
    PracticePatch,
    PracticeSummary,
    RejectIn,
    ReturnIn,
)
from .references import resolve
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Good practices"])
# The authors' cases, the moderation queue, attachments, co-authors: in modules of their own.
router.add_router("", practices_workflow.router)
router.add_router("", practices_attachments.router)
router.add_router("", practices_coauthors.router)


def _anonymous(request):
    return AnonymousUser()


maybe_signed_in = [TokenAuth(), SessionAuth(), _anonymous]


def _detail(pk, user):
    practice = practice_for_page(pk)
    if practice is None or not user.has_perm("cooperation.view_practice", practice):
        raise Http404
    practice.shows_note = user.has_perm("cooperation.manage_practice", practice)
    return practice


def _values(data):
    authors = data.pop("authors", None)
    values = resolve(data)
    if authors is not None:
        found = Cluster.objects.select_related("organisation").in_bulk(authors)
        missing = [str(pk) for pk in authors if pk not in found]
        if missing:
            raise ValidationError(
                {"authors": _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}}
            )
        values["authors"] = [found[pk] for pk in dict.fromkeys(authors)]
    return values


@router.get(
    "/cooperation/practices",
    response={200: list[PracticeSummary], 422: READ_ERRORS[422]},
    summary="List good practices",
    description="Published cases, newest first. `q` searches titles, sections, indicators and "
    "authors in every language.",
)
@paginate(LimitOffset)
def list_practices(request, filters: Query[PracticeFilters]):
    return filter_practices(filters.dict())


@router.get(
    "/cooperation/practices/{int:practice_id}",
    response={200: PracticeDetail, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One good practice",
    description="Drafts and cases in review are seen only by their authors and the secretariat.",
)
def get_practice(request, practice_id: int):
    return _detail(practice_id, request.auth)


@router.post(
    "/cooperation/practices",
    response={201: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Write a good practice",
    description="A draft, authored by clusters one of which the caller manages.",
)
def create_practice(request, payload: PracticeIn):
    practice = services.create_practice(by=request.auth, **_values(payload.dict()))
    return Status(201, _detail(practice.pk, request.auth))


@router.patch(
    "/cooperation/practices/{int:practice_id}",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a good practice",
    description="Authors change drafts and rejected cases; the secretariat any case. Changes "
    "only the fields sent.",
)
def change_practice(request, practice_id: int, payload: PracticePatch):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.change_practice", practice)
    services.update_practice(
        practice=practice, by=request.auth, **_values(payload.dict(exclude_unset=True))
    )
    return _detail(practice.pk, request.auth)


def _transition(request, practice_id, action, reason=""):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.manage_practice", practice)
    services.transition(practice=practice, action=action, by=request.auth, reason=reason)
    return _detail(practice.pk, request.auth)


@router.post(
    "/cooperation/practices/{int:practice_id}/submit",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Send a good practice for review",
    description="By the authors, for a draft or rejected case with a title, problem and solution.",
)
def submit_practice(request, practice_id: int):
    return _transition(request, practice_id, "submit")


@router.post(
    "/cooperation/practices/{int:practice_id}/publish",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Publish a good practice",
    description="By the secretariat, for a case in review.",
)
def publish_practice(request, practice_id: int):
    return _transition(request, practice_id, "publish")


@router.post(
    "/cooperation/practices/{int:practice_id}/return",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Send a good practice back, or reject it",
    description="By the secretariat, with a reason the authors read.",
)
def return_practice(request, practice_id: int, payload: ReturnIn):
    action = "reject" if payload.reject else "return"
    return _transition(request, practice_id, action, payload.reason)


@router.post(
    "/cooperation/practices/{int:practice_id}/reject",
    response={200: PracticeDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Reject a good practice",
    description="By the secretariat, for a case in review, with a reason the authors read; "
    "they may change the case and send it again.",
)
def reject_practice(request, practice_id: int, payload: RejectIn):
    return _transition(request, practice_id, "reject", payload.reason)
