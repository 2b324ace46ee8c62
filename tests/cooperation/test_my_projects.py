"""A saved project idea is no dead end: "my projects" lists it for the coordinator's people and
its creator, who change its title, acronym, budget, dates and partners; outsiders are refused in
the UI and the API; the coordinator is listed first."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from helisa.cooperation.models import PartnerRole, ProjectStatus
from helisa.cooperation.queries_projects import my_projects
from helisa.cooperation.services.projects import change_project, create_project
from helisa.registry.models import HelixRole
from tests.api.conftest import client_for
from tests.factories import OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(db):
    return RoleFactory(organisation__legal_name="Zeta Coordinating Ltd").user


@pytest.fixture
def coordinator(lead):
    return lead.roles.get().organisation


@pytest.fixture
def others(db):
    return [
        OrganisationFactory(legal_name="Alpha Research", country=country("DE")),
        OrganisationFactory(
            legal_name="Beta University", country=country("FR"), helix_role=HelixRole.UNIVERSITY
        ),
    ]


def make_idea(coordinator, others, **values):
    values = {"title": "Hydrogen valleys", "acronym": "H2V", **values}
    return create_project(
        partners=[(o, PartnerRole.PARTNER, None) for o in others]
        + [(coordinator, PartnerRole.COORDINATOR, None)],
        **values,
    )


def test_the_coordinator_comes_first(coordinator, others):
    project = make_idea(coordinator, others)
    partners = list(project.partners.all())
    assert partners[0].organisation == coordinator
    assert [p.organisation.legal_name for p in partners[1:]] == [
        "Alpha Research",
        "Beta University",
    ]


def test_my_projects_holds_ideas_of_my_organisations_and_mine(coordinator, others, lead, outsider):
    idea = make_idea(coordinator, others)
    created = create_project(
        title="Someone else's",
        partners=[(others[0], PartnerRole.COORDINATOR, None)],
        by=outsider,
    )
    assert list(my_projects(lead)) == [idea]
    assert list(my_projects(outsider)) == [created]
    client = Client()
    client.force_login(lead)
    page = client.get("/cooperation/projects/mine/").content.decode()
    assert "H2V" in page and "Someone else" not in page
    assert "/cooperation/projects/mine/" in client.get("/cooperation/").content.decode()


def test_the_service_changes_facts_and_partners(coordinator, others, lead):
    project = make_idea(coordinator, others)
    newcomer = OrganisationFactory(country=country("NO"))
    change_project(
        project=project,
        by=lead,
        title="Green hydrogen valleys",
        budget=Decimal("1500000"),
        start_date=date(2026, 1, 1),
        end_date=date(2028, 12, 31),
        partners=[
            (coordinator, PartnerRole.COORDINATOR, None),
            (others[0], PartnerRole.PARTNER, Decimal("200000")),
            (newcomer, PartnerRole.PARTNER, None),
        ],
    )
    project.refresh_from_db()
    assert project.title == "Green hydrogen valleys" and project.acronym == "H2V"
    assert project.budget == Decimal("1500000") and project.end_date == date(2028, 12, 31)
    assert project.country_count == 3
    assert set(project.partners.values_list("organisation_id", flat=True)) == {
        coordinator.pk,
        others[0].pk,
        newcomer.pk,
    }
    assert project.status == ProjectStatus.IDEA


def test_the_service_refuses_bad_values(coordinator, others, lead):
    project = make_idea(coordinator, others)
    with pytest.raises(ValidationError) as error:
        change_project(
            project=project,
            by=lead,
            start_date=date(2027, 1, 1),
            end_date=date(2026, 1, 1),
            partners=[(o, PartnerRole.PARTNER, None) for o in others],
        )
    assert set(error.value.message_dict) == {"end_date", "partners"}
    project.refresh_from_db()
    assert project.end_date is None and project.partners.count() == 3


def test_the_coordinator_edits_in_the_page(coordinator, others, lead):
    project = make_idea(coordinator, others)
    client = Client()
    client.force_login(lead)
    url = f"/cooperation/projects/{project.pk}/edit/"
    assert "Alpha Research" in client.get(url).content.decode()
    newcomer = OrganisationFactory(legal_name="Gamma Agency", country=country("NO"))
    data = {
        "title": "H2 valleys",
        "acronym": "H2V",
        "budget": "1000",
        "start_date": "2026-02-01",
        "end_date": "2025-01-01",
        "coordinator": coordinator.pk,
        f"keep_{others[0].pk}": "on",
        f"contribution_{others[0].pk}": "250",
        "add": newcomer.pk,
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "cannot end before it starts" in body and 'value="H2 valleys"' in body
    response = client.post(url, {**data, "end_date": "2027-01-31"})
    assert response.url == project.get_absolute_url()
    names = [p.organisation.legal_name for p in project.partners.all()]
    assert names == ["Zeta Coordinating Ltd", "Alpha Research", "Gamma Agency"]
    assert project.partners.get(organisation=others[0]).contribution == Decimal("250")


def test_outsiders_cannot_edit_in_the_ui_or_the_api(coordinator, others, outsider):
    project = make_idea(coordinator, others)
    client = Client()
    client.force_login(outsider)
    url = f"/cooperation/projects/{project.pk}/edit/"
    assert client.get(url).status_code == 404  # an idea is not even visible
    project.status = ProjectStatus.FUNDED
    project.save()
    assert client.post(url, {"title": "Taken", "coordinator": coordinator.pk}).status_code == 403
    api = client_for(outsider)
    response = api.patch(
        f"/api/v1/projects/{project.pk}",
        data=json.dumps({"title": "Taken"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    project.refresh_from_db()
    assert project.title == "Hydrogen valleys"


def test_the_api_lists_mine_and_patches(coordinator, others, lead):
    project = make_idea(coordinator, others)
    api = client_for(lead)
    assert api.get("/api/v1/projects").json()["count"] == 0  # an idea is not public
    body = api.get("/api/v1/projects?mine=1").json()
    assert [p["id"] for p in body["results"]] == [project.pk]
    assert body["results"][0]["partners"][0]["role"] == "coordinator"
    assert Client().get("/api/v1/projects?mine=1").status_code == 401
    response = api.patch(
        f"/api/v1/projects/{project.pk}",
        data=json.dumps(
            {
                "acronym": "GHV",
                "budget": "5000",
                "partners": [
                    {"organisation_id": coordinator.pk, "role": "coordinator"},
                    {"organisation_id": others[1].pk, "contribution": "100"},
                ],
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["acronym"] == "GHV" and body["budget"] == "5000.00"
    assert [p["organisation_id"] for p in body["partners"]] == [coordinator.pk, others[1].pk]
    response = api.patch(
        f"/api/v1/projects/{project.pk}",
        data=json.dumps({"partners": [{"organisation_id": others[1].pk}]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "partners"


def _queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/cooperation/projects/mine/", "/api/v1/projects?mine=1"])
def test_my_projects_make_as_many_queries_for_one_item_as_for_three(url, coordinator, others, lead):
    client = client_for(lead) if url.startswith("/api") else Client()
    if not url.startswith("/api"):
        client.force_login(lead)
    make_idea(coordinator, others)
    one = _queries(client, url)
    make_idea(coordinator, others, acronym="B")
    make_idea(coordinator, others, acronym="C")
    assert _queries(client, url) == one
