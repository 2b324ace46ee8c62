"""Applying a validated file in one transaction: all of it is written, or none of it.

Rows are checked again as they are written (see checking.py); the first row that no longer
passes stops the import and rolls everything back. Every write goes through the registry's
services, so history (ChangeRecord, tied to the batch) and search stay true.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import ImportBatch, ImportKind, ImportStatus
from helisa.registry.services.clusters import add_member, create_cluster
from helisa.registry.services.organisations import create_organisation, update_organisation

from .checking import SKIP, UPDATE, checker_for
from .columns import Reference
from .progress import ProgressWriter
from .validation import checked_rows, opened


class ImportStopped(Exception):
    def __init__(self, problems):
        self.problems = problems
        first = problems[0]
        super().__init__(
            _("Row %(row)s, %(column)s: %(message)s")
            % {"row": first["row"], "column": first["column"], "message": first["message"]}
        )


def _descriptions(values):
    return {
        name.removeprefix("description_"): values.pop(name)
        for name in list(values)
        if name.startswith("description_")
    }


def _write_organisation(checked, *, batch, by):
    values = dict(checked.values)
    values.pop("id", None)
    description = _descriptions(values)
    sectors, topics = values.pop("sectors", None), values.pop("topics", None)
    fields = {
        ("country_id" if k == "country" else "region_id" if k == "region" else k): v
        for k, v in values.items()
    }
    if checked.action == UPDATE:
        organisation = checked.target
        if description:
            fields["description"] = {**organisation.description, **description}
        update_organisation(
            organisation=organisation,
            by=by,
            import_batch=batch,
            sectors=sectors,
            topics=topics,
            **fields,
        )
    else:
        create_organisation(
            by=by,
            import_batch=batch,
            sectors=sectors or (),
            topics=topics or (),
            description=description,
            **fields,
        )


def _write_cluster(checked, *, batch, by):
    values = dict(checked.values)
    create_cluster(
        organisation=checked.target,
        by=by,
        import_batch=batch,
        focus_sectors=values.pop("focus_sectors", ()),
        focus_topics=values.pop("focus_topics", ()),
        regions=values.pop("regions", ()),
        **values,
    )


def _write_membership(checked, *, batch, by):
    cluster, member = checked.target
    add_member(cluster=cluster, member=member, by=by, import_batch=batch, **checked.values)


WRITERS = {
    ImportKind.ORGANISATIONS: _write_organisation,
    ImportKind.CLUSTERS: _write_cluster,
    ImportKind.MEMBERSHIPS: _write_membership,
}


def apply_file(*, batch, by):
    """Write every row, or none; returns the counts. Raises ImportStopped on a bad row."""
    write = WRITERS[batch.kind]
    checker = checker_for(batch=batch, reference=Reference.load())
    counts = {"create": 0, "update": 0, "skip": 0}
    with ProgressWriter(batch) as progress:
        progress.write(0)
        with transaction.atomic(), opened(batch, checker) as table:
            done = 0
            for _row, checked in checked_rows(table, checker):
                if checked.has_errors:
                    raise ImportStopped([p for p in checked.problems if p["level"] == "error"])
                if checked.action != SKIP:
                    write(checked, batch=batch, by=by)
                counts[checked.action] += 1
                done += 1
                progress.advance(done)
            progress.write(done)
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.APPLIED,
                applied_at=timezone.now(),
                rows_done=done,
                rows_total=done,
                error="",
            )
    return counts
