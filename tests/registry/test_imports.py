"""Importing organisations, clusters and memberships: preview, all-or-nothing apply, undo."""

import io

import pytest
from allauth.mfa.models import Authenticator
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.urls import reverse

from helisa.registry.imports import (
    ImportStateError,
    applying,
    bulk,
    checking,
    confirm_import,
    undo_import,
    upload_import,
)
from helisa.registry.imports.progress import ProgressWriter, rows_done
from helisa.registry.models import (
    ChangeRecord,
    Cluster,
    Country,
    HelixRole,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Membership,
    NutsRegion,
    Organisation,
    Topic,
)
from helisa.registry.queries import search_organisations
from tests.factories import ClusterFactory, OrganisationFactory, UserFactory

from .import_files import csv_upload, organisation_row, reference_data, xlsx_upload

# PostgreSQL writes progress on a second connection, which sees only committed rows; SQLite
# writes it to a side file, so there the tests need not commit (and flush the reference data).
ON_POSTGRESQL = connection.vendor == "postgresql"
# (no serialized_rollback: restoring the snapshot clashes with rows a previous flush recreated;
# tests/conftest.py puts the reference data back after the module instead)
ON_ANOTHER_CONNECTION = pytest.mark.django_db(transaction=ON_POSTGRESQL)

# row index in the file's data -> (column, value that is wrong there)
BAD_CELLS = {
    10: ("country", "XX"),
    100: ("helix_role", "bank"),
    200: ("latitude", "95"),
    300: ("sectors", "99.99"),
    400: ("legal_name", ""),
    500: ("website", "not a web address"),
    600: ("pic", "12345"),
    700: ("region", "ZZ999"),
    800: ("legal_name", "Fabryka 799 Sp. z o.o."),
    900: ("business_size", "huge"),
}


@pytest.fixture(autouse=True)
def _progress_file(settings, tmp_path):
    settings.IMPORT_PROGRESS_FILE = tmp_path / "import-progress.sqlite3"


@pytest.fixture
def importer(db):
    reference_data()
    return UserFactory()


def thousand_rows(bad=True):
    rows = [organisation_row(number) for number in range(1000)]
    if bad:
        for index, (column, value) in BAD_CELLS.items():
            rows[index][column] = value
            if column == "latitude":
                rows[index]["longitude"] = "19.9"
    return rows


def errors_of(batch):
    return [p for p in batch.problems if p["level"] == "error"]


def test_a_file_with_ten_bad_rows_lists_each_and_writes_nothing(importer):
    organisations_before = Organisation.objects.count()

    batch = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload(thousand_rows()), by=importer
    )

    assert batch.status == ImportStatus.INVALID
    assert batch.rows_total == 1000
    found = {(p["row"], p["column"]) for p in errors_of(batch)}
    assert found == {(index + 2, column) for index, (column, _value) in BAD_CELLS.items()}
    messages = {p["row"]: p["message"] for p in errors_of(batch)}
    assert messages[12] == "Country 'XX' is not an ISO 3166 country code"
    assert messages[102].startswith("Helix role 'bank' is not one of: business, university")
    assert messages[202] == "Latitude must be between -90 and 90"
    assert messages[302] == "Sector '99.99' is not a NACE Rev. 2.1 code"
    assert messages[802] == "Same legal name and country as row 801"
    assert batch.summary["rows_with_errors"] == 10
    assert Organisation.objects.count() == organisations_before
    assert not ChangeRecord.objects.exists()
    with pytest.raises(ImportStateError):
        confirm_import(batch=batch, by=importer)


