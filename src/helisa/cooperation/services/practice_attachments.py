"""Attachments of good practices: type and size checks, and moderation of the changes authors make
once the case has left their hands.

Authors change a draft or rejected case freely, text and files alike, since the whole case is
reviewed when they send it. Once it is in review or published, they may not change its text
(rules_practices.EDITABLE_BY_AUTHORS); a file they add then waits for the secretariat's approval
before readers see it, and a file they remove stays until the secretariat agrees. The secretariat's
own changes take effect at once."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.cooperation.models import AttachmentKind, AttachmentStatus, PracticeAttachment

from .practice_notify import tell_authors

A = AttachmentStatus
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
MAX_ATTACHMENTS = 20
# extension -> (kind, content type, test of the first bytes)
ATTACHMENT_TYPES = {
    ".pdf": (AttachmentKind.PDF, "application/pdf", lambda head: head.startswith(b"%PDF-")),
    ".png": (AttachmentKind.IMAGE, "image/png", lambda head: head.startswith(b"\x89PNG\r\n\x1a\n")),
    ".jpg": (AttachmentKind.IMAGE, "image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".jpeg": (AttachmentKind.IMAGE, "image/jpeg", lambda head: head.startswith(b"\xff\xd8\xff")),
    ".webp": (
        AttachmentKind.IMAGE,
        "image/webp",
        lambda head: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    ),
}


def check_attachment(file):
    """(kind, content type) of an acceptable file, else a ValidationError. The extension is the
    uploader's word; the first bytes say what the file really is."""
    name = (file.name or "").lower()
    extension = name[name.rfind(".") :] if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise ValidationError(
            _("Attach a PDF document or a PNG, JPEG or WebP image."), code="file_type"
        )
    if file.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            _("The file is larger than %(limit)d MB.")
            % {"limit": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
            code="file_size",
        )
    if not file.size:
        raise ValidationError(_("The file is empty."), code="file_size")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind, content_type, looks_right = ATTACHMENT_TYPES[extension]
    if not looks_right(head):
        raise ValidationError(
            _("The file's content does not match its type (%(ext)s).") % {"ext": extension},
            code="file_content",
        )
    return kind, content_type


def _require_manager(by, practice):
    if not by.has_perm("cooperation.manage_practice", practice):
        raise PermissionDenied(_("You may not change this good practice."))


def changes_need_approval(practice, by):
    """True when `by` may not change the case directly, only ask the secretariat."""
    return not by.has_perm("cooperation.change_practice", practice)


def add_attachment(*, practice, file, by, name=""):
    _require_manager(by, practice)
    kind, content_type = check_attachment(file)
    if practice.attachments.count() >= MAX_ATTACHMENTS:
        raise ValidationError(
            _("A good practice has at most %(n)d attachments.") % {"n": MAX_ATTACHMENTS}
        )
    original = file.name.rsplit("/", 1)[-1]
    return PracticeAttachment.objects.create(
        practice=practice,
        file=file,
        kind=kind,
        content_type=content_type,
        name=(name or "").strip()[:200] or original[:200],
        size=file.size,
        status=A.PENDING if changes_need_approval(practice, by) else A.APPROVED,
        uploaded_by=by,
    )


def _remove(attachment):
    attachment.file.delete(save=False)
    attachment.delete()


def delete_attachment(*, attachment, by):
    """Remove the file, or, where the secretariat must agree, ask it to. Returns the attachment
    when it stays (awaiting the secretariat), None when it is gone."""
    _require_manager(by, attachment.practice)
    if attachment.status == A.PENDING or not changes_need_approval(attachment.practice, by):
        _remove(attachment)
        return None
    attachment.status = A.REMOVAL_REQUESTED
    attachment.save(update_fields=["status"])
    return attachment


@transaction.atomic
def review_attachment(*, attachment, by, approve):
    """The secretariat approves or refuses a pending file or a removal the authors asked for;
    the authors are told."""
    practice = attachment.practice
    if not by.has_perm("cooperation.moderate_practice", practice):
        raise PermissionDenied(_("You may not do this with this good practice."))
    attachment = PracticeAttachment.objects.select_for_update().get(pk=attachment.pk)
    if attachment.status == A.APPROVED:
        raise ValidationError(_("Nothing about this attachment awaits a decision."))
    asked = attachment.status
    keeps = bool(approve) if asked == A.PENDING else not approve
    if keeps:
        attachment.status = A.APPROVED
        attachment.save(update_fields=["status"])
    else:
        _remove(attachment)
    tell_authors(
        practice,
        template="practice_attachment_reviewed",
        by=by,
        name=attachment.name,
        removal=asked == A.REMOVAL_REQUESTED,
        approved=bool(approve),
    )
    return attachment
