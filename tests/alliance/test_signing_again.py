"""A revoked signature stays on record and lets the organisation sign the version again."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from helisa.alliance.declaration_queries import signable_authorities
from helisa.alliance.models import Signature
from helisa.alliance.services import signing
from tests.alliance.conftest import sign, signer_for


def revoke(signature):
    return signing.revoke_signature(signature=signature, by=None, reason="Signed by mistake")


def bare_signature(version, organisation, **fields):
    return Signature.objects.create(
        version=version,
        organisation=organisation,
        signer_name="x",
        signer_function="x",
        signed_at="2026-01-01T00:00:00Z",
        place="x",
        receipt={},
        receipt_digest="0",
        key_id="k",
        **fields,
    )


def test_after_a_revocation_the_organisation_signs_again(version, organisation, signer):
    first = revoke(sign(version, organisation, signer))
    assert [a.organisation for a in signable_authorities(signer, version)] == [organisation]

    again = sign(version, organisation, signer)

    assert again.pk != first.pk and again.receipt_digest != first.receipt_digest
    assert list(Signature.objects.filter(revoked_at__isnull=True)) == [again]
    assert not signable_authorities(signer, version).exists()


def test_a_second_live_signature_is_still_refused_after_a_revocation(version, organisation, signer):
    revoke(sign(version, organisation, signer))
    sign(version, organisation, signer)
    with pytest.raises(ValidationError, match="already signed"):
        sign(version, organisation, signer_for(organisation))
    assert Signature.objects.count() == 2


def test_the_database_allows_revoked_signatures_beside_one_live_one(version, organisation):
    bare_signature(version, organisation, revoked_at="2026-01-02T00:00:00Z")
    bare_signature(version, organisation, revoked_at="2026-01-03T00:00:00Z")
    bare_signature(version, organisation)
    with pytest.raises(IntegrityError), transaction.atomic():
        bare_signature(version, organisation)
    assert Signature.objects.count() == 3


def test_the_public_list_shows_the_revoked_signature_marked_and_the_new_one(
    client, version, organisation, signer
):
    first = revoke(sign(version, organisation, signer))
    again = sign(version, organisation, signer)
    declaration = version.declaration
    response = client.get(
        reverse(
            "alliance:signatories",
            args=[declaration.alliance.slug, declaration.slug, version.number],
        )
    )
    page = response.content.decode()
    assert first.receipt_digest in page and again.receipt_digest in page
    assert page.count("Signed by mistake") == 1
    assert response.context["listing"].counts == {"organisations": 1, "countries": 1}