def test_the_corrected_file_imports_all_rows_in_one_go(importer):
    batch = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload(thousand_rows(bad=False)), by=importer
    )
    assert batch.status == ImportStatus.READY, batch.problems[:3]
    assert batch.summary["create"] == 1000
    assert len(batch.summary["preview"]) == 10

    batch = confirm_import(batch=batch, by=importer)

    assert batch.status == ImportStatus.APPLIED
    imported = Organisation.objects.filter(import_batch=batch)
    assert imported.count() == 1000
    assert not imported.filter(owner__isnull=False).exists()
    first = imported.get(legal_name="Fabryka 0 Sp. z o.o.")
    assert first.description == {"en": "Factory number 0"}
    assert list(first.sectors.values_list("code", flat=True)) == ["62.10"]
    assert ChangeRecord.objects.filter(import_batch=batch, action="created").count() == 1000
    assert batch.rows_done == batch.rows_total == 1000


def test_labels_in_polish_and_semicolons_in_a_cp1250_file(importer):
    rows = [
        organisation_row(1, helix_role="Uczelnia", business_size="", city="Łódź"),
        organisation_row(
            2, helix_role="JEDNOSTKA NAUKOWA", business_size="", latitude="51,75", longitude="19,45"
        ),
    ]
    upload = csv_upload(rows, delimiter=";", encoding="cp1250")

    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=upload, by=importer)

    assert batch.status == ImportStatus.READY, batch.problems
    confirm_import(batch=batch, by=importer)
    assert Organisation.objects.get(city="Łódź").helix_role == HelixRole.UNIVERSITY
    assert Organisation.objects.get(short_name="F2").latitude == 51.75


def test_an_xlsx_file_imports(importer):
    rows = [organisation_row(number, latitude=50.06, longitude=19.94) for number in range(5)]
    rows[0]["pic"] = 999999999

    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=xlsx_upload(rows), by=importer)
    assert batch.status == ImportStatus.READY, batch.problems
    confirm_import(batch=batch, by=importer)

    assert Organisation.objects.filter(import_batch=batch).count() == 5
    assert Organisation.objects.get(short_name="F0").pic == "999999999"


def test_a_missing_column_is_reported_on_the_header_row(importer):
    rows = [{"legal_name": "Fabryka", "country": "PL"}]

    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)

    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch) == [
        {
            "row": 1,
            "column": "helix_role",
            "message": "The column 'helix_role' is missing",
            "level": "error",
        }
    ]


def test_a_similar_organisation_is_offered_as_a_warning(importer):
    existing = OrganisationFactory(
        legal_name="Fabryka Wodoru S.A.", country=Country.objects.get(code="PL")
    )

    batch = upload_import(
        kind=ImportKind.ORGANISATIONS,
        file=csv_upload([organisation_row(1, legal_name="FABRYKA WODORU Sp. z o.o.")]),
        by=importer,
    )

    assert batch.status == ImportStatus.READY
    assert [p["level"] for p in batch.problems] == ["warning"]
    assert f"organisation {existing.pk}" in batch.problems[0]["message"]


def test_the_preview_says_where_the_similar_name_check_stopped(importer, monkeypatch):
    monkeypatch.setattr(checking, "SIMILARITY_CHECK_ROWS", 2)
    rows = [organisation_row(number) for number in range(1, 5)]

    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)

    assert batch.status == ImportStatus.READY
    [notice] = batch.problems
    assert (notice["row"], notice["level"]) == (4, "warning")
    assert "first 2 new organisations" in notice["message"]


def test_undo_removes_everything_the_import_created_and_restores_what_it_changed(importer):
    changed = OrganisationFactory(legal_name="Stara Nazwa", city="Gdańsk", owner=importer)
    rows = [organisation_row(number) for number in range(20)]
    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)
    confirm_import(batch=batch, by=importer)
    update = upload_import(
        kind=ImportKind.ORGANISATIONS,
        file=csv_upload(
            [
                {
                    "id": changed.pk,
                    "legal_name": "Nowa Nazwa",
                    "helix_role": "business",
                    "country": "PL",
                    "city": "Sopot",
                }
            ]
        ),
        by=importer,
    )
    confirm_import(batch=update, by=importer)
    changed.refresh_from_db()
    assert (changed.legal_name, changed.city) == ("Nowa Nazwa", "Sopot")

    undo_import(batch=update, by=importer)
    undo_import(batch=batch, by=importer)

    changed.refresh_from_db()
    assert (changed.legal_name, changed.city) == ("Stara Nazwa", "Gdańsk")
    assert not Organisation.objects.filter(legal_name__startswith="Fabryka").exists()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UNDONE
    assert ChangeRecord.objects.filter(action="deleted", record_type="organisation").count() == 20


