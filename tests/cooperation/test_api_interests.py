"""Expressions of interest as each side lists them: the other side's contact only after
acceptance, strangers seeing none of them and refused their answers."""

import pytest
from django.test import Client

from helisa.cooperation.models import InterestStatus
from helisa.cooperation.services.interest import accept_interest, express_interest
from tests.api.conftest import client_for, error_of
from tests.cooperation.api_helpers import queries_for, send
from tests.cooperation.conftest import make_profile
from tests.factories import RoleFactory, country

pytestmark = pytest.mark.django_db
RECEIVED = "/api/v1/cooperation/interests/received"
SENT = "/api/v1/cooperation/interests/sent"


@pytest.fixture
def interest(profile, interested, interested_organisation):
    interested.full_name = "Jean Dupont"
    interested.save()
    return express_interest(
        profile=profile, organisation=interested_organisation, by=interested, message="Hello"
    )


def test_before_acceptance_neither_side_sees_the_other(interest, representative, interested):
    [received] = client_for(representative).get(RECEIVED).json()["results"]
    assert received["id"] == interest.pk
    assert received["status"] == "pending"
    assert received["message"] == "Hello"
    assert received["organisation"]["id"] == interest.organisation_id
    assert received["contact"] is None

    [sent] = client_for(interested).get(SENT + "?lang=pl").json()["results"]
    assert sent["profile_title"] == "Zbiorniki na wodór"
    assert sent["profile_organisation"]["id"] == interest.profile.organisation_id
    assert sent["contact"] is None


def test_after_acceptance_each_side_sees_the_other(interest, representative, interested):
    response = send(
        client_for(representative),
        "post",
        f"/api/v1/cooperation/profiles/{interest.profile_id}/interests/{interest.pk}/accept",
    )
    assert response.status_code == 200, response.json()
    assert response.json()["contact"] == {
        "name": "Jean Dupont",
        "email": interested.email,
        "phone": "",
    }

    [received] = client_for(representative).get(RECEIVED).json()["results"]
    assert received["status"] == "accepted"
    assert received["contact"]["email"] == interested.email
    [sent] = client_for(interested).get(SENT).json()["results"]
    assert sent["contact"] == {
        "name": "Anna Nowak",
        "email": "anna@tanks.example",
        "phone": "+48 600 000 000",
    }


def test_a_declined_interest_shares_nothing(interest, representative, interested):
    url = f"/api/v1/cooperation/profiles/{interest.profile_id}/interests/{interest.pk}/decline"
    response = send(client_for(representative), "post", url)
    assert response.json()["status"] == "declined" and response.json()["contact"] is None
    assert client_for(interested).get(SENT).json()["results"][0]["contact"] is None
    assert client_for(representative).get(RECEIVED).json()["results"][0]["contact"] is None


def test_an_answered_interest_is_not_answered_again(interest, representative):
    url = f"/api/v1/cooperation/profiles/{interest.profile_id}/interests/{interest.pk}"
    client = client_for(representative)
    send(client, "post", f"{url}/decline")
    response = send(client, "post", f"{url}/accept")
    assert response.status_code == 422
    assert error_of(response)["code"] == "validation_error"
    interest.refresh_from_db()
    assert interest.status == InterestStatus.DECLINED


def test_the_lists_filter_by_status_and_profile(interest, representative, organisation):
    client = client_for(representative)
    assert client.get(RECEIVED + "?status=pending").json()["count"] == 1
    assert client.get(RECEIVED + "?status=accepted").json()["count"] == 0
    other = make_profile(organisation, representative)
    assert client.get(f"{RECEIVED}?profile={other.pk}").json()["count"] == 0
    assert client.get(f"{RECEIVED}?profile={interest.profile_id}").json()["count"] == 1
    response = client.get(RECEIVED + "?status=maybe")
    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "status"


def test_strangers_see_no_interest_and_may_not_answer(interest, representative, outsider):
    accept_interest(interest=interest, by=representative)
    stranger = client_for(outsider)
    assert stranger.get(RECEIVED).json()["count"] == 0
    assert stranger.get(SENT).json()["count"] == 0
    url = f"/api/v1/cooperation/profiles/{interest.profile_id}/interests/{interest.pk}/decline"
    response = send(stranger, "post", url)
    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    for url in (RECEIVED, SENT):
        response = Client().get(url)
        assert response.status_code == 401
        assert error_of(response)["code"] == "not_authenticated"


def test_the_interested_side_cannot_answer_its_own_interest(interest, interested):
    url = f"/api/v1/cooperation/profiles/{interest.profile_id}/interests/{interest.pk}/accept"
    response = send(client_for(interested), "post", url)
    assert response.status_code == 403
    assert client_for(interested).get(RECEIVED).json()["count"] == 0


def test_the_lists_cost_the_same_for_one_and_three(profile, representative, interested):
    def interest_from_new_organisation(number):
        person = RoleFactory(organisation__country=country("FR")).user
        organisation = person.roles.get().organisation
        interest = express_interest(
            profile=profile, organisation=organisation, by=person, message=f"Hi {number}"
        )
        accept_interest(interest=interest, by=representative)
        return person

    first = interest_from_new_organisation(1)
    as_owner = client_for(representative)
    received_one = queries_for(as_owner, RECEIVED)
    # The interested side: one person speaking for three organisations.
    sent_one = queries_for(client_for(first), SENT)
    for number in (2, 3):
        person = interest_from_new_organisation(number)
        RoleFactory(user=first, organisation=person.roles.get().organisation)
    assert as_owner.get(RECEIVED).json()["count"] == 3
    assert queries_for(as_owner, RECEIVED) == received_one
    as_first = client_for(first)
    assert as_first.get(SENT).json()["count"] == 3
    assert queries_for(as_first, SENT) == sent_one
