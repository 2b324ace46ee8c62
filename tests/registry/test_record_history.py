import pytest
from django.urls import reverse

from helisa.registry.models import HelixRole, MembershipStatus, RoleKind
from helisa.registry.services.cluster_profiles import set_membership_status
from helisa.registry.services.clusters import add_member
from helisa.registry.services.organisations import update_organisation
from tests.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def history_url(organisation):
    return reverse("registry:record_history", args=[organisation.pk])


def test_history_shows_who_changed_what_newest_first(client):
    editor = UserFactory(full_name="Anna Kowalska")
    organisation = OrganisationFactory(city="Warszawa", owner=editor)
    update_organisation(organisation=organisation, by=editor, city="Kraków")
    update_organisation(organisation=organisation, by=editor, helix_role=HelixRole.RESEARCH)
    client.force_login(editor)

    page = client.get(history_url(organisation)).content.decode()

    assert "Anna Kowalska" in page
    assert "City" in page and "Warszawa" in page and "Kraków" in page
    assert "Helix role" in page and "Research organisation" in page
    assert page.index("Research organisation") < page.index("Kraków")


def test_history_of_a_cluster_includes_its_profile_and_members(client, owner, cluster):
    member = OrganisationFactory(legal_name="Instytut Wodoru")
    membership = add_member(cluster=cluster, member=member, by=owner)
    set_membership_status(membership=membership, status=MembershipStatus.SUSPENDED, by=owner)
    client.force_login(owner)

    page = client.get(history_url(cluster.organisation)).content.decode()

    assert "Membership of Instytut Wodoru" in page
    assert "Active" in page and "Suspended" in page


def test_a_member_sees_its_memberships_in_its_own_history(client, owner, cluster):
    member = OrganisationFactory(owner=UserFactory())
    add_member(cluster=cluster, member=member, by=owner)
    client.force_login(member.owner)

    page = client.get(history_url(member)).content.decode()

    assert f"Membership of {member}" in page


def test_a_member_does_not_see_the_clusters_history(client, cluster):
    member = OrganisationFactory()
    representative = RoleFactory(organisation=member, kind=RoleKind.REPRESENTATIVE).user
    add_member(cluster=cluster, member=member, by=representative)
    client.force_login(representative)

    assert client.get(history_url(cluster.organisation)).status_code == 403


def test_history_is_paginated(client):
    organisation = OrganisationFactory(owner=UserFactory())
    for number in range(30):
        update_organisation(organisation=organisation, by=organisation.owner, city=f"City {number}")
    client.force_login(organisation.owner)

    first = client.get(history_url(organisation)).content.decode()
    second = client.get(history_url(organisation), {"page": 2}).content.decode()

    assert "City 29" in first and "City 0<" not in first
    assert "City 0<" in second and "Page 2 of 2" in second


@pytest.mark.parametrize("count", [1, 3])
def test_the_history_costs_the_same_for_any_length(client, count, django_assert_num_queries):
    owner = UserFactory()
    organisation = OrganisationFactory(owner=owner)
    for number in range(count):
        update_organisation(
            organisation=organisation, by=UserFactory(), city=f"City {number}", owner=owner
        )
    client.force_login(owner)

    # session, user, organisation, its memberships, the count and the page of changes
    with django_assert_num_queries(6):
        page = client.get(history_url(organisation)).content.decode()

    assert page.count("City ") == count * 2 - 1
