"""Signing is tied to the alliance: only its active members sign its declarations, and only the
secretariat of an alliance the organisation is in (or has applied to) confirms its authorities.
An alliance's secretariat, like the platform's, needs a second factor for its pages."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from helisa.alliance import declaration_queries
from helisa.alliance.models import Alliance, MemberState, Signature, SigningAuthority
from helisa.alliance.models.declarations import DeclarationEvent, DeclarationEventKind
from helisa.alliance.services import signing
from tests.alliance.conftest import mandate, member_organisation, sign, signer_for
from tests.alliance.membership_cast import with_mfa
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def assert_nothing_signed():
    assert not Signature.objects.exists()
    assert not DeclarationEvent.objects.filter(kind=DeclarationEventKind.SIGNED).exists()


@pytest.fixture
def other_alliance(db):
    return Alliance.objects.create(slug="baltic", name={"en": "Baltic Cluster Network"})


def secretary_of(alliance):
    user = UserFactory()
    alliance.secretariat.add(user)
    return with_mfa(user)


def pending_for(organisation):
    return signing.grant_signing_authority(
        organisation=organisation, user=UserFactory(), function="CEO", mandate=mandate(), by=None
    )


@pytest.mark.parametrize("state", [MemberState.APPLICANT, MemberState.SUSPENDED, MemberState.LEFT])
def test_an_organisation_that_is_not_an_active_member_cannot_sign(version, alliance, state):
    organisation = member_organisation(alliance, state=state, legal_name="Klaster Pomorski")
    with pytest.raises(ValidationError, match="not an active member") as refusal:
        sign(version, organisation, signer_for(organisation))
    assert refusal.value.code == "not_member"
    assert "Klaster Pomorski" in refusal.value.messages[0]
    assert_nothing_signed()


def test_an_organisation_in_no_alliance_cannot_sign(version):
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError, match="not an active member"):
        sign(version, organisation, signer_for(organisation))
    assert_nothing_signed()


def test_a_member_of_another_alliance_cannot_sign(version, other_alliance):
    organisation = member_organisation(other_alliance)
    with pytest.raises(ValidationError, match="not an active member"):
        sign(version, organisation, signer_for(organisation))
    assert_nothing_signed()


def test_the_sign_page_offers_only_active_members(client, version, alliance, other_alliance):
    user = UserFactory()
    member = member_organisation(alliance, legal_name="Klaster Członkowski")
    elsewhere = member_organisation(other_alliance, legal_name="Klaster Bałtycki")
    for organisation in (member, elsewhere):
        authority = signing.grant_signing_authority(
            organisation=organisation, user=user, function="CEO", mandate=mandate(), by=None
        )
        signing.confirm_signing_authority(authority=authority, by=None)
    assert [a.organisation for a in declaration_queries.signable_authorities(user, version)] == [
        member
    ]
    client.force_login(user)
    page = client.get(reverse("alliance:sign", args=["eca", "founding", version.number]))
    assert "Klaster Członkowski" in page.content.decode()
    assert "Klaster Bałtycki" not in page.content.decode()


def test_the_secretariat_of_another_alliance_cannot_confirm(alliance, other_alliance):
    authority = pending_for(member_organisation(alliance))
    stranger = secretary_of(other_alliance)
    with pytest.raises(PermissionDenied):
        signing.confirm_signing_authority(authority=authority, by=stranger)
    with pytest.raises(PermissionDenied):
        signing.revoke_signing_authority(authority=authority, by=stranger)
    authority.refresh_from_db()
    assert authority.confirmed_at is None and authority.revoked_at is None
    assert list(declaration_queries.authorities_awaiting(stranger)) == []


def test_the_secretariat_of_another_alliance_is_refused_in_the_ui(client, alliance, other_alliance):
    authority = pending_for(member_organisation(alliance))
    client.force_login(secretary_of(other_alliance))
    response = client.post(reverse("alliance:authority_confirm", args=[authority.pk]))
    assert response.status_code == 403
    assert client.get(reverse("alliance:mandate", args=[authority.pk])).status_code == 403
    assert SigningAuthority.objects.get(pk=authority.pk).confirmed_at is None


@pytest.mark.parametrize("state", [MemberState.APPLICANT, MemberState.MEMBER])
def test_the_secretariat_of_an_alliance_the_organisation_is_in_or_applied_to_confirms(
    alliance, state
):
    authority = pending_for(member_organisation(alliance, state=state))
    secretary = secretary_of(alliance)
    assert list(declaration_queries.authorities_awaiting(secretary)) == [authority]
    signing.confirm_signing_authority(authority=authority, by=secretary)
    authority.refresh_from_db()
    assert authority.confirmed_by == secretary


@pytest.mark.parametrize("state", [MemberState.REJECTED, MemberState.LEFT])
def test_a_refused_or_departed_member_is_no_longer_that_secretariats_to_confirm(alliance, state):
    authority = pending_for(member_organisation(alliance, state=state))
    secretary = secretary_of(alliance)
    assert list(declaration_queries.authorities_awaiting(secretary)) == []
    with pytest.raises(PermissionDenied):
        signing.confirm_signing_authority(authority=authority, by=secretary)


def test_an_organisation_in_two_alliances_is_listed_once(alliance, other_alliance):
    organisation = member_organisation(alliance)
    from helisa.alliance.models import AllianceMember, MemberCategory

    AllianceMember.objects.create(
        alliance=other_alliance,
        cluster=organisation.cluster,
        category=MemberCategory.FULL,
        state=MemberState.MEMBER,
    )
    authority = pending_for(organisation)
    secretary = secretary_of(alliance)
    other_alliance.secretariat.add(secretary)
    assert list(declaration_queries.authorities_awaiting(secretary)) == [authority]


# Two-factor sign-in for an alliance's secretariat


def test_an_alliance_secretary_without_a_second_factor_is_sent_to_set_one_up(client, alliance):
    secretary = UserFactory()
    alliance.secretariat.add(secretary)
    client.force_login(secretary)
    for path in (
        reverse("alliance:applications", args=[alliance.slug]),
        reverse("alliance:detail", args=[alliance.slug]),
        reverse("alliance:authorities_awaiting"),
        "/api/v1/alliances/eca/applications",
    ):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url == reverse("mfa_activate_totp") + "?required=1"
    # Outside the alliance pages nothing is asked of them.
    assert client.get(reverse("registry:my_workspace")).status_code == 200


def test_an_alliance_secretary_with_a_second_factor_gets_in(client, alliance):
    secretary = UserFactory()
    alliance.secretariat.add(secretary)
    client.force_login(with_mfa(secretary))
    assert client.get(reverse("alliance:applications", args=[alliance.slug])).status_code == 200


def test_other_users_are_not_asked_for_a_second_factor_on_alliance_pages(client, alliance):
    client.force_login(UserFactory())
    assert client.get(reverse("alliance:detail", args=[alliance.slug])).status_code == 200
