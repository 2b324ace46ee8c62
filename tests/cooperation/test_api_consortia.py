"""Checking a consortium against a call's rules through the API, without saving it; and the call
list's query count."""

import pytest
from django.test import Client

from helisa.cooperation.models import Call, ProgrammeKind, Project
from helisa.registry.models import HelixRole
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import queries_for, send
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.django_db


def horizon_call(name="Horizon test call", **values):
    return Call.objects.create(
        name={"en": name},
        kind=ProgrammeKind.HORIZON_EUROPE,
        min_partners=3,
        max_partners=4,
        min_countries=3,
        eligible_list="horizon_europe",
        min_in_member_states=1,
        required_roles={"research": 1},
        **values,
    )


@pytest.fixture
def coordinator_user(db):
    return RoleFactory(
        organisation__helix_role=HelixRole.BUSINESS, organisation__country=country("PL")
    ).user


@pytest.fixture
def coordinator(coordinator_user):
    return coordinator_user.roles.get().organisation


@pytest.fixture
def partners(db):
    return {
        "research": OrganisationFactory(country=country("DE"), helix_role=HelixRole.RESEARCH),
        "university": OrganisationFactory(country=country("FR"), helix_role=HelixRole.UNIVERSITY),
        "public": OrganisationFactory(country=country("NO"), helix_role=HelixRole.PUBLIC),
    }


def check(client, call, start, partner_ids):
    return send(
        client,
        "post",
        f"/api/v1/calls/{call.pk}/consortia/check",
        {"start_organisation_id": start.pk, "organisation_ids": partner_ids},
    )


def test_a_consortium_meeting_the_rules_is_said_so_and_not_saved(
    coordinator, coordinator_user, partners
):
    call = horizon_call()
    chosen = [partners["research"].pk, partners["university"].pk]
    response = check(client_for(coordinator_user), call, coordinator, chosen)

    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["meets_rules"] is True and body["breaches"] == []
    assert body["rules_met"]
    assert [(m["organisation_id"], m["role"]) for m in body["members"]] == [
        (coordinator.pk, "coordinator"),
        (partners["research"].pk, "partner"),
        (partners["university"].pk, "partner"),
    ]
    assert partners["public"].pk in [s["organisation_id"] for s in body["suggested"]]
    assert not Project.objects.exists()


def test_each_broken_rule_is_named(coordinator, coordinator_user, partners):
    call = horizon_call()
    response = check(client_for(coordinator_user), call, coordinator, [partners["university"].pk])

    body = response.json()
    assert body["meets_rules"] is False
    assert body["breaches"] == [
        "2 partners; the call needs at least 3.",
        "2 countries; the call needs at least 3.",
        "0 of role “Research organisation”; the call needs at least 1.",
    ]
    assert {s["organisation_id"] for s in body["suggested"]} == {
        partners["research"].pk,
        partners["public"].pk,
    }


def test_an_unknown_partner_is_a_field_error(coordinator, coordinator_user):
    response = check(client_for(coordinator_user), horizon_call(), coordinator, [999999])
    assert response.status_code == 422
    assert error_of(response)["details"] == [
        {"field": "organisation_ids", "message": "Unknown: 999999."}
    ]


def test_strangers_are_refused(coordinator, partners, outsider):
    call = horizon_call()
    response = check(client_for(outsider), call, coordinator, [partners["research"].pk])
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    response = check(Client(), call, coordinator, [])
    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"


def test_someone_elses_custom_call_is_not_found(coordinator, coordinator_user):
    custom = Call.objects.create(
        name={"en": "Private"},
        kind=ProgrammeKind.CUSTOM,
        min_partners=2,
        max_partners=5,
        min_countries=1,
        is_public=False,
        created_by=UserFactory(),
    )
    response = check(client_for(coordinator_user), custom, coordinator, [])
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_call_list_costs_the_same_for_one_and_three(signed_in, outsider):
    client = client_for(outsider) if signed_in else Client()
    horizon_call("Call 1")
    one = queries_for(client, "/api/v1/calls")
    horizon_call("Call 2")
    horizon_call("Call 3")
    assert client.get("/api/v1/calls").json()["count"] == 3
    assert queries_for(client, "/api/v1/calls") == one
