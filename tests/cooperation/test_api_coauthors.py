"""Invitations to co-author a good practice through the API: the invited cluster's managers list
theirs and accept or decline; its editors, the inviting authors and strangers are refused."""

import pytest
from django.core import mail
from django.test import Client

from helisa.cooperation.models import CoAuthorInvitation, CoAuthorStatus
from helisa.cooperation.services import practices as services
from helisa.cooperation.services.practice_coauthors import answer_invitation
from helisa.registry.models import RoleKind
from tests.api.conftest import client_for, error_of
from tests.cooperation import test_practice_coauthors as page_tests
from tests.cooperation.api_helpers import queries_for
from tests.factories import ClusterFactory, RoleFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/cooperation/practices/coauthor-invitations"
# The invited cluster and its manager, as in the page's tests.
partner, partner_manager = page_tests.partner, page_tests.partner_manager


def invite(cluster, owner, *invited, title="Joint pilot lines"):
    return services.create_practice(
        authors=[cluster, *invited], by=owner, title={"en": title, "pl": "Wspólne linie"}
    )


def invitation_of(practice, cluster):
    return CoAuthorInvitation.objects.get(practice=practice, cluster=cluster)


def refused(response, status=403, code="permission_denied"):
    assert response.status_code == status, response.content
    assert error_of(response)["code"] == code


def test_the_invited_manager_lists_the_invitations_awaiting_an_answer(
    cluster, owner, partner, partner_manager
):
    practice = invite(cluster, owner, partner)
    answered = invite(cluster, owner, partner, title="Answered already")
    answer_invitation(invitation=invitation_of(answered, partner), by=partner_manager, accept=False)

    body = client_for(partner_manager).get(URL).json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["id"] == invitation_of(practice, partner).pk
    assert row["status"] == "pending"
    assert row["practice"]["id"] == practice.pk
    assert row["practice"]["title"] == "Joint pilot lines"
    assert [author["id"] for author in row["practice"]["authors"]] == [cluster.pk]
    assert row["cluster"]["name"] == "Baltic Maritime Cluster"
    assert row["invited_by"] in (owner.full_name, owner.email)
    polish = client_for(partner_manager).get(f"{URL}?lang=pl").json()
    assert polish["results"][0]["practice"]["title"] == "Wspólne linie"


def test_nobody_else_sees_the_invitations(cluster, owner, partner, outsider):
    invite(cluster, owner, partner)
    editor = RoleFactory(organisation=partner.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    for somebody in (owner, outsider, editor):
        assert client_for(somebody).get(URL).json()["count"] == 0
    refused(Client().get(URL), 401, "not_authenticated")


def test_accepting_names_the_cluster_among_the_authors(cluster, owner, partner, partner_manager):
    practice = invite(cluster, owner, partner)
    mail.outbox.clear()
    invitation = invitation_of(practice, partner)
    response = client_for(partner_manager).post(f"{URL}/{invitation.pk}/accept")
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["status"] == "accepted" and body["answered_at"]
    assert {author["id"] for author in body["practice"]["authors"]} == {cluster.pk, partner.pk}
    assert set(practice.authors.all()) == {cluster, partner}
    assert [m.to for m in mail.outbox] == [[owner.email]]
    assert client_for(partner_manager).get(URL).json()["count"] == 0

    again = client_for(partner_manager).post(f"{URL}/{invitation.pk}/decline")
    refused(again, 409, "conflict")
    assert "already been answered" in error_of(again)["message"]


def test_declining_leaves_the_case_alone(cluster, owner, partner, partner_manager):
    practice = invite(cluster, owner, partner)
    invitation = invitation_of(practice, partner)
    body = client_for(partner_manager).post(f"{URL}/{invitation.pk}/decline").json()
    assert body["status"] == "declined"
    assert list(practice.authors.all()) == [cluster]
    invitation.refresh_from_db()
    assert (invitation.status, invitation.answered_by) == (CoAuthorStatus.DECLINED, partner_manager)


@pytest.mark.parametrize("answer", ["accept", "decline"])
def test_only_the_invited_clusters_managers_may_answer(
    cluster, owner, partner, outsider, secretariat, answer
):
    practice = invite(cluster, owner, partner)
    invitation = invitation_of(practice, partner)
    editor = RoleFactory(organisation=partner.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    other_manager = RoleFactory(
        organisation=ClusterFactory().organisation, kind=RoleKind.CLUSTER_MANAGER
    ).user
    for somebody in (owner, outsider, editor, other_manager, secretariat):
        refused(client_for(somebody).post(f"{URL}/{invitation.pk}/{answer}"))
    refused(Client().post(f"{URL}/{invitation.pk}/{answer}"), 401, "not_authenticated")
    refused(client_for(outsider).post(f"{URL}/999999/{answer}"), 404, "not_found")
    invitation.refresh_from_db()
    assert invitation.status == CoAuthorStatus.PENDING
    assert list(practice.authors.all()) == [cluster]


def test_the_list_costs_the_same_for_one_and_three(cluster, owner, partner, partner_manager):
    client = client_for(partner_manager)
    invite(cluster, owner, partner)
    one = queries_for(client, URL)
    other = ClusterFactory()
    other_owner = RoleFactory(organisation=other.organisation, kind=RoleKind.CLUSTER_MANAGER).user
    invite(other, other_owner, partner, title="Second")
    second = ClusterFactory()
    RoleFactory(
        user=partner_manager, organisation=second.organisation, kind=RoleKind.CLUSTER_MANAGER
    )
    invite(cluster, owner, partner, second, title="Third")
    assert client.get(URL).json()["count"] == 4
    assert queries_for(client, URL) == one
