"""A person's own agenda and the slides speakers upload."""

import zipfile

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from helisa.congress.models import Favourite

MAX_SLIDES_BYTES = 30 * 1024 * 1024
ODP_MIMETYPE = b"application/vnd.oasis.opendocument.presentation"
SLIDE_TYPES = {
    ".pdf": "application/pdf",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odp": "application/vnd.oasis.opendocument.presentation",
}


def toggle_favourite(*, user, session):
    """Add the session to the person's agenda, or take it out; returns True when it is in."""
    deleted, _rows = Favourite.objects.filter(user=user, session=session).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Favourite.objects.create(user=user, session=session)
    except IntegrityError:
        pass  # a double click: the first request added it
    return True


def slide_extension(name):
    name = name.lower()
    return next((ext for ext in SLIDE_TYPES if name.endswith(ext)), None)


def check_slides(file):
    """Refuse anything that is not really a PDF, PPTX or ODP file of a reasonable size.

    The content is checked, not just the name: a renamed executable must not be served to
    participants as slides.
    """
    extension = slide_extension(file.name)
    if extension is None:
        raise ValidationError(_("Slides must be a PDF, PPTX or ODP file."), code="file_type")
    if file.size > MAX_SLIDES_BYTES:
        raise ValidationError(
            _("Slides may be at most %(size)d MB.") % {"size": MAX_SLIDES_BYTES // 2**20},
            code="file_size",
        )
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if extension == ".pdf":
        valid = head.startswith(b"%PDF-")
    else:
        valid = head.startswith(b"PK\x03\x04") and _office_package(file, extension)
        file.seek(0)
    if not valid:
        raise ValidationError(
            _("The file's content does not match its type (%(ext)s).") % {"ext": extension},
            code="file_content",
        )
    return extension


def _office_package(file, extension):
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if extension == ".pptx":
                return "[Content_Types].xml" in names and "ppt/presentation.xml" in names
            return "mimetype" in names and package.read("mimetype").strip() == ODP_MIMETYPE
    except zipfile.BadZipFile:
        return False


def attach_slides(*, appearance, file, by):
    extension = check_slides(file)
    speaker = slugify(appearance.speaker.name) or "speaker"
    if appearance.slides:
        appearance.slides.delete(save=False)
    appearance.slides.save(f"session-{appearance.session_id}-{speaker}{extension}", file)
    return appearance
