"""`helisa verify-receipt` runs with no database and no network."""

import base64
import json
import os
import subprocess
import sys
from pathlib import Path

from helisa.alliance import receipts
from tests.alliance.test_receipts import KEY_ID, PUBLIC_KEY, vector_receipt

HELISA = Path(sys.executable).parent / "helisa"


def run(tmp_path, receipt_bytes, key_document):
    receipt = tmp_path / "receipt.json"
    receipt.write_bytes(receipt_bytes)
    key = tmp_path / "key.pub"
    key.write_text(key_document if isinstance(key_document, str) else json.dumps(key_document))
    env = {
        **os.environ,
        "DATABASE_URL": "sqlite:////nonexistent/path.db",
        "HELISA_VAR_DIR": "/nonexistent/var",
        "DJANGO_SETTINGS_MODULE": "helisa.settings",
    }
    return subprocess.run(  # noqa: S603  (our own command, fixed arguments)
        [str(HELISA), "verify-receipt", str(receipt), "--key", str(key)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def key_document():
    return receipts.public_key_document(key_id=KEY_ID, public_key=base64.b64decode(PUBLIC_KEY))


def test_a_valid_receipt_is_verified_offline_and_revocation_is_said_unknown(tmp_path):
    result = run(tmp_path, receipts.receipt_file(vector_receipt()), key_document())
    assert result.returncode == 0, result.stderr
    assert f"VALID: signed with key {KEY_ID}" in result.stdout
    assert "Klaster Testowy Łódź sp. z o.o. (PL)" in result.stdout
    assert "Revocation cannot be checked offline" in result.stdout


def test_a_changed_receipt_fails_offline(tmp_path):
    receipt = vector_receipt()
    receipt["payload"]["place"] = "Kraków"
    result = run(tmp_path, receipts.receipt_file(receipt), {"keys": [key_document()]})
    assert result.returncode == 1
    assert "NOT VALID (bad_signature)" in result.stderr


def test_a_pem_key_file_is_tried_as_the_receipts_key_and_says_so(tmp_path):
    pem = receipts.public_key_pem(base64.b64decode(PUBLIC_KEY))
    result = run(tmp_path, receipts.receipt_file(vector_receipt()), pem)
    assert result.returncode == 0, result.stderr
    assert f"names no key id: its key was tried as the receipt's key {KEY_ID}" in result.stdout
    assert f"VALID: signed with key {KEY_ID}" in result.stdout


def test_a_wrong_raw_key_fails_and_says_the_key_may_be_the_wrong_one(tmp_path):
    other = receipts.raw_public_key(receipts.private_key_from_seed(bytes(32)))
    result = run(
        tmp_path, receipts.receipt_file(vector_receipt()), base64.b64encode(other).decode()
    )
    assert result.returncode == 1
    assert "NOT VALID (bad_signature)" in result.stderr
    assert "the key is not the one that key id names" in result.stderr


def test_a_file_that_holds_no_key_is_refused_with_the_formats_it_may_have(tmp_path):
    result = run(tmp_path, receipts.receipt_file(vector_receipt()), "not a key\n")
    assert result.returncode == 1
    assert "a PEM public key" in result.stderr
