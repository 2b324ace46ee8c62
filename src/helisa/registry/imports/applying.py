"""Applying a validated file in one transaction: all of it is written, or none of it.

Rows are checked again as they are written (see checking.py); the first row that no longer
passes stops the import and rolls everything back. Writes go through the registry's services,
so history (ChangeRecord, tied to the batch) and search stay true; new organisations, the bulk
of a large file, are created a chunk at a time by bulk.py, which does what the service does.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import ImportBatch, ImportKind, ImportStatus, Organisation
from helisa.registry.services.clusters import add_member, create_cluster
from helisa.registry.services.organisations import create_organisation, update_organisation

from .bulk import OrganisationCreator, roomy_cache
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


def _organisation_fields(checked):
    values = dict(checked.values)
    values.pop("id", None)
    description = _descriptions(values)
    sectors, topics = values.pop("sectors", None), values.pop("topics", None)
    # A column naming a related record holds its id: the field's attname takes it.
    fields = {Organisation._meta.get_field(k).attname: v for k, v in values.items()}
    return fields, description, sectors, topics


def _write_organisation(checked, *, batch, by):
    fields, description, sectors, topics = _organisation_fields(checked)
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


class RowWriter:
    """Writes each row through the services as it comes."""

    def __init__(self, write, *, batch, by):
        self.write_row, self.batch, self.by = write, batch, by

    def write(self, checked):
        self.write_row(checked, batch=self.batch, by=self.by)

    def flush(self):
        pass


class OrganisationWriter(RowWriter):
    """New organisations in chunks (bulk.py); an update first writes what is buffered."""

    def __init__(self, *, batch, by):
        super().__init__(_write_organisation, batch=batch, by=by)
        self.creator = OrganisationCreator(batch=batch, by=by)

    def write(self, checked):
        if checked.action == UPDATE:
            self.creator.flush()
            super().write(checked)
            return
        fields, description, sectors, topics = _organisation_fields(checked)
        self.creator.add(
            sectors=sectors or (), topics=topics or (), description=description, **fields
        )

    def flush(self):
        self.creator.flush()


WRITERS = {
    ImportKind.ORGANISATIONS: _write_organisation,
    ImportKind.CLUSTERS: _write_cluster,
    ImportKind.MEMBERSHIPS: _write_membership,
}
# Kinds written in chunks rather than row by row (the tests compare both ways).
CHUNKED_WRITERS = {ImportKind.ORGANISATIONS: OrganisationWriter}


def writer_for(*, batch, by):
    if batch.kind in CHUNKED_WRITERS:
        return CHUNKED_WRITERS[batch.kind](batch=batch, by=by)
    return RowWriter(WRITERS[batch.kind], batch=batch, by=by)


def apply_file(*, batch, by):
    """Write every row, or none; returns the counts. Raises ImportStopped on a bad row."""
    writer = writer_for(batch=batch, by=by)
    checker = checker_for(batch=batch, reference=Reference.load())
    counts = {"create": 0, "update": 0, "skip": 0}
    with ProgressWriter(batch) as progress:
        progress.write(0)
        with roomy_cache(), transaction.atomic(), opened(batch, checker) as table:
            done = 0
            for _row, checked in checked_rows(table, checker):
                if checked.has_errors:
                    raise ImportStopped([p for p in checked.problems if p["level"] == "error"])
                if checked.action != SKIP:
                    writer.write(checked)
                counts[checked.action] += 1
                done += 1
                progress.advance(done)
            writer.flush()
            progress.write(done)
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.APPLIED,
                applied_at=timezone.now(),
                rows_done=done,
                rows_total=done,
                error="",
            )
    return counts
