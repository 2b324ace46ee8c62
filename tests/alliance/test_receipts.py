"""The canonical forms and receipts of docs/receipts.md, byte for byte."""

import base64
import datetime
import json

import pytest

from helisa.alliance import receipts
from helisa.alliance.services import signing
from helisa.alliance.verification import check_receipt

SEED = bytes(range(32))
TEXTS = {
    "pl": "Deklaracja testowa.\r\nZaz\u0307o\u0301\u0142c\u0301 g\u0119\u015bl\u0105 ja\u017a\u0144.",
    "en": "Test declaration.\nAll together.",
}
CANONICAL_TEXT_HEX = (
    "7b22617574686f7269746174697665223a22706c222c227465787473223a7b22656e223a2254657374206465636c61726174"
    "696f6e2e5c6e416c6c20746f6765746865722e222c22706c223a2244656b6c617261636a6120746573746f77612e5c6e5a61"
    "c5bcc3b3c582c4872067c499c59b6cc485206a61c5bac5842e227d7d"
)
TEXT_DIGEST = "5b76ae693182b7e5a641011bf181cb647098b696aff7062b36dcdd3206570431"
KEY_ID = "test-alliance-20190901-56475aa7"
PUBLIC_KEY = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg="
PAYLOAD = (
    '{"alliance":{"id":1,"slug":"test-alliance"},"declaration":{"digest":"5b76ae693182b7e5a641011bf181'
    'cb647098b696aff7062b36dcdd3206570431","id":1,"slug":"test-declaration","version":1},"format":'
    '"helisa-receipt/1","organisation":{"country":"PL","id":42,"name":"Klaster Testowy Łódź sp. z o.o.'
    '"},"place":"Warszawa","receipt_id":"00000000-0000-4000-8000-000000000001","signed_at":"2019-09-0'
    '9T09:00:00Z","signer":{"function":"Prezes Zarządu","name":"Zofia Wiśniewska"}}'
)
RECEIPT_DIGEST = "42909b2948684315583855bb26f73ab977ce482972683150d05ff9f65a7d17e6"
SIGNATURE = (
    "AJdGs2ppy9xvtPMb6ho7Fh1P0ZTxFxRo3onWdkMXrgBunFHuBQlbcM/nxcPFTlLZvbPKQqugUWT1rJNEuEU0BA=="
)


def vector_receipt():
    key = receipts.private_key_from_seed(SEED)
    payload = receipts.build_payload(
        receipt_id="00000000-0000-4000-8000-000000000001",
        alliance={"id": 1, "slug": "test-alliance"},
        declaration={"id": 1, "slug": "test-declaration", "version": 1, "digest": TEXT_DIGEST},
        organisation={"id": 42, "name": "Klaster Testowy Łódź sp. z o.o.", "country": "PL"},
        signer={"name": "Zofia Wiśniewska", "function": "Prezes Zarządu"},
        signed_at=datetime.datetime(
            2019, 9, 9, 11, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=2))
        ),
        place="Warszawa",
    )
    return receipts.sign_payload(payload=payload, private_key=key, key_id=KEY_ID)


def test_the_code_reproduces_the_test_vector_of_the_documentation():
    assert receipts.canonical_text(TEXTS, "pl").hex() == CANONICAL_TEXT_HEX
    assert receipts.text_digest(TEXTS, "pl") == TEXT_DIGEST
    public = receipts.raw_public_key(receipts.private_key_from_seed(SEED))
    assert base64.b64encode(public).decode() == PUBLIC_KEY
    assert (
        receipts.key_id_for(
            alliance_slug="test-alliance", created_on=datetime.date(2019, 9, 1), public_key=public
        )
        == KEY_ID
    )
    receipt = vector_receipt()
    assert receipts.canonical_json(receipt["payload"]).decode() == PAYLOAD
    assert receipts.payload_digest(receipt["payload"]) == RECEIPT_DIGEST
    assert receipt["signature"] == {"alg": "Ed25519", "key_id": KEY_ID, "value": SIGNATURE}


def test_the_documentation_holds_the_same_vector():
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "receipts.md").read_text()
    for value in [TEXT_DIGEST, KEY_ID, PUBLIC_KEY, PAYLOAD, RECEIPT_DIGEST, SIGNATURE]:
        assert value in doc
    assert CANONICAL_TEXT_HEX in doc.replace("\n", "")


