"""Importing organisations, clusters and memberships from CSV and XLSX files.

columns: what each kind's columns accept; reading: files as rows; checking and validation:
problems per row; applying: one transaction; bulk: new organisations a chunk at a time;
progress: rows_done outside that transaction; undo: a whole import at once; services: the
steps, as the views, command and tasks call them.
"""

from .services import (
    ImportStateError,
    apply_import,
    confirm_import,
    undo_import,
    upload_import,
    validate_import,
)

__all__ = [
    "ImportStateError",
    "apply_import",
    "confirm_import",
    "undo_import",
    "upload_import",
    "validate_import",
]
