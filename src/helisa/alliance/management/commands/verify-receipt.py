"""helisa verify-receipt RECEIPT.json --key KEY.pub: check a receipt offline.

Touches no database and no network: the receipt and the public key are all it reads."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from helisa.alliance.receipts import (
    UNNAMED,
    CanonicalFormError,
    parse_public_keys,
    verify_receipt,
)


class Command(BaseCommand):
    help = "Verify a signature receipt offline against a public key file (see docs/receipts.md)."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("receipt", type=Path, help="the receipt file (JSON)")
        parser.add_argument(
            "--key",
            type=Path,
            required=True,
            help="public key file: a PEM public key (the alliance page's .pub file), the "
            "base64 Ed25519 key on one line, an OpenSSH ssh-ed25519 line, or JSON "
            "{alg, key_id, public_key}, a list of them or {keys: [...]}",
        )

    def handle(self, *args, receipt, key, **options):
        try:
            keys = parse_public_keys(key.read_bytes())
            data = receipt.read_bytes()
        except (OSError, CanonicalFormError) as error:
            raise CommandError(str(error)) from None
        result = verify_receipt(data, keys)
        unnamed = UNNAMED in keys
        if unnamed and result.key_id:
            self.stdout.write(
                f"The key file names no key id: its key was tried as the receipt's key "
                f"{result.key_id}."
            )
        if not result.valid:
            hint = (
                " Or the key is not the one that key id names: download it from the alliance page."
                if unnamed and result.reason == "bad_signature"
                else ""
            )
            raise CommandError(f"NOT VALID ({result.reason}): {result.message}{hint}")
        self._describe(result)

    def _describe(self, result):
        payload = result.payload
        self.stdout.write(self.style.SUCCESS(f"VALID: signed with key {result.key_id}"))
        for label, value in [
            (
                "organisation",
                f"{payload['organisation']['name']} ({payload['organisation']['country']})",
            ),
            ("signer", f"{payload['signer']['name']}, {payload['signer']['function']}"),
            ("signed at", f"{payload['signed_at']}, {payload['place']}"),
            (
                "declaration",
                f"{payload['declaration']['slug']} v{payload['declaration']['version']}",
            ),
            ("text digest", payload["declaration"]["digest"]),
            ("receipt digest", result.digest),
        ]:
            self.stdout.write(f"  {label}: {value}")
        self.stdout.write(
            "Revocation cannot be checked offline: verify the receipt on the alliance's Helisa "
            "site (or POST /api/v1/receipts/verify) to learn whether the signature was revoked."
        )
