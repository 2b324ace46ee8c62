"""International projects: one path of status changes, the public list of cross-border projects,
the demo import, and building and saving a consortium, refused to outsiders in the UI and API."""

import csv
import json
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.formats import date_format

from helisa.cooperation.demo_projects import ORGANISATIONS_FILE, build_cooperation_demo
from helisa.cooperation.eu_countries import country_lists
from helisa.cooperation.models import (
    Call,
    PartnerRole,
    ProgrammeKind,
    Project,
    ProjectStatus,
)
from helisa.cooperation.queries_projects import public_projects
from helisa.cooperation.services.projects import change_status, create_project
from helisa.registry.models import HelixRole, Organisation
from tests.api.conftest import client_for
from tests.factories import OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_user(db):
    return RoleFactory(organisation__helix_role=HelixRole.BUSINESS).user


@pytest.fixture
def coordinator(coordinator_user):
    return coordinator_user.roles.get().organisation


@pytest.fixture
def partners(db):
    return [
        OrganisationFactory(country=country("DE"), helix_role=HelixRole.RESEARCH),
        OrganisationFactory(country=country("FR"), helix_role=HelixRole.UNIVERSITY),
        OrganisationFactory(country=country("NO"), helix_role=HelixRole.PUBLIC),
    ]


@pytest.fixture
def call(db):
    return Call.objects.create(
        name={"en": "Horizon test call"},
        kind=ProgrammeKind.HORIZON_EUROPE,
        min_partners=3,
        max_partners=4,
        min_countries=3,
        eligible_list="horizon_europe",
        min_in_member_states=1,
        required_roles={"research": 1},
    )


def make_project(coordinator, partners, status=ProjectStatus.IDEA, **values):
    return create_project(
        title="Hydrogen valleys",
        acronym="H2V",
        status=status,
        partners=[(coordinator, PartnerRole.COORDINATOR, None)]
        + [(p, PartnerRole.PARTNER, None) for p in partners],
        **values,
    )


def test_status_goes_one_way_and_records_who(coordinator, partners, coordinator_user):
    project = make_project(coordinator, partners)
    for status in ("proposal", "funded", "running", "completed"):
        project = change_status(project=project, to=status, by=coordinator_user)
    assert project.status == ProjectStatus.COMPLETED
    assert project.status_changed_by == coordinator_user
    with pytest.raises(ValidationError):
        change_status(project=project, to=ProjectStatus.RUNNING, by=coordinator_user)


def test_an_idea_cannot_jump_to_funded(coordinator, partners, coordinator_user):
    project = make_project(coordinator, partners)
    with pytest.raises(ValidationError):
        change_status(project=project, to=ProjectStatus.FUNDED, by=coordinator_user)


def test_the_public_list_holds_cross_border_funded_projects_only(coordinator, partners):
    running = make_project(coordinator, partners, ProjectStatus.RUNNING, call_topic="SC5-10-2016")
    make_project(coordinator, partners, ProjectStatus.IDEA)
    make_project(coordinator, [], ProjectStatus.RUNNING)  # one country only
    assert list(public_projects()) == [running]
    assert list(public_projects({"country": "NO", "theme": "sc5"})) == [running]
    assert list(public_projects({"country": "IT"})) == []
    body = Client().get("/cooperation/projects/?country=NO").content.decode()
    assert "H2V" in body


def test_ideas_are_hidden_from_outsiders(coordinator, partners, outsider, client):
    project = make_project(coordinator, partners)
    client.force_login(outsider)
    assert client.get(project.get_absolute_url()).status_code == 404
    response = client.post(f"/cooperation/projects/{project.pk}/status/", {"status": "proposal"})
    assert response.status_code == 404
    project.refresh_from_db()
    assert project.status == ProjectStatus.IDEA


