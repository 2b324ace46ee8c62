"""The membership service checks who acts, whatever calls it; the page offers to apply only to
the managers of a cluster organisation that may still apply."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from helisa.alliance.models import Alliance, Ballot, MemberCategory, MembershipEvent, MemberState
from helisa.alliance.services.membership import change_membership_state, open_ballot
from helisa.registry.models import RoleKind
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    application,
    apply,
    manager_of,
)
from tests.factories import ClusterFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db

APPLY = "Apply for membership"


def test_a_stranger_cannot_apply_for_a_cluster(alliance, cluster, outsider):
    with pytest.raises(PermissionDenied, match="Only a manager of the cluster organisation"):
        apply(alliance, cluster, outsider)
    assert not alliance.members.exists()
    assert not MembershipEvent.objects.exists()


def test_the_manager_of_another_cluster_cannot_apply_for_this_one(alliance, cluster):
    other_manager = manager_of(add_member(alliance, code="FR"))
    with pytest.raises(PermissionDenied):
        apply(alliance, cluster, other_manager)
    assert not alliance.members.filter(cluster=cluster).exists()


def test_the_cluster_manager_applies(alliance, cluster, owner):
    assert apply(alliance, cluster, owner).state == MemberState.APPLICANT


@pytest.mark.parametrize("to_state", [MemberState.MEMBER, MemberState.REJECTED])
def test_a_stranger_cannot_decide_on_an_application(application, outsider, to_state):
    with pytest.raises(PermissionDenied, match="Only the alliance's secretariat"):
        change_membership_state(member=application, to_state=to_state, by=outsider, reason="x")
    application.refresh_from_db()
    assert application.state == MemberState.APPLICANT
    assert application.events.count() == 1  # the application alone


def test_the_applicant_cannot_accept_itself(application, owner):
    with pytest.raises(PermissionDenied):
        change_membership_state(member=application, to_state=MemberState.MEMBER, by=owner)
    application.refresh_from_db()
    assert application.state == MemberState.APPLICANT


@pytest.mark.parametrize("to_state", [MemberState.SUSPENDED, MemberState.LEFT])
def test_a_members_own_manager_cannot_suspend_it_or_record_its_departure(alliance, to_state):
    member = add_member(alliance)
    with pytest.raises(PermissionDenied):
        change_membership_state(member=member, to_state=to_state, by=manager_of(member))
    member.refresh_from_db()
    assert member.state == MemberState.MEMBER


def test_the_secretariat_of_another_alliance_cannot_decide(application):
    other = Alliance.objects.create(slug="other", name={"en": "Other"})
    stranger = UserFactory()
    other.secretariat.add(stranger)
    with pytest.raises(PermissionDenied):
        change_membership_state(member=application, to_state=MemberState.MEMBER, by=stranger)


def test_the_alliance_and_the_platform_secretariat_decide(
    application, alliance_secretariat, secretariat
):
    change_membership_state(member=application, to_state=MemberState.MEMBER, by=secretariat)
    change_membership_state(
        member=application, to_state=MemberState.SUSPENDED, by=alliance_secretariat
    )
    application.refresh_from_db()
    assert application.state == MemberState.SUSPENDED


def test_a_stranger_cannot_open_a_ballot(application, outsider):
    with pytest.raises(PermissionDenied):
        open_ballot(
            application=application, by=outsider, deadline=timezone.now() + timedelta(days=3)
        )
    assert not Ballot.objects.exists()


# The "Apply for membership" button


def page_of(client, alliance, user=None):
    if user is not None:
        client.force_login(user)
    return client.get(alliance.get_absolute_url()).content.decode()


def test_a_manager_of_a_cluster_outside_the_alliance_is_offered_to_apply(
    client, alliance, cluster, owner
):
    assert APPLY in page_of(client, alliance, owner)


def test_readers_and_people_who_manage_no_cluster_are_not(client, alliance, outsider):
    assert APPLY not in page_of(client, alliance)
    assert APPLY not in page_of(client, alliance, outsider)


@pytest.mark.parametrize(
    "state", [MemberState.APPLICANT, MemberState.MEMBER, MemberState.SUSPENDED]
)
def test_a_manager_whose_cluster_is_in_or_awaits_the_alliance_is_not(client, alliance, state):
    manager = manager_of(add_member(alliance, state=state))
    assert APPLY not in page_of(client, alliance, manager)


@pytest.mark.parametrize("state", [MemberState.REJECTED, MemberState.LEFT])
def test_a_manager_whose_cluster_was_refused_or_left_may_apply_again(client, alliance, state):
    manager = manager_of(add_member(alliance, state=state))
    assert APPLY in page_of(client, alliance, manager)


def test_membership_of_another_alliance_does_not_hide_the_offer(client, alliance):
    """A cluster that is a member elsewhere and was refused here may still apply here."""
    other = Alliance.objects.create(slug="other", name={"en": "Other"})
    member = add_member(other)
    alliance.members.create(
        cluster=member.cluster, category=MemberCategory.FULL, state=MemberState.REJECTED
    )
    manager = manager_of(member)
    assert APPLY in page_of(client, alliance, manager)
    client.force_login(manager)
    form = client.get(reverse("alliance:apply", args=[alliance.slug])).context["form"]
    assert list(form.fields["cluster"].queryset) == [member.cluster]


def test_the_apply_page_offers_only_the_clusters_that_may_apply(client, alliance, owner, cluster):
    in_alliance = add_member(alliance)
    RoleFactory(
        user=owner, organisation=in_alliance.cluster.organisation, kind=RoleKind.CLUSTER_MANAGER
    )
    ClusterFactory()  # managed by somebody else
    client.force_login(owner)
    form = client.get(reverse("alliance:apply", args=[alliance.slug])).context["form"]
    assert list(form.fields["cluster"].queryset) == [cluster]
