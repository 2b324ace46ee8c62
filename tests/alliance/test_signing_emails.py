"""Who is emailed, after commit, when signing authority is granted or confirmed and when a
declaration is signed or a signature revoked; refused actions email nobody."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from helisa.alliance import receipts
from helisa.alliance.services import signing
from helisa.alliance.services.signing_keys import public_keys
from helisa.registry.models import RoleKind
from tests.alliance.conftest import PASSWORD, mandate
from tests.alliance.membership_cast import (  # noqa: F401  (fixtures)
    add_member,
    alliance_secretariat,
    manager_of,
)
from tests.factories import OrganisationFactory, RoleFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(alliance):
    return add_member(alliance)


@pytest.fixture
def manager(member):
    return manager_of(member, email="manager@example.org")


@pytest.fixture
def representative(db):
    return UserFactory(email="signer@example.org", full_name="Zofia Wiśniewska", language="pl")


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def grant(member, representative, by, file=None):
    return signing.grant_signing_authority(
        organisation=member.cluster.organisation,
        user=representative,
        function="Prezes",
        mandate=file or mandate(),
        by=by,
    )


@pytest.fixture
def authority(member, representative, manager, alliance_secretariat):
    authority = grant(member, representative, manager)
    return signing.confirm_signing_authority(authority=authority, by=alliance_secretariat)


def sign(version, member, representative):
    return signing.sign_declaration(
        version=version,
        organisation=member.cluster.organisation,
        user=representative,
        place="Łódź",
        password_or_code=PASSWORD,
    )


def test_a_granted_authority_is_sent_to_the_alliance_secretariat_to_confirm(
    member, representative, manager, alliance_secretariat, django_capture_on_commit_callbacks
):
    UserFactory(is_secretariat=True, email="platform@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        grant(member, representative, manager)
    assert recipients() == [alliance_secretariat.email]
    (message,) = mail.outbox
    assert member.cluster.organisation.legal_name in message.subject
    assert reverse("alliance:authorities_awaiting") in message.body


def test_without_an_alliance_the_platform_secretariat_confirms(
    representative, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    owner = RoleFactory(organisation=organisation, kind=RoleKind.REPRESENTATIVE).user
    platform = UserFactory(is_secretariat=True, email="platform@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        signing.grant_signing_authority(
            organisation=organisation,
            user=representative,
            function="CEO",
            mandate=mandate(),
            by=owner,
        )
    assert recipients() == [platform.email]


def test_a_refused_grant_emails_nobody(
    member, representative, manager, alliance_secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ValidationError):
            grant(member, representative, manager, file=ContentFile(b"text", name="a.txt"))
        with pytest.raises(PermissionDenied):
            grant(member, representative, UserFactory())
    assert mail.outbox == []


def test_a_confirmed_authority_is_sent_to_the_representative_and_the_managers(
    member, representative, manager, alliance_secretariat, django_capture_on_commit_callbacks
):
    authority = grant(member, representative, manager)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        signing.confirm_signing_authority(authority=authority, by=UserFactory())
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        signing.confirm_signing_authority(authority=authority, by=alliance_secretariat)
    assert recipients() == sorted([representative.email, manager.email])


def test_the_signer_receives_the_receipt_and_it_verifies(
    version, member, representative, authority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signature = sign(version, member, representative)
    (message,) = mail.outbox
    assert message.to == [representative.email]
    # In the signer's language: the title of the declaration in Polish.
    assert "Deklaracja" in message.subject
    ((filename, content, mimetype),) = message.attachments
    assert mimetype == "application/json"
    assert filename.endswith(".json")
    data = content.encode() if isinstance(content, str) else content
    result = receipts.verify_receipt(data, public_keys())
    assert result.valid
    assert result.digest == signature.receipt_digest


def test_a_refused_signature_emails_nobody(
    version, member, representative, authority, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        signing.sign_declaration(
            version=version,
            organisation=member.cluster.organisation,
            user=representative,
            place="Łódź",
            password_or_code="wrong",
        )
    assert mail.outbox == []


def test_a_revoked_signature_is_sent_to_the_signer_and_the_managers(
    version,
    member,
    representative,
    manager,
    authority,
    alliance_secretariat,
    django_capture_on_commit_callbacks,
):
    signature = sign(version, member, representative)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(PermissionDenied):
            signing.revoke_signature(signature=signature, by=UserFactory(), reason="No.")
        with pytest.raises(ValidationError):
            signing.revoke_signature(signature=signature, by=alliance_secretariat, reason=" ")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        signing.revoke_signature(
            signature=signature, by=alliance_secretariat, reason="Signed by mistake."
        )
    assert recipients() == sorted([representative.email, manager.email])
    assert all("Signed by mistake." in message.body for message in mail.outbox)


def test_the_demo_emails_nobody(member, representative, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        authority = grant(member, representative, None)
        signing.confirm_signing_authority(authority=authority, by=None)
    assert mail.outbox == []
