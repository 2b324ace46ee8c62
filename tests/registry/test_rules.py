"""Who may do what: the named permissions other parts of Helisa ask for."""

import pytest
from django.contrib.auth.models import AnonymousUser

from helisa.registry.models import RoleKind
from tests.factories import ClusterFactory, OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_secretariat_may_do_everything(secretariat, cluster):
    organisation = OrganisationFactory()
    for permission in [
        "registry.change_organisation",
        "registry.view_history",
        "registry.manage_organisation_roles",
    ]:
        assert secretariat.has_perm(permission, organisation)
    for permission in [
        "registry.change_cluster",
        "registry.manage_cluster_roles",
        "registry.review_cluster",
        "registry.add_members",
    ]:
        assert secretariat.has_perm(permission, cluster)
    assert secretariat.has_perm("registry.decide_claim")


def test_outsider_and_anonymous_may_do_nothing(outsider, cluster):
    organisation = OrganisationFactory()
    for user in (outsider, AnonymousUser()):
        assert not user.has_perm("registry.change_organisation", organisation)
        assert not user.has_perm("registry.change_organisation", cluster.organisation)
        assert not user.has_perm("registry.change_cluster", cluster)
        assert not user.has_perm("registry.add_members", cluster)
        assert not user.has_perm("registry.manage_cluster_roles", cluster)
        assert not user.has_perm("registry.review_cluster", cluster)
        assert not user.has_perm("registry.decide_claim")
        assert not user.has_perm("registry.view_history", organisation)


def test_representative_changes_only_their_organisation():
    role = RoleFactory(kind=RoleKind.REPRESENTATIVE)
    other = OrganisationFactory()
    assert role.user.has_perm("registry.change_organisation", role.organisation)
    assert role.user.has_perm("registry.view_history", role.organisation)
    assert role.user.has_perm("registry.manage_organisation_roles", role.organisation)
    assert not role.user.has_perm("registry.change_organisation", other)
    assert not role.user.has_perm("registry.decide_claim")


def test_owner_changes_their_organisation():
    owner = UserFactory()
    organisation = OrganisationFactory(owner=owner)
    assert owner.has_perm("registry.change_organisation", organisation)


def test_cluster_manager_changes_cluster_and_manages_roles(owner, cluster):
    assert owner.has_perm("registry.change_cluster", cluster)
    assert owner.has_perm("registry.change_organisation", cluster.organisation)
    assert owner.has_perm("registry.add_members", cluster)
    assert owner.has_perm("registry.manage_cluster_roles", cluster)
    assert owner.has_perm("registry.manage_organisation_roles", cluster.organisation)
    assert not owner.has_perm("registry.review_cluster", cluster)
    assert not owner.has_perm("registry.change_cluster", ClusterFactory())


def test_cluster_editor_edits_but_does_not_manage_roles(cluster):
    editor = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    assert editor.has_perm("registry.change_cluster", cluster)
    assert editor.has_perm("registry.change_organisation", cluster.organisation)
    assert editor.has_perm("registry.add_members", cluster)
    assert not editor.has_perm("registry.manage_cluster_roles", cluster)
    assert not editor.has_perm("registry.manage_organisation_roles", cluster.organisation)


def test_cluster_manager_does_not_change_member_organisations(owner, cluster):
    from tests.factories import MembershipFactory

    member = MembershipFactory(cluster=cluster).member
    assert not owner.has_perm("registry.change_organisation", member)


def test_inactive_user_loses_every_permission(secretariat, owner, cluster):
    for user in (secretariat, owner):
        user.is_active = False
        assert not user.has_perm("registry.change_cluster", cluster)
