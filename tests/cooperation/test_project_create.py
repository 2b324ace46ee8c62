"""Recording a project that already exists: someone of one of its partners gives its facts, its
status and its partners by their number in the registry, exactly one of them coordinating; the
page keeps what was typed when something is wrong and lands on the project once it is recorded;
strangers and anonymous visitors are refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from helisa.cooperation.models import PartnerRole, Project, ProjectStatus
from helisa.cooperation.services.projects import create_project
from tests.factories import OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.django_db
URL = "/cooperation/projects/new/"


@pytest.fixture
def member(db):
    return RoleFactory(organisation__legal_name="Baltic Ports Cluster").user


@pytest.fixture
def mine(member):
    return member.roles.get().organisation


@pytest.fixture
def others(db):
    return [
        OrganisationFactory(legal_name="Hamburg Research Institute", country=country("DE")),
        OrganisationFactory(legal_name="Nantes University", country=country("FR")),
    ]


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(mine, others, **values):
    return {
        "title": "Green shipping corridors",
        "acronym": "GREENCOR",
        "status": "running",
        "budget": "2500000",
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "organisation": mine.pk,
        "role": "partner",
        "rows": "5",
        "partner_0": others[0].pk,
        "role_0": "coordinator",
        "partner_1": others[1].pk,
        "role_1": "partner",
        **values,
    }


def test_a_member_records_a_running_project_and_lands_on_it(member, mine, others):
    client = signed_in(member)
    page = client.get(URL).content.decode()
    assert "Baltic Ports Cluster" in page and 'name="partner_4"' in page
    response = client.post(URL, form_data(mine, others))
    project = Project.objects.get()
    assert response.url == project.get_absolute_url()
    assert (project.title, project.acronym, project.status) == (
        "Green shipping corridors",
        "GREENCOR",
        ProjectStatus.RUNNING,
    )
    assert project.budget == Decimal("2500000") and project.end_date == date(2027, 12, 31)
    assert project.created_by == member and project.status_changed_by == member
    assert project.country_count == 3
    roles = {p.organisation_id: p.role for p in project.partners.all()}
    assert roles == {
        mine.pk: PartnerRole.PARTNER,
        others[0].pk: PartnerRole.COORDINATOR,
        others[1].pk: PartnerRole.PARTNER,
    }
    # A partner that does not coordinate still sees the project it recorded, and lists it.
    shown = client.get(response.url).content.decode()
    assert "GREENCOR" in shown and "Hamburg Research Institute" in shown
    assert "GREENCOR" in client.get("/cooperation/projects/mine/").content.decode()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"end_date": "2024-06-30"}, "cannot end before it starts"),
        ({"role": "coordinator"}, "exactly one coordinator"),
        ({"role_0": "partner"}, "exactly one coordinator"),
        ({"partner_1": "OWN"}, "only once"),
        ({"budget": "-1"}, "greater than or equal to 0"),
        ({"title": "", "acronym": ""}, "needs a title or an acronym"),
        ({"partner_1": "999999"}, "No organisation has this number"),
    ],
)
def test_the_page_refuses_wrong_values_and_keeps_what_was_typed(
    member, mine, others, change, message
):
    change = {k: (mine.pk if v == "OWN" else v) for k, v in change.items()}
    response = signed_in(member).post(URL, form_data(mine, others, **change))
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert f'value="{others[0].pk}"' in body and 'value="2025-01-01"' in body
    assert "Hamburg Research Institute" in body  # a valid number shows whom it names
    if "title" not in change:
        assert 'value="Green shipping corridors"' in body
    assert not Project.objects.exists()


def test_more_rows_keep_what_was_typed_without_recording(member, mine, others):
    response = signed_in(member).post(URL, {**form_data(mine, others), "more": "1"})
    body = response.content.decode()
    assert 'name="partner_9"' in body and 'value="Green shipping corridors"' in body
    assert "errorlist" not in body and not Project.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(mine, others):
    client = Client()
    assert "/accounts/login/" in client.get(URL).url
    assert "/accounts/login/" in client.post(URL, form_data(mine, others)).url
    assert not Project.objects.exists()


def test_strangers_are_refused(outsider, mine, others):
    client = signed_in(outsider)
    response = client.get(URL)
    assert response.status_code == 403
    assert "do not act for any organisation" in response.content.decode()
    assert client.post(URL, form_data(mine, others)).status_code == 403
    assert not Project.objects.exists()


def test_one_cannot_record_for_someone_elses_organisation(member, mine, others):
    response = signed_in(member).post(URL, form_data(mine, others, organisation=others[1].pk))
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Project.objects.exists()


def test_the_pages_link_to_it(member):
    client = signed_in(member)
    assert URL in client.get("/cooperation/projects/").content.decode()
    assert URL in client.get("/cooperation/projects/mine/").content.decode()


def _queries(client, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.post(URL, data) if data else client.get(URL)
    assert response.status_code in (200, 302)
    return len(captured)


def test_the_page_makes_as_many_queries_for_one_partner_as_for_four(member, mine, others):
    client = signed_in(member)
    client.get(URL)
    assert _queries(client) <= 6
    one = form_data(mine, others, role="coordinator", partner_0=others[1].pk, role_0="partner")
    del one["partner_1"]
    more = OrganisationFactory.create_batch(2, country=country("NO"))
    four = form_data(mine, others, partner_2=more[0].pk, partner_3=more[1].pk)
    assert _queries(client, one) == _queries(client, four) <= 12


def test_the_service_refuses_every_wrong_value_at_once(mine, others):
    with pytest.raises(ValidationError) as error:
        create_project(
            title="",
            status="cancelled",
            budget=Decimal("-5"),
            start_date=date(2026, 1, 1),
            end_date=date(2025, 1, 1),
            partners=[(mine, PartnerRole.PARTNER, None), (mine, PartnerRole.PARTNER, None)],
        )
    assert set(error.value.message_dict) == {"title", "status", "budget", "end_date", "partners"}
    assert error.value.message_dict["partners"] == [
        "A project has exactly one coordinator.",
        "An organisation is a partner of a project only once.",
    ]
    assert not Project.objects.exists()


def test_a_proposal_is_seen_by_its_consortium_only(member, mine, others, outsider):
    response = signed_in(member).post(URL, form_data(mine, others, status="proposal"))
    project = Project.objects.get()
    assert project.status == ProjectStatus.PROPOSAL
    partner_of_it = RoleFactory(organisation=others[1]).user  # neither coordinating nor recording
    assert "GREENCOR" in signed_in(partner_of_it).get(response.url).content.decode()
    assert signed_in(outsider).get(response.url).status_code == 404
    assert Client().get(response.url).status_code == 404