def test_undo_is_refused_when_an_imported_organisation_was_claimed_since(importer):
    batch = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload([organisation_row(1)]), by=importer
    )
    confirm_import(batch=batch, by=importer)
    Organisation.objects.filter(import_batch=batch).update(owner=UserFactory())

    with pytest.raises(ImportStateError):
        undo_import(batch=batch, by=importer)
    assert Organisation.objects.filter(import_batch=batch).count() == 1


@ON_ANOTHER_CONNECTION
def test_a_failure_in_the_middle_rolls_everything_back_and_keeps_the_progress():
    reference_data()
    importer = UserFactory()
    targets = OrganisationFactory.create_batch(350, owner=importer)
    rows = thousand_rows(bad=False)
    for row, target in zip(rows[650:], targets, strict=True):
        row["id"] = target.pk
    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)
    assert batch.status == ImportStatus.READY, batch.problems[:3]
    # The registry changes between the preview and the confirmation.
    gone = targets[2].pk
    targets[2].delete()

    batch = confirm_import(batch=batch, by=importer)

    assert batch.status == ImportStatus.FAILED
    assert batch.error == f"Row 654, id: No organisation has the id {gone}"
    assert not Organisation.objects.filter(legal_name__startswith="Fabryka").exists()
    assert not ChangeRecord.objects.exists()
    # Written every 100 rows, outside the transaction that was rolled back.
    assert batch.rows_done == 600


@ON_ANOTHER_CONNECTION
def test_progress_is_seen_outside_the_transaction_that_applies_the_import():
    batch = ImportBatch.objects.create(
        kind=ImportKind.ORGANISATIONS,
        created_by=UserFactory(),
        status=ImportStatus.APPLYING,
        rows_total=1000,
    )
    with pytest.raises(RuntimeError), transaction.atomic():
        OrganisationFactory()  # the import's transaction holds the database's write lock
        with ProgressWriter(batch) as progress:
            progress.write(400)
            assert rows_done(batch) == 400
        raise RuntimeError("the import fails")

    assert rows_done(batch) == 400
    assert not Organisation.objects.exists()


def test_a_large_file_is_validated_and_applied_in_the_background(
    importer, settings, django_capture_on_commit_callbacks
):
    settings.IMPORT_BACKGROUND_ROWS = 10
    rows = [organisation_row(number) for number in range(30)]

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)
    assert len(callbacks) == 1
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY

    with django_capture_on_commit_callbacks(execute=True):
        confirm_import(batch=batch, by=importer)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert Organisation.objects.filter(import_batch=batch).count() == 30


def _varied_rows(target):
    """New organisations of every shape, and an update of `target` among them."""
    region = NutsRegion.objects.filter(level=3, country="PL").values_list("code", flat=True)[0]
    topic = Topic.objects.values_list("code", flat=True)[0]
    return [
        organisation_row(1, latitude="52.2297", longitude="21.0122"),  # Warsaw: PL911
        organisation_row(2, region=region, sectors="62.10;62.10;J", topics=topic),
        organisation_row(3, helix_role="Uczelnia", business_size="", city="Łódź"),
        {"id": target.pk, "legal_name": "Nowa Nazwa", "helix_role": "research", "country": "PL"},
        organisation_row(4, sectors="", description_en="", pic="123456789"),
        organisation_row(5, description_pl="Fabryka wodoru", latitude="50.06", longitude="19.94"),
        organisation_row(6, country="CZ", website="fabryka6.example.cz"),
    ]


