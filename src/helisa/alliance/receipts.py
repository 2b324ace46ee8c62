"""Canonical forms, signature receipts and their verification, as docs/receipts.md fixes them.

Plain data in, plain data out: no database and no Django, so that `helisa verify-receipt` runs
anywhere and the test vector is checked byte for byte.
"""

import base64
import binascii
import hashlib
import json
import unicodedata
from dataclasses import dataclass, field

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    PublicFormat,
    load_pem_public_key,
    load_ssh_public_key,
)

RECEIPT_FORMAT = "helisa-receipt/1"
ALG = "Ed25519"
# RFC 8785 serialises numbers as IEEE 754 doubles; integers beyond 2**53 would not survive.
MAX_SAFE_INTEGER = 2**53 - 1
# The key id under which parse_public_keys files a key whose file names none: it is tried
# against whatever key id a receipt names.
UNNAMED = None
_SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f"}
_SHORT_ESCAPES["\r"] = "\\r"


class CanonicalFormError(ValueError):
    pass


# RFC 8785 (JSON Canonicalization Scheme) for strings, integers, booleans, null, arrays, objects


def canonical_json(value):
    """The RFC 8785 bytes of `value`; floats are refused (receipts carry none)."""
    return "".join(_serialise(value)).encode("utf-8")


def _serialise(value):
    if value is None:
        yield "null"
    elif value is True:
        yield "true"
    elif value is False:
        yield "false"
    elif isinstance(value, int):
        if abs(value) > MAX_SAFE_INTEGER:
            raise CanonicalFormError(f"integer out of the safe range: {value}")
        yield str(value)
    elif isinstance(value, str):
        yield _string(value)
    elif isinstance(value, list | tuple):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ","
            yield from _serialise(item)
        yield "]"
    elif isinstance(value, dict):
        yield "{"
        for index, key in enumerate(sorted(value, key=_utf16_key)):
            if index:
                yield ","
            yield _string(key)
            yield ":"
            yield from _serialise(value[key])
        yield "}"
    else:
        raise CanonicalFormError(f"not allowed in a canonical form: {type(value).__name__}")


def _utf16_key(key):
    if not isinstance(key, str):
        raise CanonicalFormError("object keys must be strings")
    # RFC 8785 3.2.3: keys sort by their UTF-16 code units, not by code points.
    return key.encode("utf-16-be", "surrogatepass")


def _string(text):
    out = ['"']
    for char in text:
        if char in _SHORT_ESCAPES:
            out.append(_SHORT_ESCAPES[char])
        elif char < " ":
            out.append(f"\\u{ord(char):04x}")
        elif "\ud800" <= char <= "\udfff":
            raise CanonicalFormError("lone surrogate in a string")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


# The declaration text


