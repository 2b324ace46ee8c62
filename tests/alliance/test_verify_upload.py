"""The verify page checks an uploaded receipt file: the file the receipt link downloads."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from helisa.alliance.services import signing
from tests.alliance.conftest import sign_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def signature(version):
    return sign_for(version, "PL")


def downloaded(client, signature):
    return client.get(reverse("alliance:receipt", args=[signature.pk])).content


def upload(client, content, name="receipt.json"):
    response = client.post(
        reverse("alliance:verify"),
        {"receipt_file": SimpleUploadedFile(name, content, content_type="application/json")},
    )
    return response.context["result"], response.content.decode()


def test_an_uploaded_receipt_file_is_valid(client, signature):
    result, page = upload(client, downloaded(client, signature))
    assert result["valid"] and not result["revoked"]
    assert result["digest"] == signature.receipt_digest
    assert "The signature is valid." in page
    assert signature.organisation.legal_name in page and signature.key_id in page


def test_an_uploaded_file_with_one_byte_changed_is_not_valid(client, signature):
    content = downloaded(client, signature)
    tampered = content.replace(b"Warszawa", b"Warszawy")
    assert tampered != content
    result, page = upload(client, tampered)
    assert not result["valid"] and result["reason"] == "bad_signature"
    assert "altered or forged" in page
    assert "Not valid" in page and "The signature is valid." not in page


def test_an_uploaded_receipt_that_was_revoked_says_so(client, signature):
    content = downloaded(client, signature)
    signing.revoke_signature(signature=signature, by=None, reason="Withdrawn by the member")
    result, page = upload(client, content)
    assert result["valid"] and result["revoked"]
    assert "Valid, but revoked" in page and "Withdrawn by the member" in page


def test_the_uploaded_file_wins_over_pasted_text(client, signature):
    response = client.post(
        reverse("alliance:verify"),
        {
            "receipt": "not a receipt",
            "receipt_file": SimpleUploadedFile("r.json", downloaded(client, signature)),
        },
    )
    assert response.context["result"]["valid"]


def test_a_file_saved_with_a_byte_order_mark_still_verifies(client, signature):
    """Editors on Windows add one when they save; it is not part of what was signed."""
    result, _page = upload(client, b"\xef\xbb\xbf" + downloaded(client, signature))
    assert result["valid"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a receipt", "The receipt is not well-formed JSON."),
        (b'{"hello": "world"}', "This is not a Helisa signature receipt."),
    ],
)
def test_a_file_that_is_no_receipt_is_said_to_be_none(client, content, message):
    result, page = upload(client, content)
    assert not result["valid"] and message in page


def test_a_file_too_large_to_be_a_receipt_is_refused_unread(client):
    response = client.post(
        reverse("alliance:verify"),
        {"receipt_file": SimpleUploadedFile("big.json", b" " * 100_001)},
    )
    assert response.context["result"] is None
    assert "A receipt file is never this large." in response.content.decode()
