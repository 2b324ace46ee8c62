"""A cluster page lists its members a page at a time, however many it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helisa.registry.models import HelixRole, MembershipStatus
from helisa.registry.queries import MEMBERS_PER_PAGE
from tests.factories import ClusterFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def member_rows(html):
    return html.count('<td><a href="/registry/organisations/')


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def big_cluster(db):
    cluster = ClusterFactory()
    MembershipFactory.create_batch(
        MEMBERS_PER_PAGE, cluster=cluster, member__helix_role=HelixRole.UNIVERSITY
    )
    MembershipFactory.create_batch(
        9, cluster=cluster, member__helix_role=HelixRole.RESEARCH, status=MembershipStatus.ACTIVE
    )
    MembershipFactory(cluster=cluster, status=MembershipStatus.SUSPENDED)
    return cluster


def test_members_come_a_page_at_a_time_with_the_totals_of_all(client, big_cluster):
    url = big_cluster.get_absolute_url()
    first = client.get(url).content.decode()
    assert member_rows(first) == MEMBERS_PER_PAGE
    assert f"Members 1–{MEMBERS_PER_PAGE} of {MEMBERS_PER_PAGE + 10}" in first
    assert 'href="?page=2#members" rel="next"' in first
    assert f"University: {MEMBERS_PER_PAGE}" in first and "Research organisation: 9" in first

    second = client.get(url, {"page": 2}).content.decode()
    assert member_rows(second) == 10
    assert 'href="?page=1#members" rel="prev"' in second and 'rel="next"' not in second


def test_a_small_cluster_has_no_page_links(client):
    membership = MembershipFactory()
    html = client.get(membership.cluster.get_absolute_url()).content.decode()
    assert member_rows(html) == 1 and "Pages of members" not in html


def test_the_page_makes_as_many_queries_with_one_member_as_with_many(client, big_cluster):
    small = MembershipFactory().cluster
    with_one, _ = queries_for(client, small.get_absolute_url())
    many_first, _ = queries_for(client, big_cluster.get_absolute_url())
    many_second, _ = queries_for(client, big_cluster.get_absolute_url() + "?page=2")
    assert with_one == many_first == many_second