def test_outsider_cannot_change_a_public_project(coordinator, partners, outsider, client):
    project = make_project(coordinator, partners, ProjectStatus.FUNDED)
    client.force_login(outsider)
    response = client.post(f"/cooperation/projects/{project.pk}/status/", {"status": "running"})
    assert response.status_code == 403
    response = client_for(outsider).patch(
        f"/api/v1/projects/{project.pk}/status",
        data=json.dumps({"status": "running"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.status == ProjectStatus.FUNDED


def test_the_coordinator_moves_the_status(coordinator, partners, coordinator_user, client):
    project = make_project(coordinator, partners)
    client.force_login(coordinator_user)
    client.post(f"/cooperation/projects/{project.pk}/status/", {"status": "proposal"})
    project.refresh_from_db()
    assert project.status == ProjectStatus.PROPOSAL


def test_build_edit_and_save_an_idea(call, coordinator, partners, coordinator_user, client):
    coordinator.country = country("PL")
    coordinator.save()
    client.force_login(coordinator_user)
    page = client.get(f"/cooperation/calls/{call.pk}/build/?organisation={coordinator.pk}")
    assert "Proposal 1" in page.content.decode()
    ids = [p.pk for p in partners[:1]]
    edit = f"/cooperation/calls/{call.pk}/consortium/"
    body = client.get(edit, {"organisation": coordinator.pk, "member": ids}).content.decode()
    assert "the call needs at least 3" in body  # two partners, two countries
    response = client.post(
        edit, {"organisation": coordinator.pk, "member": ids, "acronym": "TOO-SMALL"}
    )
    assert not Project.objects.filter(acronym="TOO-SMALL").exists()
    ids = [p.pk for p in partners]
    response = client.post(edit, {"organisation": coordinator.pk, "member": ids, "acronym": "OK"})
    project = Project.objects.get(acronym="OK")
    assert response.url == project.get_absolute_url()
    assert project.status == ProjectStatus.IDEA
    assert project.partners.get(role=PartnerRole.COORDINATOR).organisation == coordinator
    assert project.partners.count() == 4


def test_outsiders_cannot_build_for_or_save_as_someone_else(call, coordinator, partners, outsider):
    client = Client()
    client.force_login(outsider)
    url = f"/cooperation/calls/{call.pk}/consortium/"
    members = [p.pk for p in partners]
    response = client.post(url, {"organisation": coordinator.pk, "member": members})
    assert response.status_code == 403
    api = client_for(outsider)
    payload = {"call_id": call.pk, "start_organisation_id": coordinator.pk}
    response = api.post(
        "/api/v1/projects",
        data=json.dumps({**payload, "organisation_ids": members}),
        content_type="application/json",
    )
    assert response.status_code == 403
    response = api.post(
        f"/api/v1/calls/{call.pk}/consortia",
        data=json.dumps(payload),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Project.objects.exists()


def test_the_api_proposes_and_saves(call, coordinator, partners, coordinator_user):
    coordinator.country = country("PL")
    coordinator.save()
    api = client_for(coordinator_user)
    body = api.post(
        f"/api/v1/calls/{call.pk}/consortia",
        data=json.dumps({"start_organisation_id": coordinator.pk}),
        content_type="application/json",
    ).json()
    first = body["consortia"][0]
    assert first["members"][0]["role"] == "coordinator" and not first["breaches"]
    assert first["optimal"] is True and first["score"] > 0
    response = api.post(
        "/api/v1/projects",
        data=json.dumps(
            {
                "call_id": call.pk,
                "start_organisation_id": coordinator.pk,
                "organisation_ids": [m["organisation_id"] for m in first["members"]],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "idea"
    assert Client().get("/api/v1/calls").json()["count"] == 1


def test_the_demo_imports_every_cordis_project_with_one_coordinator(db):
    with open(ORGANISATIONS_FILE, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    codes = {"UK": "GB", "EL": "GR"}
    seen, organisations = set(), []
    for row in rows:
        if row["organisationID"] not in seen:
            seen.add(row["organisationID"])
            organisations.append(
                Organisation(
                    legal_name=row["name"][:300],
                    helix_role=HelixRole.OTHER,
                    country=country(codes.get(row["country"], row["country"])),
                    is_demo=True,
                    source_id=f"cordis:{row['organisationID']}",
                )
            )
    Organisation.objects.bulk_create(organisations)
    coordinators = defaultdict(set)
    for row in rows:
        coordinators[row["projectID"]] |= (
            {row["organisationID"]} if row["role"] == "coordinator" else set()
        )
    expected = sum(len(found) == 1 for found in coordinators.values())
    calls, projects = build_cooperation_demo()
    assert (calls, projects) == (3, expected)
    assert Project.objects.filter(is_demo=True, status=ProjectStatus.COMPLETED).count() == expected
    assert public_projects().count() == Project.objects.filter(country_count__gte=2).count()


def test_the_call_page_shows_the_rules_and_the_date_of_the_country_lists(call):
    body = Client().get(call.get_absolute_url()).content.decode()
    assert "Horizon test call" in body and "Norway" in body
    as_of = date_format(country_lists().as_of, "DATE_FORMAT")
    assert f"As of {as_of}." in body
    assert "Research organisation: at least 1" in body and "Research:" not in body


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm the caches the page keeps (option lists)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/cooperation/projects/", "/cooperation/calls/"])
def test_the_project_and_call_lists_make_as_many_queries_for_one_item_as_for_three(
    url, coordinator, partners, client
):
    def add_one(number):
        make_project(coordinator, partners, ProjectStatus.RUNNING, call_topic=f"SC5-{number}-2016")
        Call.objects.create(
            name={"en": f"Call {number}"},
            kind=ProgrammeKind.HORIZON_EUROPE,
            min_partners=3,
            max_partners=4,
            min_countries=3,
            eligible_list="horizon_europe",
        )

    add_one(1)
    with_one = _count_queries(client, url)
    add_one(2)
    add_one(3)
    assert _count_queries(client, url) == with_one
