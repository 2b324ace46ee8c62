"""Attachments of good practices: uploading and removing them, with the same type and size
checks as the case page (services/practice_attachments.py), and the secretariat's decisions on
the files authors add to or remove from a case in review or published."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from helisa.cooperation.models import GoodPractice, PracticeAttachment
from helisa.cooperation.queries_practices import attachments_awaiting_review
from helisa.cooperation.services import practice_attachments as services

from .auth import signed_in
from .pagination import LimitOffset
from .permissions import require
from .practices_schemas import AttachmentOut
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["Good practices"])


class AttachmentAwaiting(AttachmentOut):
    practice: int = Field(alias="practice_id")


class ReviewIn(Schema):
    approve: bool = Field(
        description="True: the new file is shown, or the file asked to be removed is removed"
    )


def _attachment(pk):
    return get_object_or_404(PracticeAttachment.objects.select_related("practice"), pk=pk)


def _kept(item):
    return Status(204, None) if item is None else Status(200, item)


@router.post(
    "/cooperation/practices/{int:practice_id}/attachments",
    response={201: AttachmentOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Attach a file to a good practice",
    description="multipart/form-data with `file` (PDF, PNG, JPEG or WebP, at most 10 MB, its "
    "content matching its type) and an optional `name` to show. By the authors and the "
    "secretariat; an author's file for a case in review or published waits for the "
    "secretariat's approval (status pending).",
)
def add_attachment(request, practice_id: int, file: File[UploadedFile], name: Form[str] = ""):
    practice = get_object_or_404(GoodPractice, pk=practice_id)
    require(request.auth, "cooperation.manage_practice", practice)
    item = services.add_attachment(practice=practice, file=file, name=name, by=request.auth)
    return Status(201, item)


@router.delete(
    "/cooperation/practices/attachments/{int:attachment_id}",
    response={200: AttachmentOut, 204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Remove an attachment",
    description="204 when the file is gone. For an author's file of a case in review or "
    "published, 200 with status removal: it stays until the secretariat agrees.",
)
def delete_attachment(request, attachment_id: int):
    item = _attachment(attachment_id)
    require(request.auth, "cooperation.manage_practice", item.practice)
    return _kept(services.delete_attachment(attachment=item, by=request.auth))


@router.get(
    "/cooperation/practices/attachments/awaiting-review",
    response={200: list[AttachmentAwaiting], 401: Error, 403: Error, 422: Error},
    auth=signed_in,
    summary="Attachments awaiting the secretariat",
    description="For the secretariat: files added to, or asked to be removed from, cases in "
    "review or published, oldest first.",
)
@paginate(LimitOffset)
def awaiting_review(request):
    if not request.auth.has_perm("cooperation.moderate_practice"):
        raise PermissionDenied(_("Only the secretariat reviews good practices."))
    return attachments_awaiting_review()


@router.post(
    "/cooperation/practices/attachments/{int:attachment_id}/review",
    response={200: AttachmentOut, 204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Decide on an attachment",
    description="By the secretariat: approve or refuse a pending file or a removal the authors "
    "asked for; the authors are told. 204 when the file is gone, else 200 with the file.",
)
def review_attachment(request, attachment_id: int, payload: ReviewIn):
    item = _attachment(attachment_id)
    require(request.auth, "cooperation.moderate_practice", item.practice)
    kept = services.review_attachment(attachment=item, by=request.auth, approve=payload.approve)
    return _kept(kept if kept.pk else None)
