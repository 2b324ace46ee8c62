"""helisa generate_signing_key --alliance SLUG: a new signing key, for the environment or the
keys directory."""

import base64

from django.core.management.base import BaseCommand
from django.utils import timezone

from helisa.alliance.keys import new_key

from .rotate_signing_key import alliance_named, rotate


class Command(BaseCommand):
    help = (
        "Generate a new Ed25519 signing key for an alliance. By default print it as "
        "ALLIANCE_SIGNING_KEY and ALLIANCE_SIGNING_KEY_ID lines for the environment (nothing is "
        "stored); with --keys-dir write it into ALLIANCE_SIGNING_KEYS_DIR and rotate to it now."
    )

    def add_arguments(self, parser):
        parser.add_argument("--alliance", required=True, help="the alliance's slug")
        parser.add_argument(
            "--keys-dir",
            action="store_true",
            help="write the key into ALLIANCE_SIGNING_KEYS_DIR and sign new receipts with it "
            "(as rotate_signing_key does)",
        )

    def handle(self, *args, alliance, keys_dir, **options):
        record = alliance_named(alliance)
        if keys_dir:
            rotate(self, record)
            return
        key_id, seed, public = new_key(alliance_slug=record.slug, created_on=timezone.localdate())
        # The two lines alone on stdout, so that `>> .env` or a secret store takes them as they are.
        self.stdout.write(f"ALLIANCE_SIGNING_KEY={seed}\nALLIANCE_SIGNING_KEY_ID={key_id}")
        self.stderr.write(
            f"Public key {base64.b64encode(public).decode()}. Keep ALLIANCE_SIGNING_KEY secret "
            "(or put the seed in a file named by ALLIANCE_SIGNING_KEY_FILE). Once the servers "
            "run with it, the next signature records its public key and retires the key in use, "
            "unless that key's file is still in the keys directory (ALLIANCE_SIGNING_KEYS_DIR); "
            "receipts signed before stay verifiable."
        )