def test_object_keys_sort_by_utf16_code_units_as_rfc_8785_shows():
    # RFC 8785, section 3.2.3: U+1F600 (a surrogate pair) sorts before U+FB33.
    keys = ["\u20ac", "\r", "\ufb33", "1", "\U0001f600", "\u0080", "\u00f6"]
    text = receipts.canonical_json(dict.fromkeys(keys, 0)).decode()
    order = [json.loads("{" + part + "}") for part in text[1:-1].split(",")]
    assert [next(iter(item)) for item in order] == [
        "\r",
        "1",
        "\u0080",
        "\u00f6",
        "\u20ac",
        "\U0001f600",
        "\ufb33",
    ]


def test_strings_are_escaped_as_rfc_8785_says():
    assert receipts.canonical_json(['\u001f\n"\\é€', True, None, -5]) == (
        '["\\u001f\\n\\"\\\\é€",true,null,-5]'.encode()
    )
    with pytest.raises(receipts.CanonicalFormError):
        receipts.canonical_json({"a": 1.5})
    with pytest.raises(receipts.CanonicalFormError):
        receipts.canonical_json(2**53)


def test_a_receipt_verifies_and_every_changed_byte_makes_it_fail():
    keys = {KEY_ID: base64.b64decode(PUBLIC_KEY)}
    data = receipts.receipt_file(vector_receipt())
    assert receipts.verify_receipt(data, keys).valid
    failures = 0
    for position in range(len(data)):
        for bit in range(8):
            changed = bytearray(data)
            changed[position] ^= 1 << bit
            result = receipts.verify_receipt(bytes(changed), keys)
            assert not result.valid, (position, bit, result)
            failures += 1
    assert failures == 8 * len(data)


def test_every_byte_replaced_by_any_other_makes_it_fail():
    """Whitespace too: the file is valid only in its one form, not in any JSON formatting."""
    keys = {KEY_ID: base64.b64decode(PUBLIC_KEY)}
    data = receipts.receipt_file(vector_receipt())
    replacements = b' \t\n\r"\\,:{}[]0aA'
    for position in range(len(data)):
        for byte in replacements:
            if byte == data[position]:
                continue
            changed = bytearray(data)
            changed[position] = byte
            result = receipts.verify_receipt(bytes(changed), keys)
            assert not result.valid, (position, chr(byte), result)


def test_a_reformatted_receipt_is_refused_as_not_in_its_one_form():
    keys = {KEY_ID: base64.b64decode(PUBLIC_KEY)}
    receipt = vector_receipt()
    data = receipts.receipt_file(receipt)
    for reformatted in (
        json.dumps(receipt).encode(),
        json.dumps(receipt, indent=4, sort_keys=True).encode() + b"\n",
        data.rstrip(b"\n"),
        data.replace(b"\n", b"\r\n"),
        data.replace(b": ", b":  ", 1),
        data + b"\n",
    ):
        assert receipts.verify_receipt(reformatted, keys).reason == "not_canonical"
    assert receipts.verify_receipt(data, keys).valid


def test_a_second_base64_spelling_of_the_signature_is_refused():
    receipt = vector_receipt()
    value = receipt["signature"]["value"]
    # The last data character carries 4 unused bits: "A" -> "B" decodes to the same bytes.
    assert value.endswith("BA==")
    receipt["signature"]["value"] = value[:-3] + "B=="
    result = receipts.verify_receipt(
        receipts.receipt_file(receipt), {KEY_ID: base64.b64decode(PUBLIC_KEY)}
    )
    assert result.reason == "bad_encoding"


def test_an_unknown_key_and_extra_members_are_refused():
    receipt = vector_receipt()
    assert receipts.verify_receipt(receipts.receipt_file(receipt), {}).reason == "unknown_key"
    receipt["note"] = "hello"
    keys = {KEY_ID: base64.b64decode(PUBLIC_KEY)}
    assert receipts.verify_receipt(receipts.receipt_file(receipt), keys).reason == "bad_structure"


def test_a_signed_receipt_verifies_and_reports_revocation(
    version, organisation, signer, secretariat
):
    signature = signing.sign_declaration(
        version=version,
        organisation=organisation,
        user=signer,
        place="Warszawa",
        password_or_code="correct horse battery staple",
    )
    data = receipts.receipt_file(signature.receipt)
    first = check_receipt(data)
    assert first["valid"] and not first["revoked"]
    assert first["key_id"] == signature.key_id
    assert first["digest"] == signature.receipt_digest
    assert first["payload"]["declaration"]["digest"] == version.digest

    signing.revoke_signature(signature=signature, by=secretariat, reason="Signed in error")
    after = check_receipt(data)
    assert after["valid"] and after["revoked"]
    assert after["revocation_reason"] == "Signed in error"
