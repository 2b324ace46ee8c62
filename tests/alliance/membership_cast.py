"""The cast of the membership tests, on top of tests/alliance/conftest.py's `alliance`:
its own secretariat, active members with their managers, and an application by `owner`."""

import pytest
from allauth.mfa.models import Authenticator
from django.utils import timezone

from helisa.alliance.models import AllianceMember, MemberCategory, MemberState
from helisa.alliance.services.membership import apply_for_membership
from helisa.registry.models import RoleKind
from tests.factories import ClusterFactory, RoleFactory, UserFactory, country


def add_member(alliance, *, code="PL", state=MemberState.MEMBER, name=None):
    """An alliance member in `state`, set up directly (the service is what the tests test)."""
    cluster = ClusterFactory(
        organisation__country=country(code), **({"name": name} if name else {})
    )
    return AllianceMember.objects.create(
        alliance=alliance,
        cluster=cluster,
        category=MemberCategory.FULL,
        state=state,
        member_since=timezone.localdate() if state != MemberState.APPLICANT else None,
    )


def manager_of(member, **user_fields):
    return RoleFactory(
        organisation=member.cluster.organisation,
        kind=RoleKind.CLUSTER_MANAGER,
        user=UserFactory(**user_fields),
    ).user


def with_mfa(user):
    """The secretariat (the platform's and an alliance's) must have a second factor before the
    pages it works on let them in."""
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={})
    return user


@pytest.fixture
def alliance_secretariat(alliance):
    user = UserFactory(full_name="Anna Sekretariat")
    alliance.secretariat.add(user)
    return with_mfa(user)


@pytest.fixture
def voting_member(alliance):
    return add_member(alliance, code="FR", name="Pôle Demo")


@pytest.fixture
def voter(voting_member):
    """A manager of an active member cluster."""
    return manager_of(voting_member)


def apply(alliance, cluster, by):
    return apply_for_membership(
        cluster=cluster,
        alliance=alliance,
        category=MemberCategory.FULL,
        motivation="We want to meet partners.",
        by=by,
    )


@pytest.fixture
def application(alliance, cluster, owner):
    return apply(alliance, cluster, owner)
