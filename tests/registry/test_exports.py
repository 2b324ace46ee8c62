"""Exports of directory views: the filtered rows, in CSV and XLSX, and nothing about people."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from helisa.registry.imports import upload_import
from helisa.registry.models import HelixRole, ImportStatus
from tests.factories import (
    ClusterFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    country,
)


def _csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_organisations_csv_holds_the_filtered_rows_and_no_people(client, db):
    university = OrganisationFactory(
        legal_name="Politechnika Łódzka",
        helix_role=HelixRole.UNIVERSITY,
        description={"en": "A university"},
        owner=None,
    )
    OrganisationFactory(legal_name="Fabryka", helix_role=HelixRole.BUSINESS)

    response = client.get(
        reverse("registry:export_organisations"), {"helix_role": "university", "format": "csv"}
    )

    rows = _csv(response)
    assert [row["legal_name"] for row in rows] == ["Politechnika Łódzka"]
    assert rows[0]["id"] == str(university.pk)
    assert rows[0]["description_en"] == "A university"
    assert not {"owner", "email", "person", "roles"} & set(rows[0])


def test_the_clusters_xlsx_holds_the_filtered_rows(client, db):
    ClusterFactory(name="Dolina Lotnicza", organisation__country=country("PL"))
    ClusterFactory(name="Moravian Cluster", organisation__country=country("CZ"))

    response = client.get(reverse("registry:export_clusters"), {"country": "CZ", "format": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:3] == ("organisation", "country", "name")
    assert [row[2] for row in values[1:]] == ["Moravian Cluster"]


def test_an_exported_file_imports_back_unchanged(client, db):
    OrganisationFactory(legal_name="Klaster", owner=None)
    response = client.get(reverse("registry:export_organisations"), {"format": "csv"})
    upload = SimpleUploadedFile("back.csv", b"".join(response.streaming_content))
    secretariat = UserFactory(is_secretariat=True)

    batch = upload_import(kind="organisations", file=upload, by=secretariat)

    assert batch.status == ImportStatus.READY, batch.problems
    assert batch.summary["update"] == 1


def test_the_members_of_the_filtered_clusters_export(client, db):
    cluster = ClusterFactory(name="Dolina Lotnicza", organisation__country=country("PL"))
    MembershipFactory(cluster=cluster, member__legal_name="Zakłady Lotnicze")
    MembershipFactory(cluster=ClusterFactory(organisation__country=country("CZ")))

    response = client.get(reverse("registry:export_memberships"), {"country": "PL"})
    rows = _csv(response)
    assert [(row["cluster_name"], row["member_name"]) for row in rows] == [
        ("Dolina Lotnicza", "Zakłady Lotnicze")
    ]
    page = client.get(cluster.get_absolute_url()).content.decode()
    assert f"{reverse('registry:export_memberships')}?cluster={cluster.pk}&amp;format=csv" in page
