"""The workspace, the secretariat's page and the roles page cost the same number of queries
for one item as for three."""

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.registry.models import Claim, RoleKind
from helisa.registry.services.invitations import invite
from tests.factories import ClusterFactory, OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat_client(client, secretariat):
    Authenticator.objects.create(user=secretariat, type="totp", data={"secret": "x"})
    client.force_login(secretariat)
    return client


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_workspace_has_no_n_plus_one(client):
    user = UserFactory()
    client.force_login(user)

    def add_one():
        RoleFactory(
            user=user, organisation=ClusterFactory().organisation, kind=RoleKind.CLUSTER_MANAGER
        )
        RoleFactory(user=user, kind=RoleKind.REPRESENTATIVE)
        Claim.objects.create(organisation=OrganisationFactory(), user=user)

    add_one()
    url = reverse("registry:my_workspace")
    one = _queries(client, url)
    add_one()
    add_one()
    assert _queries(client, url) == one


def test_secretariat_page_has_no_n_plus_one(secretariat_client):
    def add_one():
        Claim.objects.create(organisation=OrganisationFactory(), user=UserFactory())
        ClusterFactory()

    add_one()
    url = reverse("registry:secretariat")
    one = _queries(secretariat_client, url)
    add_one()
    add_one()
    assert _queries(secretariat_client, url) == one


def test_roles_page_has_no_n_plus_one(client, owner, cluster):
    client.force_login(owner)

    def add_one():
        RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR)
        invite(
            organisation=cluster.organisation,
            email=UserFactory.build().email,
            kind=RoleKind.CLUSTER_EDITOR,
            by=owner,
        )

    add_one()
    url = reverse("registry:organisation_roles", args=[cluster.organisation.pk])
    one = _queries(client, url)
    add_one()
    add_one()
    assert _queries(client, url) == one


def test_people_and_roles_link_only_for_those_who_may_manage_roles(client, cluster):
    editor = RoleFactory(organisation=cluster.organisation, kind=RoleKind.CLUSTER_EDITOR).user
    representative = RoleFactory(user=editor, kind=RoleKind.REPRESENTATIVE)
    client.force_login(editor)
    html = client.get(reverse("registry:my_workspace")).content.decode()
    assert reverse("registry:organisation_roles", args=[representative.organisation.pk]) in html
    assert reverse("registry:organisation_roles", args=[cluster.organisation.pk]) not in html
