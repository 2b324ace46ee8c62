"""POST /api/v1/projects records a project that exists, with the page's checks and the API's one
shape of error; strangers and anonymous callers are refused; the builder's ideas still save."""

import json

import pytest
from django.test import Client

from helisa.cooperation.models import Call, PartnerRole, ProgrammeKind, Project, ProjectStatus
from tests.api.conftest import client_for
from tests.cooperation import test_project_create as page_tests

pytestmark = pytest.mark.django_db
URL = "/api/v1/projects"
# The same cast as the page's tests.
member, mine, others = page_tests.member, page_tests.mine, page_tests.others


def post(client, payload):
    return client.post(URL, data=json.dumps(payload), content_type="application/json")


def payload_for(mine, others, **values):
    return {
        "title": "Green shipping corridors",
        "acronym": "GREENCOR",
        "status": "funded",
        "budget": "2500000",
        "start_date": "2025-01-01",
        "end_date": "2027-12-31",
        "call_topic": "HORIZON-CL5-2024-D3-01-01",
        "partners": [
            {"organisation_id": mine.pk, "role": "coordinator", "contribution": "900000"},
            {"organisation_id": others[0].pk},
            {"organisation_id": others[1].pk, "role": "partner"},
        ],
        **values,
    }


def fields_of(response):
    return {detail["field"] for detail in response.json()["error"]["details"]}


def test_a_member_records_a_funded_project(member, mine, others):
    response = post(client_for(member), payload_for(mine, others))
    assert response.status_code == 201, response.json()
    body = response.json()
    project = Project.objects.get()
    assert body["id"] == project.pk and body["status"] == "funded"
    assert body["theme"] == "HORIZON-CL5" and body["budget"] == "2500000.00"
    assert [(p["organisation_id"], p["role"]) for p in body["partners"]][0] == (
        mine.pk,
        "coordinator",
    )
    assert project.created_by == member and project.country_count == 3
    assert project.partners.get(organisation=mine).contribution == 900000


def test_a_call_is_optional_and_must_be_visible(member, mine, others, outsider):
    call = Call.objects.create(
        name={"en": "Mine only"}, kind=ProgrammeKind.CUSTOM, topic_code="X-1"
    )
    call.created_by = outsider
    call.is_public = False
    call.save()
    response = post(client_for(member), payload_for(mine, others, call_id=call.pk, call_topic=""))
    assert response.status_code == 404
    call.is_public = True
    call.save()
    response = post(client_for(member), payload_for(mine, others, call_id=call.pk, call_topic=""))
    assert response.status_code == 201
    assert response.json()["call_id"] == call.pk and response.json()["call_topic"] == "X-1"


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"end_date": "2024-01-01"}, {"end_date"}),
        ({"budget": "-1"}, {"budget"}),
        ({"title": "", "acronym": ""}, {"title"}),
        ({"status": "cancelled"}, {"status"}),
        ({"start_date": "not a date"}, {"start_date"}),
        ({"partners": []}, {"partners"}),
        ({"partners": None}, {"partners"}),
    ],
)
def test_wrong_values_are_refused_field_by_field(member, mine, others, change, fields):
    response = post(client_for(member), payload_for(mine, others, **change))
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"
    assert fields_of(response) == fields
    assert not Project.objects.exists()


def test_partners_are_checked(member, mine, others):
    api = client_for(member)
    two = [{"organisation_id": mine.pk, "role": "coordinator"}]
    cases = [
        two + [{"organisation_id": others[0].pk, "role": "coordinator"}],
        [{"organisation_id": mine.pk}, {"organisation_id": others[0].pk}],
        two + [{"organisation_id": mine.pk}],
        two + [{"organisation_id": 999999}],
    ]
    messages = []
    for partners in cases:
        response = post(api, payload_for(mine, others, partners=partners))
        assert response.status_code == 422 and fields_of(response) == {"partners"}
        messages.append(response.json()["error"]["details"][0]["message"])
    assert "exactly one coordinator" in messages[0] and "exactly one coordinator" in messages[1]
    assert "only once" in messages[2] and "999999" in messages[3]
    assert not Project.objects.exists()


def test_strangers_and_anonymous_callers_are_refused(outsider, mine, others):
    response = post(client_for(outsider), payload_for(mine, others))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    response = post(Client(), payload_for(mine, others))
    assert response.status_code == 401
    assert not Project.objects.exists()


def test_the_builders_consortium_needs_its_call_and_start(member, mine, others):
    response = post(client_for(member), {"organisation_ids": [o.pk for o in others]})
    assert response.status_code == 422
    assert fields_of(response) == {"call_id", "start_organisation_id"}


def test_recording_makes_a_bounded_number_of_queries(
    member, mine, others, django_assert_max_num_queries
):
    api = client_for(member)
    post(api, payload_for(mine, others, acronym="FIRST"))
    with django_assert_max_num_queries(12):
        assert post(api, payload_for(mine, others)).status_code == 201
    assert Project.objects.filter(status=ProjectStatus.FUNDED).count() == 2
    assert (
        Project.objects.get(acronym="GREENCOR")
        .partners.filter(role=PartnerRole.COORDINATOR)
        .get()
        .organisation
        == mine
    )
