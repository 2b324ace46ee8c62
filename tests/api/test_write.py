import json

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from helisa.registry.models import (
    ChangeRecord,
    Cluster,
    HelixRole,
    Membership,
    MembershipStatus,
    Organisation,
    Role,
    RoleKind,
)
from tests.api.conftest import client_for, error_of
from tests.factories import MembershipFactory, OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def send(client, method, url, payload=None):
    return getattr(client, method)(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


# Organisations


def test_any_signed_in_user_registers_an_organisation_and_owns_it(outsider, reference):
    client = client_for(outsider)

    response = send(
        client,
        "post",
        "/api/v1/organisations",
        {
            "legal_name": "Nowa Fundacja",
            "helix_role": "civil_society",
            "country": "PL",
            "region": "PL911",
            "sectors": ["26"],
            "topics": [reference["topic"].pk],
            "description": {"en": "New", "xx": "dropped"},
        },
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    organisation = Organisation.objects.get(pk=body["id"])
    assert organisation.owner == outsider
    assert Role.objects.filter(
        user=outsider, organisation=organisation, kind=RoleKind.REPRESENTATIVE
    ).exists()
    assert body["description"] == {"en": "New"}
    assert [sector["code"] for sector in body["sectors"]] == ["26"]
    assert organisation.history.get(action="created").by == outsider


def test_a_likely_duplicate_is_refused_with_the_matches_unless_confirmed(outsider, reference):
    existing = OrganisationFactory(legal_name="Fabryka Wodoru S.A.")
    client = client_for(outsider)
    payload = {"legal_name": "FABRYKA WODORU Sp. z o.o.", "helix_role": "business", "country": "PL"}

    response = send(client, "post", "/api/v1/organisations", payload)

    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"
    [detail] = error_of(response)["details"]
    assert detail["field"] == "legal_name"
    assert f"organisation {existing.pk}" in detail["message"]
    assert Organisation.objects.count() == 1

    response = send(client, "post", "/api/v1/organisations", payload | {"not_a_duplicate": True})
    assert response.status_code == 201, response.json()


def test_renaming_to_a_likely_duplicate_is_refused_unless_confirmed(outsider, reference):
    OrganisationFactory(legal_name="Fabryka Wodoru S.A.")
    organisation = OrganisationFactory(owner=outsider, legal_name="Inna Nazwa")
    url = f"/api/v1/organisations/{organisation.pk}"

    assert (
        send(client_for(outsider), "patch", url, {"legal_name": "Fabryka Wodoru"}).status_code
        == 409
    )
    response = send(
        client_for(outsider),
        "patch",
        url,
        {"legal_name": "Fabryka Wodoru", "not_a_duplicate": True},
    )
    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation.pk).legal_name == "Fabryka Wodoru"


def test_owner_changes_their_organisation(outsider, reference):
    organisation = OrganisationFactory(owner=outsider)

    response = send(
        client_for(outsider),
        "patch",
        f"/api/v1/organisations/{organisation.pk}",
        {"short_name": "NF", "city": None, "sectors": ["C"]},
    )

    assert response.status_code == 200, response.json()
    organisation.refresh_from_db()
    assert organisation.short_name == "NF" and organisation.city == ""
    assert list(organisation.sectors.values_list("code", flat=True)) == ["C"]
    change = ChangeRecord.objects.get(organisation=organisation, action="updated")
    assert change.by == outsider and change.changes["short_name"] == ["", "NF"]


@pytest.mark.parametrize(
    "kind", [RoleKind.REPRESENTATIVE, RoleKind.CLUSTER_MANAGER, RoleKind.CLUSTER_EDITOR]
)
def test_role_holders_change_the_organisation(cluster, kind):
    user = RoleFactory(organisation=cluster.organisation, kind=kind).user

    response = send(
        client_for(user),
        "patch",
        f"/api/v1/organisations/{cluster.organisation.pk}",
        {"website": "https://example.org"},
    )

    assert response.status_code == 200, response.json()
    assert response.json()["website"] == "https://example.org"


def test_secretariat_changes_any_organisation(as_secretariat, db):
    organisation = OrganisationFactory()

    response = send(
        as_secretariat, "patch", f"/api/v1/organisations/{organisation.pk}", {"legal_name": "X"}
    )

    assert response.status_code == 200
    assert Organisation.objects.get(pk=organisation.pk).legal_name == "X"


# Clusters


def test_representative_creates_a_cluster_profile(reference):
    organisation = OrganisationFactory(helix_role=HelixRole.OTHER)
    user = RoleFactory(organisation=organisation).user

    response = send(
        client_for(user),
        "post",
        "/api/v1/clusters",
        {
            "organisation": organisation.pk,
            "name": "Mazovia Robotics",
            "staff_fte": "1.5",
            "regions": ["PL91"],
            "focus_sectors": ["26"],
        },
    )

    assert response.status_code == 201, response.json()
    cluster = Cluster.objects.get(pk=organisation.pk)
    assert cluster.name == "Mazovia Robotics"
    assert Role.objects.filter(
        user=user, organisation=organisation, kind="cluster_manager"
    ).exists()
    assert response.json()["validation"]["is_validated"] is False
    assert [region["code"] for region in response.json()["regions"]] == ["PL91"]


def test_a_second_cluster_profile_is_a_conflict(as_owner, cluster):
    response = send(
        as_owner, "post", "/api/v1/clusters", {"organisation": cluster.pk, "name": "Again"}
    )

    assert response.status_code == 409
    assert error_of(response)["code"] == "conflict"


def test_cluster_manager_changes_the_cluster(as_owner, owner, cluster, reference):
    response = send(
        as_owner,
        "patch",
        f"/api/v1/clusters/{cluster.pk}",
        {"name": "Renamed", "focus_sectors": ["C"]},
    )

    assert response.status_code == 200, response.json()
    cluster.refresh_from_db()
    assert cluster.name == "Renamed"
    assert ChangeRecord.objects.get(record_type="cluster", action="updated").by == owner


def test_secretariat_changes_any_cluster(as_secretariat, cluster):
    response = send(as_secretariat, "patch", f"/api/v1/clusters/{cluster.pk}", {"staff_fte": 3})

    assert response.status_code == 200
    assert response.json()["staff_fte"] == "3.00" or float(response.json()["staff_fte"]) == 3


# Members


def test_cluster_manager_adds_changes_and_removes_a_member(as_owner, owner, cluster):
    member = OrganisationFactory()
    url = f"/api/v1/clusters/{cluster.pk}/members"

    added = send(as_owner, "post", url, {"member_id": member.pk, "since": "2024-01-31"})
    suspended = send(as_owner, "patch", f"{url}/{member.pk}", {"status": "suspended"})
    membership = Membership.objects.get(cluster=cluster, member=member)
    removed = as_owner.delete(f"{url}/{member.pk}")

    assert added.status_code == 201, added.json()
    assert added.json()["since"] == "2024-01-31"
    assert suspended.json()["status"] == "suspended"
    assert membership.status == MembershipStatus.SUSPENDED
    assert removed.status_code == 204
    assert not Membership.objects.filter(cluster=cluster, member=member).exists()
    actions = set(
        ChangeRecord.objects.filter(record_type="membership", by=owner).values_list(
            "action", flat=True
        )
    )
    assert actions == {"created", "updated", "deleted"}


def test_adding_a_member_twice_is_a_conflict(as_owner, cluster):
    membership = MembershipFactory(cluster=cluster)

    response = send(
        as_owner,
        "post",
        f"/api/v1/clusters/{cluster.pk}/members",
        {"member_id": membership.member_id},
    )

    assert response.status_code == 409


def test_a_cluster_is_not_its_own_member(as_owner, cluster):
    response = send(
        as_owner, "post", f"/api/v1/clusters/{cluster.pk}/members", {"member_id": cluster.pk}
    )

    assert response.status_code == 422
    assert error_of(response)["details"][0]["field"] == "member_id"
    assert not Membership.objects.filter(cluster=cluster).exists()


def test_secretariat_manages_members(as_secretariat, cluster):
    member = OrganisationFactory()

    response = send(
        as_secretariat, "post", f"/api/v1/clusters/{cluster.pk}/members", {"member_id": member.pk}
    )

    assert response.status_code == 201


# Refusals


def _protected_requests(cluster, member):
    base = f"/api/v1/clusters/{cluster.pk}"
    return {
        "change organisation": ("patch", f"/api/v1/organisations/{cluster.pk}", {"city": "X"}),
        "create cluster": ("post", "/api/v1/clusters", {"organisation": member.pk, "name": "X"}),
        "change cluster": ("patch", base, {"name": "X"}),
        "add member": ("post", f"{base}/members", {"member_id": OrganisationFactory().pk}),
        "change member": ("patch", f"{base}/members/{member.pk}", {"status": "ended"}),
        "remove member": ("delete", f"{base}/members/{member.pk}", None),
    }


PROTECTED = [
    "change organisation",
    "create cluster",
    "change cluster",
    "add member",
    "change member",
    "remove member",
]


@pytest.mark.parametrize("name", PROTECTED)
def test_an_outsider_is_refused_every_change(as_outsider, cluster, name):
    member = MembershipFactory(cluster=cluster).member
    method, url, payload = _protected_requests(cluster, member)[name]
    history_before = ChangeRecord.objects.count()

    response = send(as_outsider, method, url, payload)

    assert response.status_code == 403
    assert error_of(response)["code"] == "permission_denied"
    assert ChangeRecord.objects.count() == history_before
    cluster.refresh_from_db()
    assert cluster.name != "X" and cluster.organisation.city != "X"
    assert Membership.objects.get(cluster=cluster, member=member).status == "active"
    assert not Cluster.objects.filter(pk=member.pk).exists()


def test_a_representative_of_a_member_may_not_change_the_cluster(cluster):
    member = MembershipFactory(cluster=cluster).member
    representative = RoleFactory(organisation=member).user

    response = send(
        client_for(representative), "patch", f"/api/v1/clusters/{cluster.pk}", {"name": "X"}
    )

    assert response.status_code == 403


@pytest.mark.parametrize("name", [*PROTECTED, "register organisation"])
def test_an_anonymous_caller_must_authenticate(client, cluster, name):
    member = MembershipFactory(cluster=cluster).member
    requests = _protected_requests(cluster, member)
    requests["register organisation"] = ("post", "/api/v1/organisations", {"legal_name": "X"})
    method, url, payload = requests[name]

    response = send(client, method, url, payload)

    assert response.status_code == 401
    assert error_of(response)["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_writes_need_a_csrf_token(cluster, owner):
    client = Client(enforce_csrf_checks=True)
    client.force_login(owner)

    refused = send(client, "patch", f"/api/v1/clusters/{cluster.pk}", {"name": "Via session"})
    csrf = _get_new_csrf_string()
    client.cookies[settings.CSRF_COOKIE_NAME] = csrf
    allowed = client.patch(
        f"/api/v1/clusters/{cluster.pk}",
        data=json.dumps({"name": "Via session"}),
        content_type="application/json",
        headers={"X-CSRFToken": csrf},
    )

    assert refused.status_code == 403
    assert error_of(refused)["code"] == "permission_denied"
    assert allowed.status_code == 200, allowed.json()
    assert Cluster.objects.get(pk=cluster.pk).name == "Via session"


def test_an_inactive_users_token_is_refused(cluster):
    user = UserFactory(is_active=False)

    response = send(client_for(user), "patch", f"/api/v1/clusters/{cluster.pk}", {"name": "X"})

    assert response.status_code == 401
