"""The controlled_by column of the organisation import and export: checked whole, undoable."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.registry.imports import ImportStateError, confirm_import, undo_import, upload_import
from helisa.registry.models import ChangeRecord, ImportKind, ImportStatus, Organisation
from tests.factories import OrganisationFactory, UserFactory

from .import_files import csv_upload, organisation_row, reference_data


@pytest.fixture
def importer(db, settings, tmp_path):
    settings.IMPORT_PROGRESS_FILE = tmp_path / "progress.sqlite3"
    reference_data()
    return UserFactory()


def _update_row(organisation, **changes):
    return {
        "id": organisation.pk,
        "legal_name": organisation.legal_name,
        "helix_role": organisation.helix_role,
        "country": organisation.country_id,
        **changes,
    }


def _upload(rows, by):
    return upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=by)


def _errors(batch):
    return [(p["row"], p["column"], p["message"]) for p in batch.problems if p["level"] == "error"]


def test_an_import_names_the_controlling_organisation_and_its_undo_restores_control(importer):
    parent = OrganisationFactory(legal_name="Grupa Holding")
    former = OrganisationFactory(legal_name="Dawny Właściciel")
    subsidiary = OrganisationFactory(
        legal_name="Spółka Córka", owner=importer, controlled_by=former
    )
    rows = [
        organisation_row(1, controlled_by=parent.pk),
        organisation_row(2),
        _update_row(subsidiary, controlled_by=parent.pk),
    ]

    batch = _upload(rows, importer)
    assert batch.status == ImportStatus.READY, batch.problems
    confirm_import(batch=batch, by=importer)

    created = Organisation.objects.filter(import_batch=batch).order_by("legal_name")
    assert [o.controlled_by_id for o in created] == [parent.pk, None]
    subsidiary.refresh_from_db()
    assert subsidiary.controlled_by_id == parent.pk
    update = ChangeRecord.objects.get(import_batch=batch, record_id=str(subsidiary.pk))
    assert update.changes["controlled_by"] == [former.pk, parent.pk]

    undo_import(batch=batch, by=importer)

    subsidiary.refresh_from_db()
    assert subsidiary.controlled_by_id == former.pk
    assert not Organisation.objects.filter(import_batch=batch).exists()


def test_an_unknown_controlling_organisation_is_refused_and_nothing_is_written(importer):
    rows = [organisation_row(1), organisation_row(2, controlled_by="999999")]

    batch = _upload(rows, importer)

    assert batch.status == ImportStatus.INVALID
    assert _errors(batch) == [(3, "controlled_by", "No organisation has the id 999999")]
    with pytest.raises(ImportStateError):
        confirm_import(batch=batch, by=importer)
    assert not Organisation.objects.filter(legal_name__startswith="Fabryka").exists()


def test_a_loop_of_control_with_the_registry_is_refused(importer):
    head = OrganisationFactory(owner=importer)
    middle = OrganisationFactory(controlled_by=head)
    bottom = OrganisationFactory(controlled_by=middle)

    batch = _upload([_update_row(head, controlled_by=bottom.pk)], importer)

    assert batch.status == ImportStatus.INVALID
    [(row, column, message)] = _errors(batch)
    assert (row, column) == (2, "controlled_by")
    assert f"Organisation {bottom.pk} is controlled by this one" in message
    head.refresh_from_db()
    assert head.controlled_by_id is None


def test_a_loop_closed_by_two_rows_of_the_file_is_refused_on_the_second(importer):
    first = OrganisationFactory(owner=importer)
    second = OrganisationFactory(owner=importer)
    rows = [
        _update_row(first, controlled_by=second.pk),
        _update_row(second, controlled_by=first.pk),
    ]

    batch = _upload(rows, importer)

    assert [(row, column) for row, column, _message in _errors(batch)] == [(3, "controlled_by")]
    assert Organisation.objects.filter(controlled_by__isnull=False).count() == 0


def test_an_organisation_cannot_control_itself(importer):
    alone = OrganisationFactory(owner=importer)

    batch = _upload([_update_row(alone, controlled_by=alone.pk)], importer)

    assert _errors(batch) == [
        (2, "controlled_by", "An organisation cannot be controlled by itself.")
    ]


def test_undo_is_refused_once_an_imported_organisation_controls_another(importer):
    batch = _upload([organisation_row(1)], importer)
    confirm_import(batch=batch, by=importer)
    imported = Organisation.objects.get(import_batch=batch)
    OrganisationFactory(controlled_by=imported)

    with pytest.raises(ImportStateError):
        undo_import(batch=batch, by=importer)
    assert Organisation.objects.filter(pk=imported.pk).exists()


def _export(client):
    response = client.get(reverse("registry:export_organisations"), {"format": "csv"})
    return b"".join(response.streaming_content)


def _export_queries(client):
    with CaptureQueriesContext(connection) as queries:
        _export(client)
    return len(queries)


def test_the_export_holds_the_controlling_id_and_imports_back_unchanged(client, importer):
    parent = OrganisationFactory(legal_name="Grupa", owner=importer)
    child = OrganisationFactory(legal_name="Córka", owner=importer, controlled_by=parent)
    one = _export_queries(client)
    for _number in range(15):
        OrganisationFactory(controlled_by=parent)
    assert _export_queries(client) == one

    exported = list(csv.DictReader(io.StringIO(_export(client).decode("utf-8-sig"))))
    by_id = {row["id"]: row["controlled_by"] for row in exported}
    assert (by_id[str(child.pk)], by_id[str(parent.pk)]) == (str(parent.pk), "")

    ours = [row for row in exported if row["id"] in (str(parent.pk), str(child.pk))]
    batch = _upload(ours, importer)
    assert batch.status == ImportStatus.READY, batch.problems
    assert batch.summary["update"] == 2
    confirm_import(batch=batch, by=importer)
    child.refresh_from_db()
    assert child.controlled_by_id == parent.pk
