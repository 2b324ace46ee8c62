"""The life of an import: upload, validate, confirm and apply, undo. Each step checks the state.

uploaded -> validating -> ready | invalid;  ready -> applying -> applied | failed;
applied -> undone. Files with more rows than settings.IMPORT_BACKGROUND_ROWS are validated and
applied by a background task; smaller ones at once.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.registry.models import ImportBatch, ImportKind, ImportStatus

from .applying import ImportStopped, apply_file
from .permissions import can_import, can_see_batch
from .reading import UnreadableFile, count_rows
from .undo import UndoRefused, undo_batch
from .validation import validate_file

logger = logging.getLogger(__name__)

ALLOWED_SUFFIXES = (".csv", ".xlsx")


class ImportStateError(ValidationError):
    pass


def _in_background(batch, background):
    if background is not None:
        return background
    return batch.rows_total > settings.IMPORT_BACKGROUND_ROWS


def upload_import(*, kind, file, by, cluster=None, background=None):
    """Store the file and validate it, at once or in the background."""
    if kind not in ImportKind.values:
        raise ValidationError(_("Unknown kind of import"))
    if not can_import(by, kind, cluster):
        raise PermissionDenied(_("You may not make this import"))
    name = Path(file.name).name
    if not name.lower().endswith(ALLOWED_SUFFIXES):
        raise ValidationError(_("Upload a CSV or XLSX file"))
    if file.size > settings.IMPORT_MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB") % {"size": settings.IMPORT_MAX_BYTES // 2**20}
        )
    batch = ImportBatch(
        kind=kind,
        original_name=name,
        created_by=by,
        cluster=cluster if kind == ImportKind.MEMBERSHIPS else None,
    )
    batch.file.save(name, file, save=False)
    batch.save()
    try:
        batch.file.open("rb")
        batch.rows_total = count_rows(batch.file.file, name)
    except (UnreadableFile, UnicodeDecodeError):
        batch.rows_total = 0
    finally:
        batch.file.close()
    batch.save(update_fields=["rows_total"])
    if _in_background(batch, background):
        _set_status(batch, ImportStatus.VALIDATING)
        from helisa.registry.tasks import validate_import_task

        transaction.on_commit(lambda: validate_import_task.enqueue(batch.pk))
    else:
        validate_import(batch=batch)
    return batch


def validate_import(*, batch):
    _set_status(batch, ImportStatus.VALIDATING)

    def on_progress(done):
        ImportBatch.objects.filter(pk=batch.pk).update(rows_done=done)

    result = validate_file(batch=batch, on_progress=on_progress)
    batch.problems = result.problems
    batch.summary = result.summary
    batch.rows_total = result.summary["rows"]
    batch.rows_done = 0
    batch.status = ImportStatus.READY if result.is_valid else ImportStatus.INVALID
    batch.save(update_fields=["problems", "summary", "rows_total", "rows_done", "status"])
    return batch


def confirm_import(*, batch, by, background=None):
    """Start applying a ready batch; only its creator or the secretariat may."""
    if not can_see_batch(by, batch):
        raise PermissionDenied
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.READY).update(
        status=ImportStatus.APPLYING, rows_done=0
    )
    if not claimed:
        raise ImportStateError(_("This import is not ready to be applied"))
    batch.refresh_from_db()
    if _in_background(batch, background):
        from helisa.registry.tasks import apply_import_task

        transaction.on_commit(lambda: apply_import_task.enqueue(batch.pk, by.pk))
    else:
        apply_import(batch=batch, by=by)
    return batch


def apply_import(*, batch, by):
    """Write the whole batch in one transaction; on any failure nothing is written."""
    if batch.status == ImportStatus.READY:
        ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.APPLYING)
    elif batch.status != ImportStatus.APPLYING:
        raise ImportStateError(_("This import is not ready to be applied"))
    try:
        counts = apply_file(batch=batch, by=by)
    except ImportStopped as stopped:
        _fail(batch, str(stopped), problems=stopped.problems)
    except Exception as error:
        logger.exception("Import %s failed", batch.pk)
        _fail(batch, _("The import stopped on an unexpected error: %(error)s") % {"error": error})
        raise
    else:
        batch.refresh_from_db()
        batch.summary = {**batch.summary, "applied": counts, "applied_by": by.pk}
        batch.save(update_fields=["summary"])
    batch.refresh_from_db()
    return batch


def undo_import(*, batch, by):
    if not can_see_batch(by, batch):
        raise PermissionDenied
    if batch.status != ImportStatus.APPLIED:
        raise ImportStateError(_("Only an applied import can be undone"))
    try:
        return undo_batch(batch=batch, by=by)
    except UndoRefused as refused:
        raise ImportStateError(refused.reasons) from refused


def _set_status(batch, status):
    batch.status = status
    ImportBatch.objects.filter(pk=batch.pk).update(status=status)


def _fail(batch, message, problems=None):
    from .progress import rows_done

    done = rows_done(batch)
    changes = {"status": ImportStatus.FAILED, "error": message, "rows_done": done}
    if problems:
        changes["problems"] = problems
    ImportBatch.objects.filter(pk=batch.pk).update(**changes)
    batch.refresh_from_db()
