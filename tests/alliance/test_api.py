"""The alliance API: public reading, and the same permissions as the UI for every write."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from helisa.alliance.models import Ballot, MemberState
from helisa.alliance.services.membership import cast_vote, open_ballot
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    application,
    manager_of,
    voter,
    voting_member,
)
from tests.api.conftest import client_for, error_of

pytestmark = pytest.mark.django_db


def post(client, url, payload):
    return client.post(url, data=json.dumps(payload), content_type="application/json")


def url(alliance, rest=""):
    return f"/api/v1/alliances/{alliance.slug}{rest}"


@pytest.fixture
def ballot(application, alliance_secretariat):
    return open_ballot(
        application=application,
        by=alliance_secretariat,
        deadline=timezone.now() + timedelta(days=3),
    )


# Reading


def test_anyone_lists_the_alliances(client, alliance):
    add_member(alliance)

    body = client.get("/api/v1/alliances", {"lang": "pl"}).json()

    (item,) = body["results"]
    assert item["slug"] == "eca"
    assert item["name"] == "Europejski Związek Klastrów"
    assert item["names"]["en"] == "European Clusters Alliance"
    assert item["member_count"] == 1


def test_an_alliance_tells_its_members_by_country(client, alliance):
    for code in ("PL", "PL", "FR"):
        add_member(alliance, code=code)

    body = client.get(url(alliance)).json()

    assert {row["country"]: row["members"] for row in body["members_by_country"]} == {
        "PL": 2,
        "FR": 1,
    }
    assert {row["helix_role"] for row in body["helix_mix"]} >= {"business", "university"}


def test_an_unknown_alliance_is_a_structured_404(client):
    assert error_of(client.get("/api/v1/alliances/nope"))["code"] == "not_found"


def test_members_are_paged_and_filtered(client, alliance):
    add_member(alliance, code="PL", name="A Polish cluster")
    add_member(alliance, code="FR", name="B French cluster")
    add_member(alliance, code="FR", name="C Applicant", state=MemberState.APPLICANT)

    everyone = client.get(url(alliance, "/members"), {"limit": 1}).json()
    french = client.get(url(alliance, "/members"), {"country": "fr"}).json()

    assert everyone["count"] == 2
    assert [m["cluster_name"] for m in everyone["results"]] == ["A Polish cluster"]
    assert everyone["next"]
    assert [m["cluster_name"] for m in french["results"]] == ["B French cluster"]


def test_only_the_secretariat_lists_other_states(client, alliance, outsider, alliance_secretariat):
    add_member(alliance, state=MemberState.APPLICANT, name="Hopeful")

    anonymous = client.get(url(alliance, "/members"), {"state": "applicant"})
    refused = client_for(outsider).get(url(alliance, "/members"), {"state": "applicant"})
    allowed = client_for(alliance_secretariat).get(
        url(alliance, "/members"), {"state": "applicant"}
    )

    assert error_of(anonymous)["code"] == "permission_denied"
    assert error_of(refused)["code"] == "permission_denied"
    assert [m["cluster_name"] for m in allowed.json()["results"]] == ["Hopeful"]


def test_the_member_list_makes_as_many_queries_for_one_member_as_for_three(
    client, alliance, django_assert_num_queries
):
    add_member(alliance)
    with CaptureQueriesContext(connection) as one:
        client.get(url(alliance, "/members"))
    add_member(alliance, code="FR")
    add_member(alliance, code="ES")

    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(url(alliance, "/members")).json()

    assert len(body["results"]) == 3


def test_the_applications_list_makes_as_many_queries_for_one_as_for_three(
    alliance, alliance_secretariat, django_assert_num_queries
):
    client = client_for(alliance_secretariat)
    add_member(alliance, state=MemberState.APPLICANT)
    client.get(url(alliance, "/applications"))  # the token's last use is written once
    with CaptureQueriesContext(connection) as one:
        client.get(url(alliance, "/applications"))
    add_member(alliance, state=MemberState.APPLICANT, code="FR")
    add_member(alliance, state=MemberState.APPLICANT, code="ES")

    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(url(alliance, "/applications")).json()

    assert len(body["results"]) == 3


# Outsiders are refused every secretariat action


def test_an_outsider_cannot_list_applications(alliance, outsider, application):
    response = client_for(outsider).get(url(alliance, "/applications"))

    assert error_of(response)["code"] == "permission_denied"


def test_an_anonymous_caller_must_sign_in_to_list_applications(client, alliance, application):
    assert error_of(client.get(url(alliance, "/applications")))["code"] == "not_authenticated"


def test_an_outsider_cannot_change_a_membership(alliance, outsider, application):
    response = post(
        client_for(outsider),
        url(alliance, f"/members/{application.pk}/transitions"),
        {"to_state": "member"},
    )

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.state == MemberState.APPLICANT


def test_an_outsider_cannot_open_a_ballot(alliance, outsider, application):
    deadline = (timezone.now() + timedelta(days=1)).isoformat()
    response = post(
        client_for(outsider),
        url(alliance, f"/applications/{application.pk}/ballot"),
        {"deadline": deadline},
    )

    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_an_outsider_cannot_vote(alliance, outsider, ballot):
    response = post(
        client_for(outsider), url(alliance, f"/ballots/{ballot.pk}/votes"), {"choice": "yes"}
    )

    assert error_of(response)["code"] == "permission_denied"
    assert not ballot.votes.exists()


def test_an_outsider_cannot_apply_for_a_cluster_they_do_not_manage(alliance, outsider, cluster):
    response = post(
        client_for(outsider),
        url(alliance, "/applications"),
        {"cluster": cluster.pk, "motivation": "Let me in"},
    )

    assert response.status_code == 403
    assert not alliance.members.exists()


# Writing


def test_a_cluster_manager_applies_once(alliance, cluster, owner):
    client = client_for(owner)
    payload = {"cluster": cluster.pk, "category": "associate", "motivation": "Hydrogen"}

    created = post(client, url(alliance, "/applications"), payload)
    again = post(client, url(alliance, "/applications"), payload)

    assert created.status_code == 201, created.json()
    assert created.json()["state"] == "applicant"
    assert created.json()["category"] == "associate"
    assert error_of(again)["code"] == "conflict"


def test_the_secretariat_accepts_and_a_disallowed_transition_is_a_conflict(
    alliance, alliance_secretariat, application
):
    client = client_for(alliance_secretariat)
    transitions = url(alliance, f"/members/{application.pk}/transitions")

    accepted = post(client, transitions, {"to_state": "member", "reason": "Welcome"})
    back = post(client, transitions, {"to_state": "rejected", "reason": "Changed our mind"})
    bogus = post(client, transitions, {"to_state": "expelled"})

    assert accepted.status_code == 200
    assert accepted.json()["state"] == "member"
    assert error_of(back)["code"] == "conflict"
    assert "cannot go from" in error_of(back)["message"]
    assert error_of(bogus)["code"] == "validation_error"
    event = application.events.get(to_state="member")
    assert (event.by, event.reason) == (alliance_secretariat, "Welcome")


def test_a_rejection_without_reason_is_a_validation_error(
    alliance, alliance_secretariat, application
):
    response = post(
        client_for(alliance_secretariat),
        url(alliance, f"/members/{application.pk}/transitions"),
        {"to_state": "rejected"},
    )

    error = error_of(response)
    assert error["code"] == "validation_error"
    assert error["details"][0]["field"] == "reason"


def test_the_secretariat_opens_a_ballot_and_a_member_votes_once(
    alliance, secretariat, application, voter, voting_member
):
    deadline = (timezone.now() + timedelta(days=1)).isoformat()
    opened = post(
        client_for(secretariat),
        url(alliance, f"/applications/{application.pk}/ballot"),
        {"deadline": deadline},
    )
    assert opened.status_code == 201, opened.json()
    ballot_id = opened.json()["id"]
    votes = url(alliance, f"/ballots/{ballot_id}/votes")

    first = post(client_for(voter), votes, {"choice": "yes"})
    second = post(client_for(voter), votes, {"voter": voting_member.pk, "choice": "no"})

    assert first.status_code == 201, first.json()
    assert first.json()["voter"] == voting_member.pk
    assert error_of(second)["code"] == "conflict"
    listed = client_for(secretariat).get(url(alliance, "/applications")).json()
    (ballot,) = listed["results"][0]["ballots"]
    assert ballot["result"]["in_favour"] == 1
    assert ballot["result"]["outcome"] == "member"


def test_no_vote_after_the_deadline(alliance, ballot, voter):
    Ballot.objects.filter(pk=ballot.pk).update(deadline=timezone.now() - timedelta(minutes=1))

    response = post(
        client_for(voter), url(alliance, f"/ballots/{ballot.pk}/votes"), {"choice": "yes"}
    )

    assert error_of(response)["code"] == "conflict"


def test_a_manager_of_two_members_says_which_votes(alliance, ballot, voter, voting_member):
    other = add_member(alliance, code="LV")
    manager_of_both = manager_of(other)
    manager_of_both.roles.create(
        organisation=voting_member.cluster.organisation, kind="cluster_manager"
    )

    response = post(
        client_for(manager_of_both), url(alliance, f"/ballots/{ballot.pk}/votes"), {"choice": "no"}
    )
    cast_vote(ballot=ballot, voter_member=other, choice="no", by=manager_of_both)

    assert error_of(response)["details"][0]["field"] == "voter"
