from decimal import Decimal

import pytest
from django.urls import reverse

from helisa.registry.models import (
    ChangeRecord,
    ClusterKind,
    HelixRole,
    Membership,
    MembershipStatus,
    Organisation,
)
from helisa.registry.services.clusters import refresh_validation, review_cluster
from helisa.registry.services.organisations import update_organisation
from tests.factories import ClusterFactory, MembershipFactory, OrganisationFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed_cluster(cluster, secretariat):
    cluster.staff_fte = Decimal("0.5")
    cluster.save()
    review_cluster(cluster=cluster, by=secretariat)
    return cluster


def give_members(cluster, count, roles=(HelixRole.BUSINESS, HelixRole.UNIVERSITY)):
    return [
        MembershipFactory(cluster=cluster, member__helix_role=roles[index % len(roles)])
        for index in range(count)
    ]


def members_url(cluster):
    return reverse("registry:cluster_members", args=[cluster.pk])


def post(client, cluster, **data):
    return client.post(members_url(cluster), data)


def is_validated(cluster):
    cluster.refresh_from_db()
    return cluster.is_validated


def test_the_fifteenth_member_validates_a_reviewed_cluster(client, owner, reviewed_cluster):
    give_members(reviewed_cluster, 14)
    assert not is_validated(reviewed_cluster)
    newcomer = OrganisationFactory(helix_role=HelixRole.RESEARCH)
    client.force_login(owner)

    response = post(client, reviewed_cluster, action="add", member=newcomer.pk)

    assert response.url == members_url(reviewed_cluster)
    assert Membership.objects.filter(cluster=reviewed_cluster, member=newcomer).exists()
    assert is_validated(reviewed_cluster)
    record = ChangeRecord.objects.get(record_type="membership", action="created")
    assert record.organisation_id == reviewed_cluster.pk and record.by == owner


def test_status_changes_and_removal_keep_the_validation_true(client, owner, reviewed_cluster):
    memberships = give_members(reviewed_cluster, 15)
    client.force_login(owner)
    one = memberships[0]

    post(client, reviewed_cluster, action="status", membership=one.pk, status="suspended")
    assert not is_validated(reviewed_cluster)
    one.refresh_from_db()
    assert one.status == MembershipStatus.SUSPENDED

    post(client, reviewed_cluster, action="status", membership=one.pk, status="active")
    assert is_validated(reviewed_cluster)

    post(client, reviewed_cluster, action="remove", membership=one.pk)
    assert not Membership.objects.filter(pk=one.pk).exists()
    assert not is_validated(reviewed_cluster)

    assert list(
        ChangeRecord.objects.filter(record_type="membership")
        .order_by("id")
        .values_list("action", "changes")
    ) == [
        ("updated", {"status": ["active", "suspended"]}),
        ("updated", {"status": ["suspended", "active"]}),
        ("deleted", {"member": [one.member_id, None], "status": ["active", None]}),
    ]


def test_one_helix_type_is_not_enough(client, owner, reviewed_cluster):
    give_members(reviewed_cluster, 15, roles=(HelixRole.BUSINESS,))

    client.force_login(owner)
    page = client.get(members_url(reviewed_cluster)).content.decode()

    assert not is_validated(reviewed_cluster)
    assert "1 helix type(s) among the members; at least 2 are needed" in page


def test_too_little_staff_is_not_enough(client, owner, reviewed_cluster):
    give_members(reviewed_cluster, 15)
    client.force_login(owner)
    client.post(
        reverse("registry:cluster_edit", args=[reviewed_cluster.pk]),
        {"name": reviewed_cluster.name, "kind": ClusterKind.CLUSTER, "staff_fte": "0.4"},
    )
    assert not is_validated(reviewed_cluster)


def test_a_cluster_is_not_validated_before_its_review(client, owner, cluster):
    cluster.staff_fte = Decimal("0.5")
    cluster.save()
    give_members(cluster, 14)
    client.force_login(owner)

    post(client, cluster, action="add", member=OrganisationFactory().pk)

    assert cluster.memberships.count() == 15
    assert not is_validated(cluster)


def test_an_association_is_validated_by_review_alone(secretariat):
    association = ClusterFactory(kind=ClusterKind.ASSOCIATION, staff_fte=0)

    review_cluster(cluster=association, by=secretariat)

    assert is_validated(association)


def test_the_members_of_an_association_are_cluster_organisations(client, owner, cluster):
    cluster.kind = ClusterKind.ASSOCIATION
    cluster.save()
    firm = OrganisationFactory(legal_name="Zwykła Firma")
    member_cluster = ClusterFactory()
    client.force_login(owner)

    refused = client.post(members_url(cluster), {"action": "add", "member": firm.pk}, follow=True)
    post(client, cluster, action="add", member=member_cluster.pk)

    assert "Zwykła Firma has no cluster profile" in refused.content.decode()
    assert list(cluster.memberships.values_list("member", flat=True)) == [member_cluster.pk]


