"""Claiming an organisation: confirmed by email domain, or decided by the secretariat."""

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from helisa.registry.models import ChangeRecord, ClaimStatus, Role, RoleKind
from helisa.registry.services.claims import (
    claim_organisation,
    decide_claim,
    domains_match,
    website_host,
)
from tests.factories import ClusterFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("email_domain", "website", "expected"),
    [
        ("agh.edu.pl", "https://www.agh.edu.pl", True),
        ("agh.edu.pl", "http://agh.edu.pl/en/", True),
        ("AGH.edu.pl", "https://WWW.agh.edu.pl", True),
        ("student.agh.edu.pl", "https://www.agh.edu.pl", False),
        ("edu.pl", "https://www.agh.edu.pl", False),
        ("agh.edu.pl", "https://www.uj.edu.pl", False),
        ("gmail.com", "https://www.agh.edu.pl", False),
        ("agh.edu.pl", "", False),
        ("pl", "https://agh.pl", False),
    ],
)
def test_domains_match(email_domain, website, expected):
    assert domains_match(email_domain, website_host(website)) is expected


def test_claim_confirmed_at_once_when_verified_email_matches_the_website():
    user = UserFactory(email="anna@agh.edu.pl", language="pl")
    organisation = OrganisationFactory(website="https://www.agh.edu.pl")

    claim = claim_organisation(organisation=organisation, user=user)

    organisation.refresh_from_db()
    assert claim.status == ClaimStatus.CONFIRMED and claim.confirmed_by_email_domain
    assert organisation.owner == user
    assert Role.objects.filter(
        user=user, organisation=organisation, kind=RoleKind.REPRESENTATIVE
    ).exists()
    assert ChangeRecord.objects.filter(record_type="claim", record_id=str(claim.pk)).count() == 2
    assert ChangeRecord.objects.filter(
        record_type="organisation", changes__owner=[None, user.pk]
    ).exists()
    assert mail.outbox[0].to == ["anna@agh.edu.pl"]
    # The subject names the organisation; the language follows user.language (see test_accounts).
    assert organisation.legal_name in mail.outbox[0].subject


def test_claim_of_a_cluster_organisation_makes_the_claimant_its_manager():
    user = UserFactory(email="office@cluster.example.eu")
    cluster = ClusterFactory(organisation__website="https://cluster.example.eu")
    claim_organisation(organisation=cluster.organisation, user=user)
    assert user.has_perm("registry.manage_cluster_roles", cluster)
    assert Role.objects.get(user=user).kind == RoleKind.CLUSTER_MANAGER


def test_unverified_email_does_not_confirm():
    user = UserFactory(email="anna@agh.edu.pl")
    EmailAddress.objects.filter(user=user).update(verified=False)
    organisation = OrganisationFactory(website="https://www.agh.edu.pl")
    claim = claim_organisation(organisation=organisation, user=user)
    organisation.refresh_from_db()
    assert claim.status == ClaimStatus.PENDING
    assert organisation.owner is None
    assert not mail.outbox


def test_other_domain_waits_for_the_secretariat(outsider):
    organisation = OrganisationFactory(website="https://www.agh.edu.pl")
    claim = claim_organisation(organisation=organisation, user=outsider, message="I run it")
    assert claim.status == ClaimStatus.PENDING
    assert claim.message == "I run it"
    assert not Role.objects.exists()


def test_claim_refused_when_the_organisation_has_an_owner(outsider):
    organisation = OrganisationFactory(owner=UserFactory())
    with pytest.raises(ValidationError):
        claim_organisation(organisation=organisation, user=outsider)


def test_claim_refused_when_already_claimed(outsider):
    organisation = OrganisationFactory()
    claim_organisation(organisation=organisation, user=outsider)
    with pytest.raises(ValidationError):
        claim_organisation(organisation=organisation, user=outsider)


def test_secretariat_accepts_a_claim(secretariat, outsider):
    organisation = OrganisationFactory()
    rival = UserFactory()
    claim = claim_organisation(organisation=organisation, user=outsider)
    rival_claim = claim_organisation(organisation=organisation, user=rival)

    decide_claim(claim=claim, by=secretariat, accept=True)

    organisation.refresh_from_db()
    rival_claim.refresh_from_db()
    assert organisation.owner == outsider
    assert outsider.has_perm("registry.change_organisation", organisation)
    assert rival_claim.status == ClaimStatus.REJECTED
    assert {message.to[0] for message in mail.outbox} == {outsider.email, rival.email}
    assert ChangeRecord.objects.filter(
        record_type="claim", record_id=str(claim.pk), by=secretariat
    ).exists()


def test_secretariat_rejects_a_claim_with_a_reason(secretariat, outsider):
    organisation = OrganisationFactory()
    claim = claim_organisation(organisation=organisation, user=outsider)

    decide_claim(claim=claim, by=secretariat, accept=False, reason="Not your organisation")

    claim.refresh_from_db()
    organisation.refresh_from_db()
    assert claim.status == ClaimStatus.REJECTED and claim.decided_by == secretariat
    assert organisation.owner is None
    assert "Not your organisation" in mail.outbox[0].body
    with pytest.raises(ValidationError):
        decide_claim(claim=claim, by=secretariat, accept=True)


def test_only_the_secretariat_decides(outsider, owner):
    claim = claim_organisation(organisation=OrganisationFactory(), user=outsider)
    with pytest.raises(PermissionDenied):
        decide_claim(claim=claim, by=owner, accept=True)


def test_rejected_claimant_may_claim_again(secretariat, outsider):
    organisation = OrganisationFactory()
    claim = claim_organisation(organisation=organisation, user=outsider)
    decide_claim(claim=claim, by=secretariat, accept=False, reason="Explain")
    again = claim_organisation(organisation=organisation, user=outsider, message="Explained")
    assert again.status == ClaimStatus.PENDING