def _what_was_written(batch):
    ignored = {"id", "import_batch", "created_at", "updated_at"}
    organisations = {
        organisation.legal_name: (
            {
                field.name: getattr(organisation, field.attname)
                for field in Organisation._meta.concrete_fields
                if field.name not in ignored
            },
            sorted(organisation.sectors.values_list("code", flat=True)),
            sorted(organisation.topics.values_list("code", flat=True)),
        )
        for organisation in Organisation.objects.filter(import_batch=batch)
    }
    history = [
        (
            record.record_type,
            record.action,
            record.by_id,
            record.organisation.legal_name,
            {name: value for name, value in record.changes.items() if name not in ignored},
        )
        for record in batch.changes.select_related("organisation").order_by("pk")
    ]
    return organisations, history


def test_new_organisations_written_in_chunks_are_those_the_services_write(importer, monkeypatch):
    first, second = OrganisationFactory.create_batch(
        2, legal_name="Stara Nazwa", helix_role=HelixRole.BUSINESS, city="Gdańsk", owner=importer
    )
    by_service = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload(_varied_rows(first)), by=importer
    )
    with monkeypatch.context() as patched:
        patched.setattr(applying, "CHUNKED_WRITERS", {})
        confirm_import(batch=by_service, by=importer)
    written_by_service = _what_was_written(by_service)
    undo_import(batch=by_service, by=importer)
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 2)
    in_chunks = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload(_varied_rows(second)), by=importer
    )
    assert in_chunks.status == ImportStatus.READY, in_chunks.problems

    confirm_import(batch=in_chunks, by=importer)

    organisations, history = _what_was_written(in_chunks)
    assert organisations == written_by_service[0]
    assert history == written_by_service[1]
    assert [action for _kind, action, *_rest in history] == [
        *["created"] * 3,
        "updated",
        *["created"] * 3,
    ]
    assert organisations["Fabryka 1 Sp. z o.o."][0]["region"] == "PL911"
    assert organisations["Fabryka 2 Sp. z o.o."][1] == ["62.10", "J"]
    found = search_organisations(Organisation.objects.all(), "wodoru")
    assert list(found.values_list("import_batch", flat=True)) == [in_chunks.pk]


def test_an_import_written_in_chunks_is_undone_whole(importer, monkeypatch):
    monkeypatch.setattr(bulk, "CHUNK_ROWS", 7)
    target = OrganisationFactory(legal_name="Stara Nazwa", owner=importer)
    rows = _varied_rows(target) + [organisation_row(number) for number in range(10, 30)]
    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload(rows), by=importer)
    confirm_import(batch=batch, by=importer)
    assert Organisation.objects.filter(import_batch=batch).count() == 26

    undo_import(batch=batch, by=importer)

    assert not Organisation.objects.filter(legal_name__startswith="Fabryka").exists()
    assert not Organisation.sectors.through.objects.exclude(organisation=target).exists()
    target.refresh_from_db()
    assert target.legal_name == "Stara Nazwa"
    assert search_organisations(Organisation.objects.all(), "fabryka").count() == 0
    deleted = ChangeRecord.objects.filter(action="deleted", record_type="organisation")
    assert deleted.count() == 26


def test_clusters_are_imported_for_existing_organisations(importer):
    organisation = OrganisationFactory(
        legal_name="Klaster Wodorowy", helix_role=HelixRole.OTHER, owner=importer
    )
    rows = [
        {
            "organisation": "Klaster Wodorowy",
            "country": "PL",
            "name": "Hydrogen Valley",
            "staff_fte": "1,5",
            "founded_year": "2015",
            "focus_sectors": "62.10",
            "esca_label": "Bronze",
            "esca_valid_until": "31.12.2026",
        }
    ]

    batch = upload_import(kind=ImportKind.CLUSTERS, file=csv_upload(rows), by=importer)
    assert batch.status == ImportStatus.READY, batch.problems
    confirm_import(batch=batch, by=importer)

    organisation.refresh_from_db()
    assert organisation.cluster.name == "Hydrogen Valley"
    assert str(organisation.cluster.staff_fte) == "1.50"
    undo_import(batch=batch, by=importer)
    assert not hasattr(Organisation.objects.get(pk=organisation.pk), "cluster")


