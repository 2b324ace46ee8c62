"""Refused signatures leave nothing behind; a valid one is recorded with its receipt."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from helisa.alliance.models import DeclarationVersion, Signature, VersionStatus
from helisa.alliance.models.declarations import DeclarationEvent, DeclarationEventKind
from helisa.alliance.services import signing
from tests.alliance.conftest import mandate, member_organisation, sign, signer_for
from tests.factories import UserFactory


def assert_nothing_signed():
    assert not Signature.objects.exists()
    assert not DeclarationEvent.objects.filter(kind=DeclarationEventKind.SIGNED).exists()


def test_a_representative_with_confirmed_authority_signs(version, organisation, signer):
    signature = sign(version, organisation, signer)
    assert signature.receipt["payload"]["organisation"]["name"] == "Klaster Łódzki sp. z o.o."
    assert signature.receipt["payload"]["signer"] == {
        "name": "Zofia Wiśniewska",
        "function": "Prezes",
    }
    assert signature.receipt["payload"]["signed_at"].endswith("Z")
    assert DeclarationEvent.objects.filter(kind=DeclarationEventKind.SIGNED, by=signer).count() == 1


def test_a_signer_without_authority_is_refused(version, organisation):
    with pytest.raises(ValidationError, match="no confirmed authority"):
        sign(version, organisation, UserFactory())
    assert_nothing_signed()


def test_an_unconfirmed_or_revoked_authority_is_refused(version, organisation):
    unconfirmed = signer_for(organisation, confirmed=False)
    with pytest.raises(ValidationError, match="no confirmed authority"):
        sign(version, organisation, unconfirmed)
    revoked = signer_for(organisation)
    authority = revoked.signing_authorities.get()
    signing.revoke_signing_authority(authority=authority, by=None)
    with pytest.raises(ValidationError, match="no confirmed authority"):
        sign(version, organisation, revoked)
    assert_nothing_signed()


def test_a_second_signature_for_the_same_organisation_is_refused(version, organisation, signer):
    sign(version, organisation, signer)
    other = signer_for(organisation)
    with pytest.raises(ValidationError, match="already signed"):
        sign(version, organisation, other)
    assert Signature.objects.count() == 1
    assert DeclarationEvent.objects.filter(kind=DeclarationEventKind.SIGNED).count() == 1


def test_the_database_refuses_a_concurrent_second_signature(version, organisation, signer):
    first = sign(version, organisation, signer)
    with pytest.raises(IntegrityError):
        Signature.objects.create(
            version=version,
            organisation=organisation,
            signer_name="x",
            signer_function="x",
            signed_at=first.signed_at,
            place="x",
            receipt={},
            receipt_digest="0",
            key_id="k",
        )


def test_a_closed_version_is_refused(version, organisation, signer):
    signing.close_version(version=version, by=None)
    with pytest.raises(ValidationError, match="not open"):
        sign(version, organisation, signer)
    assert_nothing_signed()


def test_an_outdated_version_is_refused(version, organisation, signer):
    DeclarationVersion.objects.create(
        declaration=version.declaration,
        number=2,
        texts={"pl": "Nowa"},
        authoritative_language="pl",
        digest="x",
        status=VersionStatus.OPEN,
    )
    with pytest.raises(ValidationError, match="newer version"):
        sign(version, organisation, signer)
    assert_nothing_signed()


def test_a_wrong_password_is_refused(version, organisation, signer):
    with pytest.raises(ValidationError, match="not correct"):
        sign(version, organisation, signer, password="wrong")
    assert_nothing_signed()


def test_a_totp_user_confirms_with_a_code_not_the_password(version, organisation, signer):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    secret = "JBSWY3DPEHPK3PXP"
    TOTP.activate(signer, secret)
    with pytest.raises(ValidationError):
        sign(version, organisation, signer)
    counter = next(yield_hotp_counters_from_time())
    code = format_hotp_value(hotp_value(secret, counter))
    assert sign(version, organisation, signer, password=code).pk
    assert Authenticator.objects.filter(user=signer).exists()


def test_the_text_of_an_opened_version_is_frozen(version):
    with pytest.raises(ValidationError, match="cannot change"):
        signing.update_draft(
            version=version, texts={"pl": "Inna"}, authoritative_language="pl", by=None
        )
    with pytest.raises(ValidationError):
        signing.open_version(version=version, by=None)


def test_a_mandate_must_be_a_pdf(organisation):
    from django.core.files.base import ContentFile

    with pytest.raises(ValidationError, match="PDF"):
        signing.grant_signing_authority(
            organisation=organisation,
            user=UserFactory(),
            function="CEO",
            mandate=ContentFile(b"MZ\x90\x00", name="mandate.pdf"),
            by=None,
        )
    assert signing.grant_signing_authority(
        organisation=organisation, user=UserFactory(), function="CEO", mandate=mandate(), by=None
    ).pk


def test_rotation_keeps_old_receipts_verifiable(version, organisation, signer):
    from helisa.alliance.services.signing_keys import rotate_key
    from helisa.alliance.verification import check_receipt

    old = sign(version, organisation, signer)
    new_key = rotate_key(alliance=version.declaration.alliance)
    other = member_organisation(version.declaration.alliance, "FR")
    signed_later = sign(version, other, signer_for(other))
    assert signed_later.key_id == new_key.key_id != old.key_id
    assert check_receipt(old.receipt)["valid"]
    assert check_receipt(signed_later.receipt)["valid"]
