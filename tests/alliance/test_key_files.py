"""`--key` reads the key as a user is likely to hold it: JSON with its key id, or a bare key
(base64, PEM, OpenSSH) that is tried against the key id the receipt names."""

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from helisa.alliance import receipts
from tests.alliance.test_receipts import KEY_ID, PUBLIC_KEY, SEED, vector_receipt

RAW = base64.b64decode(PUBLIC_KEY)


def public_key():
    return receipts.private_key_from_seed(SEED).public_key()


def bare_forms():
    return {
        "base64": PUBLIC_KEY + "\n",
        "pem": receipts.public_key_pem(RAW),
        "openssh": public_key().public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode()
        + " secretariat@example.org\n",
    }


@pytest.mark.parametrize("form", ["base64", "pem", "openssh"])
def test_a_bare_key_verifies_under_the_receipts_key_id(form):
    keys = receipts.parse_public_keys(bare_forms()[form].encode())
    assert keys == {receipts.UNNAMED: RAW}
    result = receipts.verify_receipt(receipts.receipt_file(vector_receipt()), keys)
    assert result.valid and result.key_id == KEY_ID


def test_a_json_key_document_still_names_its_key():
    document = f'{{"alg": "Ed25519", "key_id": "{KEY_ID}", "public_key": "{PUBLIC_KEY}"}}'
    assert receipts.parse_public_keys(document.encode()) == {KEY_ID: RAW}
    named_otherwise = receipts.parse_public_keys(document.replace(KEY_ID, "other-key").encode())
    result = receipts.verify_receipt(vector_receipt(), named_otherwise)
    assert result.reason == "unknown_key"


@pytest.mark.parametrize("form", ["base64", "pem", "openssh"])
def test_a_wrong_bare_key_does_not_verify(form):
    wrong = Ed25519PrivateKey.from_private_bytes(bytes(32)).public_key()
    raw = wrong.public_bytes(Encoding.Raw, PublicFormat.Raw)
    text = {
        "base64": base64.b64encode(raw).decode(),
        "pem": receipts.public_key_pem(raw),
        "openssh": wrong.public_bytes(Encoding.OpenSSH, PublicFormat.OpenSSH).decode(),
    }[form]
    result = receipts.verify_receipt(vector_receipt(), receipts.parse_public_keys(text))
    assert not result.valid and result.reason == "bad_signature"


def test_a_receipt_without_a_key_id_is_not_tried_with_a_bare_key():
    receipt = vector_receipt()
    receipt["signature"]["key_id"] = ""
    result = receipts.verify_receipt(receipt, receipts.parse_public_keys(PUBLIC_KEY))
    assert result.reason == "unknown_key"


def test_another_kind_of_public_key_is_refused():
    x25519 = X25519PrivateKey.from_private_bytes(SEED).public_key()
    pem = x25519.public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo).decode()
    with pytest.raises(receipts.CanonicalFormError, match="not an Ed25519"):
        receipts.parse_public_keys(pem)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1f",  # too short
        PUBLIC_KEY[:22] + "\n" + PUBLIC_KEY[22:],  # not one line
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "ssh-ed25519 AAAA",
        b"\xff\xfe",  # not UTF-8
    ],
)
def test_something_that_is_no_key_is_refused(text):
    with pytest.raises(receipts.CanonicalFormError):
        receipts.parse_public_keys(text)