@pytest.mark.parametrize("owned_by_someone_else", [False, True])
def test_a_cluster_profile_is_refused_for_an_organisation_one_does_not_represent(
    importer, owned_by_someone_else
):
    # Unclaimed organisations too: whoever adds the profile would otherwise make a cluster
    # nobody manages out of someone else's record.
    owner = UserFactory() if owned_by_someone_else else None
    organisation = OrganisationFactory(legal_name="Cudza Fundacja", owner=owner)
    rows = [{"organisation": str(organisation.pk), "name": "Hijacked Cluster"}]

    batch = upload_import(kind=ImportKind.CLUSTERS, file=csv_upload(rows), by=importer)

    assert batch.status == ImportStatus.INVALID
    [error] = errors_of(batch)
    assert (error["row"], error["column"]) == (2, "organisation")
    assert "You may not add a cluster profile" in error["message"]
    assert not Cluster.objects.filter(organisation=organisation).exists()


def test_an_organisation_row_may_not_change_someone_elses_organisation(importer):
    organisation = OrganisationFactory(owner=UserFactory(), legal_name="Cudza Sp. z o.o.")
    row = organisation_row(1) | {"id": str(organisation.pk), "legal_name": "Przejęta Sp. z o.o."}

    batch = upload_import(kind=ImportKind.ORGANISATIONS, file=csv_upload([row]), by=importer)

    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch)[0]["column"] == "id"
    organisation.refresh_from_db()
    assert organisation.legal_name == "Cudza Sp. z o.o."


def test_memberships_are_imported_into_the_managers_cluster(cluster, owner):
    reference_data()
    members = OrganisationFactory.create_batch(3)
    rows = [
        {"member": str(members[0].pk)},
        {"member": members[1].legal_name, "country": "PL"},
        {"member": str(members[2].pk), "since": "2020-01-15", "status": "active"},
    ]

    batch = upload_import(
        kind=ImportKind.MEMBERSHIPS, file=csv_upload(rows), by=owner, cluster=cluster
    )
    assert batch.status == ImportStatus.READY, batch.problems
    confirm_import(batch=batch, by=owner)

    assert set(cluster.memberships.values_list("member_id", flat=True)) == {m.pk for m in members}
    undo_import(batch=batch, by=owner)
    assert not Membership.objects.filter(cluster=cluster).exists()


def test_a_membership_row_for_a_cluster_one_does_not_manage_is_refused(cluster, owner):
    other = ClusterFactory()
    member = OrganisationFactory()
    rows = [{"cluster": str(other.pk), "member": str(member.pk)}]

    batch = upload_import(
        kind=ImportKind.MEMBERSHIPS, file=csv_upload(rows), by=owner, cluster=cluster
    )

    assert batch.status == ImportStatus.INVALID
    assert errors_of(batch)[0]["column"] == "cluster"
    assert not Membership.objects.filter(cluster=other).exists()


def test_an_outsider_cannot_upload_members_of_a_cluster(cluster, outsider):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        upload_import(
            kind=ImportKind.MEMBERSHIPS,
            file=csv_upload([{"member": "1"}]),
            by=outsider,
            cluster=cluster,
        )
    assert not ImportBatch.objects.exists()


# Pages


