"""Verification against the recorded keys, with revocation looked up: what the page and API say."""

from django.utils.translation import gettext_lazy as _

from . import receipts
from .declaration_queries import signature_by_digest
from .services.signing_keys import public_keys

REASONS = {
    "valid": _("The signature is valid."),
    "not_json": _("The receipt is not well-formed JSON."),
    "bad_structure": _("This is not a Helisa signature receipt."),
    "not_canonical": _(
        "The receipt file was reformatted or altered: only the file exactly as Helisa issued it "
        "verifies."
    ),
    "bad_algorithm": _("The receipt names a signature algorithm other than Ed25519."),
    "unknown_key": _("The receipt names a key that Helisa does not know."),
    "bad_encoding": _("The signature value is not well encoded."),
    "bad_signature": _("The signature does not match the receipt: it was altered or forged."),
}


def check_receipt(receipt):
    """A dict: valid, reason, message, key_id, digest, payload, revoked, revoked_at, reason."""
    result = receipts.verify_receipt(receipt, public_keys())
    signature = signature_by_digest(result.digest) if result.valid else None
    return {
        "valid": result.valid,
        "reason": result.reason,
        "message": REASONS[result.reason],
        "key_id": result.key_id,
        "digest": result.digest,
        "payload": result.payload,
        "signature": signature,
        "recorded": signature is not None,
        "revoked": bool(signature and signature.revoked_at),
        "revoked_at": signature.revoked_at if signature else None,
        "revocation_reason": signature.revocation_reason if signature else "",
    }
