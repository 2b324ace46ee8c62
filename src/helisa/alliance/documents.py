"""Which uploaded files an alliance keeps: plain checks on a name, a size and the first bytes.

The extension alone is the uploader's word; the first bytes say what the file is. PDF starts with
"%PDF-"; ODT and DOCX are ZIP containers, which start with "PK\x03\x04".
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_SIZE = 20 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
ZIP_MAGIC = b"PK\x03\x04"
ACCEPTED = {
    ".pdf": (PDF_MAGIC, "application/pdf"),
    ".odt": (ZIP_MAGIC, "application/vnd.oasis.opendocument.text"),
    ".docx": (
        ZIP_MAGIC,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
}


def extension_of(name):
    dot = (name or "").rfind(".")
    return name[dot:].lower() if dot >= 0 else ""


def check_document(*, name, size, head):
    """The content type to store for a file, or a ValidationError saying what is wrong with it."""
    extension = extension_of(name)
    if extension not in ACCEPTED:
        raise ValidationError(_("Upload a PDF, ODT or DOCX document."), code="file_type")
    if size > MAX_SIZE:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": MAX_SIZE // (1024 * 1024)},
            code="file_size",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="file_size")
    magic, content_type = ACCEPTED[extension]
    if not head.startswith(magic):
        raise ValidationError(
            _("The file's content is not a %(kind)s document.") % {"kind": extension[1:].upper()},
            code="file_content",
        )
    return content_type


def read_head(file, length=8):
    file.seek(0)
    head = file.read(length)
    file.seek(0)
    return head