def test_suggestions_find_organisations_by_folded_name(client, owner, cluster):
    wanted = OrganisationFactory(legal_name="Politechnika Łódzka", city="Łódź")
    already = OrganisationFactory(legal_name="Uniwersytet Łódzki", city="Łódź")
    MembershipFactory(cluster=cluster, member=already)
    client.force_login(owner)

    response = client.get(
        reverse("registry:cluster_member_suggestions", args=[cluster.pk]),
        {"q": "LODZ"},
        headers={"HX-Request": "true"},
    )

    html = response.content.decode()
    assert "Politechnika Łódzka" in html and f'value="{wanted.pk}"' in html
    assert "Uniwersytet Łódzki" not in html
    assert "<html" not in html


def test_suggestions_work_without_javascript_too(client, owner, cluster):
    OrganisationFactory(legal_name="Politechnika Łódzka")
    client.force_login(owner)

    page = client.get(members_url(cluster), {"q": "politechnika"}).content.decode()

    assert "Politechnika Łódzka" in page and 'value="politechnika"' in page


def test_a_new_organisation_is_registered_and_added(client, owner, cluster):
    client.force_login(owner)

    post(
        client,
        cluster,
        action="create",
        **{
            "new-legal_name": "Instytut Wodoru",
            "new-helix_role": HelixRole.RESEARCH,
            "new-country": "PL",
            "new-city": "Gdańsk",
        },
    )

    member = Organisation.objects.get(legal_name="Instytut Wodoru")
    assert member.owner is None
    assert Membership.objects.filter(cluster=cluster, member=member).exists()
    assert set(ChangeRecord.objects.values_list("record_type", "action")) == {
        ("organisation", "created"),
        ("membership", "created"),
    }


def test_a_new_member_that_may_exist_already_is_offered(client, owner, cluster):
    existing = OrganisationFactory(legal_name="Instytut Wodoru Sp. z o.o.", country=country("PL"))
    client.force_login(owner)
    data = {
        "new-legal_name": "INSTYTUT WODORU",
        "new-helix_role": HelixRole.RESEARCH,
        "new-country": "PL",
        "new-city": "Gdańsk",
    }

    response = post(client, cluster, action="create", **data)

    html = response.content.decode()
    assert "Is it one of these?" in html and f'name="member" value="{existing.pk}"' in html
    assert 'value="INSTYTUT WODORU"' in html and 'value="Gdańsk"' in html
    assert not Organisation.objects.filter(legal_name="INSTYTUT WODORU").exists()

    post(client, cluster, action="create", **data, **{"new-not_a_duplicate": "on"})
    assert cluster.memberships.filter(member__legal_name="INSTYTUT WODORU").exists()


def test_a_cluster_cannot_join_itself(client, owner, cluster):
    client.force_login(owner)
    post(client, cluster, action="add", member=cluster.pk)
    assert not cluster.memberships.exists()


def test_another_clusters_membership_cannot_be_touched(client, owner, cluster):
    elsewhere = MembershipFactory()
    client.force_login(owner)

    response = post(client, cluster, action="remove", membership=elsewhere.pk)

    assert response.status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()


def test_the_import_link_names_the_cluster(client, owner, cluster):
    client.force_login(owner)
    page = client.get(members_url(cluster)).content.decode()
    expected = f"{reverse('registry:import_upload')}?kind=memberships&amp;cluster={cluster.pk}"
    assert expected in page


@pytest.mark.parametrize("count", [1, 3])
def test_the_member_list_costs_the_same_for_any_length(
    client, owner, cluster, count, django_assert_num_queries
):
    give_members(cluster, count)
    client.force_login(owner)

    # session, user, cluster, permission, count, validation, countries, the page of members
    with django_assert_num_queries(8):
        page = client.get(members_url(cluster)).content.decode()

    assert page.count('name="action" value="remove"') == count


def test_a_member_changing_its_helix_role_refreshes_the_validation(owner, reviewed_cluster):
    memberships = give_members(reviewed_cluster, 15, roles=(HelixRole.BUSINESS,))
    memberships[0].member.helix_role = HelixRole.UNIVERSITY
    memberships[0].member.save()
    refresh_validation(reviewed_cluster)
    assert is_validated(reviewed_cluster)

    update_organisation(organisation=memberships[0].member, by=owner, helix_role=HelixRole.BUSINESS)

    assert not is_validated(reviewed_cluster)
