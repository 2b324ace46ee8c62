"""Members find the votes they are called to: an email to each member's managers when a ballot
opens, the open votes on the alliance page, and the ballots in the API. Counting the results
costs the same number of queries for one ballot as for three."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from helisa.alliance.models import MemberCategory, MemberState
from helisa.alliance.services.membership import apply_for_membership, cast_vote, open_ballot
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    application,
    manager_of,
    voter,
    voting_member,
)
from tests.api.conftest import client_for
from tests.factories import ClusterFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def deadline(days=3):
    return timezone.now() + timedelta(days=days)


def new_application(alliance, name):
    cluster = ClusterFactory(name=name)
    return apply_for_membership(
        cluster=cluster,
        alliance=alliance,
        category=MemberCategory.FULL,
        motivation=f"{name} wants to join.",
        by=None,
        notify_people=False,
    )


def test_opening_a_ballot_emails_the_members_managers_in_their_language(
    alliance, application, owner, alliance_secretariat, django_capture_on_commit_callbacks
):
    polish = manager_of(add_member(alliance, code="PL"), email="pl@example.org", language="pl")
    english = manager_of(add_member(alliance, code="FR"), email="en@example.org", language="en")
    manager_of(add_member(alliance, code="ES", state=MemberState.SUSPENDED), email="s@example.org")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        ballot = open_ballot(application=application, by=alliance_secretariat, deadline=deadline())

    assert sorted(m.to[0] for m in mail.outbox) == [english.email, polish.email]
    by_address = {m.to[0]: m for m in mail.outbox}
    url = reverse("alliance:ballot", args=[alliance.slug, ballot.pk])
    assert all(url in m.body for m in mail.outbox)
    assert application.cluster.name in by_address[english.email].subject
    assert by_address[english.email].body.startswith("Hello,")
    assert by_address[polish.email].body.startswith("Dzień dobry,")
    assert "Motywacja:" in by_address[polish.email].body
    assert owner.email not in sorted(m.to[0] for m in mail.outbox)


def test_a_refused_ballot_emails_nobody(
    alliance, application, alliance_secretariat, voter, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        open_ballot(application=application, by=alliance_secretariat, deadline=deadline(-1))
    assert mail.outbox == []


def test_a_members_manager_finds_the_open_votes_on_the_alliance_page(
    client, alliance, application, alliance_secretariat, voter
):
    ballot = open_ballot(application=application, by=alliance_secretariat, deadline=deadline())
    closed = open_ballot(
        application=new_application(alliance, "Klaster Zamknięty"),
        by=alliance_secretariat,
        deadline=deadline(),
    )
    closed.closed_at = timezone.now()
    closed.save()
    client.force_login(voter)

    page = client.get(alliance.get_absolute_url()).content.decode()

    assert "Open votes" in page
    assert reverse("alliance:ballot", args=[alliance.slug, ballot.pk]) in page
    assert f"Admission of {application.cluster.name}" in page
    assert reverse("alliance:ballot", args=[alliance.slug, closed.pk]) not in page


def test_readers_and_the_applicant_see_no_open_votes(
    client, alliance, application, alliance_secretariat, owner
):
    open_ballot(application=application, by=alliance_secretariat, deadline=deadline())
    assert "Open votes" not in client.get(alliance.get_absolute_url()).content.decode()
    client.force_login(owner)
    assert "Open votes" not in client.get(alliance.get_absolute_url()).content.decode()


def test_the_api_lists_ballots_for_members_and_the_secretariat(
    alliance, application, alliance_secretariat, voter, voting_member
):
    ballot = open_ballot(application=application, by=alliance_secretariat, deadline=deadline())
    cast_vote(ballot=ballot, voter_member=voting_member, choice="yes", by=voter)

    for user in (voter, alliance_secretariat):
        body = client_for(user).get("/api/v1/alliances/eca/ballots?open=true").json()
        assert body["count"] == 1
        (row,) = body["results"]
        assert row["id"] == ballot.pk and row["application"] == application.pk
        assert row["result"]["in_favour"] == 1 and row["result"]["eligible"] == 1


def test_an_outsider_cannot_list_ballots(alliance, application, alliance_secretariat, outsider):
    open_ballot(application=application, by=alliance_secretariat, deadline=deadline())
    response = client_for(outsider).get("/api/v1/alliances/eca/ballots")
    assert response.status_code == 403
    assert client_for(RoleFactory().user).get("/api/v1/alliances/eca/ballots").status_code == 403


# Query counts


def balloted_applications(alliance, by, count):
    voter_member = add_member(alliance, code="FR")
    voter = manager_of(voter_member)
    for number in range(count):
        ballot = open_ballot(
            application=new_application(alliance, f"Klaster {number}"), by=by, deadline=deadline()
        )
        cast_vote(ballot=ballot, voter_member=voter_member, choice="no", by=voter)
    return voter


@pytest.mark.parametrize("count", [1, 3])
def test_the_applications_page_costs_the_same_for_one_ballot_as_for_three(
    client, alliance, alliance_secretariat, count, django_assert_num_queries
):
    balloted_applications(alliance, alliance_secretariat, count)
    client.force_login(alliance_secretariat)
    url = reverse("alliance:applications", args=[alliance.slug])
    client.get(url)
    # session, user, MFA, alliance, secretariat check (x2: rule, links), applications, ballots
    with django_assert_num_queries(8):
        page = client.get(url).content.decode()
    assert page.count("Against") >= count


@pytest.mark.parametrize("count", [1, 3])
def test_the_ballot_list_api_costs_the_same_for_one_as_for_three(
    alliance, alliance_secretariat, count, django_assert_num_queries
):
    balloted_applications(alliance, alliance_secretariat, count)
    api = client_for(alliance_secretariat)
    api.get("/api/v1/alliances/eca/ballots")
    # token, alliance, permission (one query: the secretariat), count, page of ballots
    with django_assert_num_queries(4):
        body = api.get("/api/v1/alliances/eca/ballots").json()
    assert body["count"] == count and all(r["result"]["against"] == 1 for r in body["results"])


@pytest.mark.parametrize("count", [1, 3])
def test_the_applications_api_costs_the_same_for_one_as_for_three(
    alliance, alliance_secretariat, count, django_assert_num_queries
):
    balloted_applications(alliance, alliance_secretariat, count)
    api = client_for(alliance_secretariat)
    api.get("/api/v1/alliances/eca/applications")
    with CaptureQueriesContext(connection) as queries:
        body = api.get("/api/v1/alliances/eca/applications").json()
    assert body["count"] == count
    assert len(queries.captured_queries) == 5  # token, alliance, permission, count+page, ballots


@pytest.mark.parametrize("count", [1, 3])
def test_the_ballot_page_costs_the_same_whatever_the_votes(
    client, alliance, application, alliance_secretariat, count, django_assert_num_queries
):
    ballot = open_ballot(application=application, by=alliance_secretariat, deadline=deadline())
    for code in ["FR", "ES", "LT"][:count]:
        member = add_member(alliance, code=code)
        cast_vote(ballot=ballot, voter_member=member, choice="yes", by=manager_of(member))
    client.force_login(alliance_secretariat)
    url = reverse("alliance:ballot", args=[alliance.slug, ballot.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        page = client.get(url).content.decode()
    assert page.count(": In favour") == count
    assert len(one.captured_queries) == 9