def test_the_upload_shows_a_preview_with_every_problem_and_a_confirm_only_when_clean(
    client, importer
):
    client.force_login(importer)
    rows = [organisation_row(1), organisation_row(2, country="XX")]

    response = client.post(
        reverse("registry:import_upload"), {"kind": "organisations", "file": csv_upload(rows)}
    )
    batch = ImportBatch.objects.get()
    assert response.url == reverse("registry:import", args=[batch.pk])
    page = client.get(response.url).content.decode()
    assert "Country &#x27;XX&#x27; is not an ISO 3166 country code" in page
    assert "Confirm import" not in page

    rows[1]["country"] = "PL"
    response = client.post(
        reverse("registry:import_upload"), {"kind": "organisations", "file": csv_upload(rows)}
    )
    page = client.get(response.url).content.decode()
    assert "Confirm import" in page
    assert "Fabryka 2 Sp. z o.o." in page  # the first rows to be imported
    response = client.post(reverse("registry:import_confirm", args=[response.url.split("/")[-2]]))
    assert Organisation.objects.filter(legal_name="Fabryka 2 Sp. z o.o.").exists()
    assert "Undo this import" in client.get(response.url).content.decode()


def test_the_progress_partial_polls_while_working_and_refreshes_when_done(client, importer):
    client.force_login(importer)
    batch = ImportBatch.objects.create(
        kind=ImportKind.ORGANISATIONS,
        created_by=importer,
        status=ImportStatus.APPLYING,
        rows_total=200,
        rows_done=50,
    )
    url = reverse("registry:import_progress", args=[batch.pk])

    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert '<progress id="import-progress-bar" max="200" value="50">' in page

    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.APPLIED)
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.headers["HX-Refresh"] == "true"


def test_an_outsider_can_neither_see_nor_confirm_nor_undo_someone_elses_import(
    client, importer, outsider
):
    batch = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload([organisation_row(1)]), by=importer
    )
    client.force_login(outsider)

    assert client.get(reverse("registry:import", args=[batch.pk])).status_code == 404
    assert client.get(reverse("registry:import_progress", args=[batch.pk])).status_code == 404
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 404
    batch.refresh_from_db()
    assert batch.status == ImportStatus.READY
    confirm_import(batch=batch, by=importer)
    assert client.post(reverse("registry:import_undo", args=[batch.pk])).status_code == 404
    assert Organisation.objects.filter(import_batch=batch).exists()
    assert "organisations.csv" not in client.get(reverse("registry:imports")).content.decode()


def test_the_secretariat_may_see_and_undo_anyones_import(client, importer, secretariat):
    batch = upload_import(
        kind=ImportKind.ORGANISATIONS, file=csv_upload([organisation_row(1)]), by=importer
    )
    confirm_import(batch=batch, by=importer)
    Authenticator.objects.create(user=secretariat, type=Authenticator.Type.TOTP, data={})
    client.force_login(secretariat)

    assert client.get(reverse("registry:import", args=[batch.pk])).status_code == 200
    client.post(reverse("registry:import_undo", args=[batch.pk]))
    assert not Organisation.objects.filter(legal_name__startswith="Fabryka").exists()


def test_an_outsider_cannot_upload_members_into_a_cluster_they_do_not_manage(
    client, cluster, outsider
):
    client.force_login(outsider)
    member = OrganisationFactory()

    response = client.post(
        reverse("registry:import_upload"),
        {
            "kind": "memberships",
            "cluster": cluster.pk,
            "file": csv_upload([{"member": str(member.pk)}]),
        },
    )

    assert "Select a valid choice" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_importing_needs_a_verified_email(client, importer):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=importer).update(verified=False)
    client.force_login(importer)

    assert client.get(reverse("registry:import_upload")).status_code == 403


def test_the_import_command_checks_then_imports(importer, tmp_path):
    path = tmp_path / "organisations.csv"
    path.write_bytes(csv_upload([organisation_row(1), organisation_row(2, pic="12")]).read())

    with pytest.raises(CommandError):
        call_command(
            "import",
            "organisations",
            str(path),
            "--as",
            importer.email,
            "--yes",
            stdout=io.StringIO(),
        )
    path.write_bytes(csv_upload([organisation_row(1), organisation_row(2)]).read())
    out = io.StringIO()
    call_command("import", "organisations", str(path), "--as", importer.email, "--yes", stdout=out)

    assert "Imported 2 rows" in out.getvalue()
    assert Organisation.objects.filter(legal_name__startswith="Fabryka").count() == 2
