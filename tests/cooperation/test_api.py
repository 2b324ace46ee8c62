import json

import pytest
from django.test import Client

from helisa.cooperation.models import InterestStatus, ProfileStatus
from helisa.cooperation.services.interest import express_interest
from tests.api.conftest import client_for, error_of
from tests.cooperation.conftest import make_profile
from tests.factories import country

pytestmark = pytest.mark.django_db


def send(client, method, url, payload=None):
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


def test_the_list_is_public_and_filtered(organisation, representative):
    make_profile(organisation, representative, title={"en": "Hydrogen", "pl": "Wodór"})
    make_profile(organisation, representative, title={"en": "Draft"}, publish=False)

    body = Client().get("/api/v1/cooperation/profiles?lang=pl").json()

    assert body["count"] == 1
    assert body["results"][0]["title"] == "Wodór"
    assert "contact" not in body["results"][0]
    assert Client().get("/api/v1/cooperation/profiles?kind=investment").json()["count"] == 0


def test_the_list_costs_the_same_queries_for_one_and_three(
    organisation, representative, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_profile(organisation, representative)
    with CaptureQueriesContext(connection) as one:
        Client().get("/api/v1/cooperation/profiles")
    make_profile(organisation, representative)
    make_profile(organisation, representative)
    with CaptureQueriesContext(connection) as three:
        Client().get("/api/v1/cooperation/profiles")
    assert len(three) == len(one)


def test_contact_is_given_only_after_acceptance(
    profile, representative, interested, interested_organisation
):
    url = f"/api/v1/cooperation/profiles/{profile.pk}"
    as_interested = client_for(interested)
    assert Client().get(url).json()["contact"] is None

    response = send(
        as_interested,
        "post",
        f"{url}/interests",
        {"organisation": interested_organisation.pk, "message": "Interested"},
    )
    assert response.status_code == 201, response.json()
    interest_id = response.json()["id"]
    assert as_interested.get(url).json()["contact"] is None

    response = send(client_for(representative), "post", f"{url}/interests/{interest_id}/accept")
    assert response.json()["status"] == InterestStatus.ACCEPTED

    assert as_interested.get(url).json()["contact"]["email"] == "anna@tanks.example"
    assert Client().get(url).json()["contact"] is None


def test_interest_twice_is_refused(profile, interested, interested_organisation):
    client = client_for(interested)
    url = f"/api/v1/cooperation/profiles/{profile.pk}/interests"
    payload = {"organisation": interested_organisation.pk, "message": "Hi"}
    send(client, "post", url, payload)
    response = send(client, "post", url, payload)
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"


def test_a_representative_writes_publishes_and_changes_a_profile(organisation, representative):
    country("DE")
    client = client_for(representative)
    response = send(
        client,
        "post",
        "/api/v1/cooperation/profiles",
        {
            "organisation": organisation.pk,
            "kind": "technology_request",
            "title": {"en": "Sensors wanted", "xx": "dropped"},
            "countries_sought": ["DE"],
            "helix_roles_sought": ["research"],
            "contact_email": "buyer@example.org",
            "publish": True,
        },
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["direction"] == "request"
    assert body["status"] == ProfileStatus.PUBLISHED
    assert body["titles"] == {"en": "Sensors wanted"}
    assert body["contact"]["email"] == "buyer@example.org"
    assert [c["code"] for c in body["countries_sought"]] == ["DE"]

    # Answers are taken until the day the profile expires, never after it.
    last_day = body["expires_on"]
    response = send(
        client, "patch", f"/api/v1/cooperation/profiles/{body['id']}", {"deadline": last_day}
    )
    assert response.json()["deadline"] == last_day


def test_an_unknown_country_is_a_field_error(organisation, representative):
    response = send(
        client_for(representative),
        "post",
        "/api/v1/cooperation/profiles",
        {
            "organisation": organisation.pk,
            "kind": "technology_offer",
            "title": {"en": "X"},
            "countries_sought": ["QQ"],
        },
    )
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "countries_sought"


def test_outsiders_are_refused_every_change(
    profile, organisation, outsider, interested, interested_organisation
):
    client = client_for(outsider)
    base = f"/api/v1/cooperation/profiles/{profile.pk}"
    interest = express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hi"
    )
    attempts = [
        (
            "post",
            "/api/v1/cooperation/profiles",
            {"organisation": organisation.pk, "kind": "technology_offer", "title": {"en": "X"}},
        ),
        ("patch", base, {"title": {"en": "Mine"}}),
        ("post", f"{base}/withdraw", None),
        ("post", f"{base}/renew", None),
        ("post", f"{base}/interests/{interest.pk}/accept", None),
        ("post", f"{base}/interests/{interest.pk}/decline", None),
    ]
    for method, url, payload in attempts:
        response = send(client, method, url, payload)
        assert response.status_code == 403, (url, response.json())
        assert error_of(response)["code"] == "permission_denied"
    profile.refresh_from_db()
    interest.refresh_from_db()
    assert profile.status == ProfileStatus.PUBLISHED
    assert interest.status == InterestStatus.PENDING


def test_writing_needs_a_token(organisation):
    response = send(Client(), "post", "/api/v1/cooperation/profiles", {})
    assert response.status_code == 401


def test_a_draft_is_not_found_for_others(organisation, representative, outsider):
    draft = make_profile(organisation, representative, publish=False)
    url = f"/api/v1/cooperation/profiles/{draft.pk}"
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(representative).get(url).status_code == 200