def normalise_text(text):
    """Unicode NFC with LF line ends: the same words always give the same bytes."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def canonical_text(texts, authoritative):
    """RFC 8785 JSON of {"authoritative": code, "texts": {code: normalised text}}; the JCS key
    order puts the languages in order of their codes."""
    if not texts or authoritative not in texts:
        raise CanonicalFormError("the authoritative language must have a text")
    for code, text in texts.items():
        if not (isinstance(code, str) and code and code == code.lower() and code.isascii()):
            raise CanonicalFormError(f"language codes are lower-case ASCII: {code!r}")
        if not isinstance(text, str) or not text.strip():
            raise CanonicalFormError(f"the text in {code!r} is empty")
    return canonical_json(
        {
            "authoritative": authoritative,
            "texts": {code: normalise_text(text) for code, text in texts.items()},
        }
    )


def text_digest(texts, authoritative):
    return hashlib.sha256(canonical_text(texts, authoritative)).hexdigest()


# Keys


def key_id_for(*, alliance_slug, created_on, public_key):
    """<alliance slug>-<yyyymmdd>-<first 8 hex of SHA-256 of the raw public key>."""
    fingerprint = hashlib.sha256(public_key).hexdigest()[:8]
    return f"{alliance_slug[:45]}-{created_on:%Y%m%d}-{fingerprint}"


def private_key_from_seed(seed):
    if len(seed) != 32:
        raise CanonicalFormError("an Ed25519 seed is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(seed)


def raw_public_key(private_key):
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def public_key_document(*, key_id, public_key):
    """The public key file that `helisa verify-receipt --key` reads."""
    return {"alg": ALG, "key_id": key_id, "public_key": base64.b64encode(public_key).decode()}


def public_key_pem(public_key):
    """The raw public key as a PEM SubjectPublicKeyInfo: the .pub file OpenSSL also reads."""
    return (
        Ed25519PublicKey.from_public_bytes(public_key)
        .public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )


def parse_public_keys(data):
    """Public keys by key id, from a key document, a list of them or {"keys": [...]}; or one key
    under UNNAMED from a file that names no key id: raw base64, PEM or an OpenSSH line."""
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise CanonicalFormError("the key file is not UTF-8 text") from None
    text = text.strip()
    if text.startswith(("{", "[")):
        return _key_documents(text)
    return {UNNAMED: _unnamed_key(text)}


def _key_documents(text):
    try:
        document = json.loads(text)
    except ValueError as error:
        raise CanonicalFormError(f"the key file is not JSON: {error}") from None
    if isinstance(document, dict) and "keys" in document:
        document = document["keys"]
    documents = document if isinstance(document, list) else [document]
    keys = {}
    for item in documents:
        if not isinstance(item, dict) or item.get("alg") != ALG:
            raise CanonicalFormError("each key must be an object with alg Ed25519")
        raw = strict_b64decode(item.get("public_key", ""))
        if raw is None or len(raw) != 32 or not isinstance(item.get("key_id"), str):
            raise CanonicalFormError("each key needs a key_id and a 32-byte base64 public_key")
        keys[item["key_id"]] = raw
    return keys


def _unnamed_key(text):
    if text.startswith("-----BEGIN"):
        load = load_pem_public_key
    elif text.startswith("ssh-"):
        load = load_ssh_public_key
    else:
        raw = strict_b64decode(text)
        if raw is None or len(raw) != 32:
            raise CanonicalFormError(
                "the key file is none of: a JSON key document, a base64 Ed25519 public key "
                "(32 bytes), a PEM public key, an OpenSSH ssh-ed25519 line"
            )
        return raw
    try:
        key = load(text.encode())
    except (ValueError, UnsupportedAlgorithm) as error:
        raise CanonicalFormError(f"the key file holds no readable public key: {error}") from None
    if not isinstance(key, Ed25519PublicKey):
        raise CanonicalFormError("the key file holds a public key, but not an Ed25519 one")
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def strict_b64decode(text):
    """Bytes of canonical, padded base64, or None: a second spelling of the same bytes (unused
    low bits set in the last character) is refused, so one receipt has one encoding."""
    if not isinstance(text, str) or not text.isascii():
        return None
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    return raw if base64.b64encode(raw).decode() == text else None


# Receipts


def build_payload(
    *,
    receipt_id,
    alliance,
    declaration,
    organisation,
    signer,
    signed_at,
    place,
):
    """The signed statement. `signed_at` is an aware datetime; it is written in UTC to the second."""
    from datetime import UTC

    return {
        "format": RECEIPT_FORMAT,
        "receipt_id": receipt_id,
        "alliance": {"id": alliance["id"], "slug": alliance["slug"]},
        "declaration": {
            "id": declaration["id"],
            "slug": declaration["slug"],
            "version": declaration["version"],
            "digest": declaration["digest"],
        },
        "organisation": {
            "id": organisation["id"],
            "name": organisation["name"],
            "country": organisation["country"],
        },
        "signer": {"name": signer["name"], "function": signer["function"]},
        "signed_at": signed_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "place": place,
    }


def payload_digest(payload):
    """The receipt digest: SHA-256 of the exact bytes signed. Revocations are filed under it."""
    return hashlib.sha256(canonical_json(payload)).hexdigest()


def sign_payload(*, payload, private_key, key_id):
    value = private_key.sign(canonical_json(payload))
    return {
        "payload": payload,
        "signature": {"alg": ALG, "key_id": key_id, "value": base64.b64encode(value).decode()},
    }


def receipt_file(receipt):
    """The receipt as a file: its one spelling, indented UTF-8 JSON with sorted keys and a final LF.

    A file is valid only in exactly this form, so that no byte of it can change unnoticed (the
    signature alone covers the payload's meaning, not the whitespace around it).
    """
    return (json.dumps(receipt, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


REASONS = {
    "valid": "The signature is valid.",
    "not_json": "The receipt is not well-formed JSON (UTF-8, no duplicate keys, no fractions).",
    "bad_structure": "The receipt does not have the form of a Helisa signature receipt.",
    "not_canonical": "The receipt file was reformatted or altered: it is not in its one form.",
    "bad_algorithm": "The receipt names a signature algorithm other than Ed25519.",
    "unknown_key": "The receipt names a key that is not known.",
    "bad_encoding": "The signature value is not canonical base64 of 64 bytes.",
    "bad_signature": "The signature does not match the receipt: it was altered or forged.",
}


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    key_id: str | None = None
    payload: dict | None = None
    digest: str | None = None
    extra: dict = field(default_factory=dict)

    @property
    def message(self):
        return REASONS[self.reason]


def _no_duplicates(pairs):
    result = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r}")
        result[key] = value
    return result


def _refuse_number(text):
    raise ValueError(f"only integers are allowed: {text}")


def parse_receipt(data):
    """A receipt document from bytes, strictly: one spelling of the JSON values, no floats."""
    if isinstance(data, bytes):
        data = data.decode("utf-8")
    return json.loads(
        data,
        object_pairs_hook=_no_duplicates,
        parse_float=_refuse_number,
        parse_constant=_refuse_number,
    )


def _has_control_characters(value):
    if isinstance(value, str):
        return any(char < " " for char in value)
    if isinstance(value, dict):
        return any(
            _has_control_characters(k) or _has_control_characters(v) for k, v in value.items()
        )
    if isinstance(value, list):
        return any(_has_control_characters(item) for item in value)
    return False


def verify_receipt(receipt, public_keys):
    """Check a receipt (bytes, text or parsed) against public keys {key_id: raw 32 bytes}."""
    raw = None
    if isinstance(receipt, bytes | str):
        raw = receipt.encode("utf-8") if isinstance(receipt, str) else receipt
        try:
            receipt = parse_receipt(raw)
        except (ValueError, UnicodeDecodeError, RecursionError):
            return Verification(False, "not_json")
    if not isinstance(receipt, dict):
        return Verification(False, "bad_structure")
    signature, payload = receipt.get("signature"), receipt.get("payload")
    if (
        set(receipt) != {"payload", "signature"}
        or not isinstance(payload, dict)
        or not isinstance(signature, dict)
        or set(signature) != {"alg", "key_id", "value"}
        or payload.get("format") != RECEIPT_FORMAT
        # Control characters would have two spellings (\u001f, \u001F) with one meaning.
        or _has_control_characters(payload)
    ):
        return Verification(False, "bad_structure")
    if raw is not None and raw != receipt_file(receipt):
        return Verification(False, "not_canonical")
    key_id = signature["key_id"] if isinstance(signature["key_id"], str) else None
    if signature["alg"] != ALG:
        return Verification(False, "bad_algorithm", key_id=key_id)
    public_key = public_keys.get(key_id, public_keys.get(UNNAMED)) if key_id else None
    if public_key is None:
        return Verification(False, "unknown_key", key_id=key_id)
    value = strict_b64decode(signature["value"])
    if value is None or len(value) != 64:
        return Verification(False, "bad_encoding", key_id=key_id)
    try:
        signed = canonical_json(payload)
        Ed25519PublicKey.from_public_bytes(public_key).verify(value, signed)
    except (InvalidSignature, CanonicalFormError, UnicodeEncodeError):
        return Verification(False, "bad_signature", key_id=key_id)
    return Verification(
        True, "valid", key_id=key_id, payload=payload, digest=hashlib.sha256(signed).hexdigest()
    )
