"""The alliances' signing keys: the one in use, rotation, and the public keys to verify with."""

import base64
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from helisa.alliance import keys
from helisa.alliance.keys import SigningKeyUnavailable
from helisa.alliance.models import SigningKey
from helisa.alliance.receipts import raw_public_key

logger = logging.getLogger(__name__)


def _register(*, alliance, key_id, public_key):
    now = timezone.now()
    alliance.signing_keys.filter(retired_at__isnull=True).update(retired_at=now)
    return SigningKey.objects.create(
        alliance=alliance, key_id=key_id, public_key=base64.b64encode(public_key).decode()
    )


def current_key(*, alliance):
    """(SigningKey, private key) to sign new receipts of `alliance` with.

    The newest unretired key whose private half is at hand; else a configured key of this
    alliance (its id begins with the alliance's slug) not yet recorded; else, in development
    only, a newly generated one. In production, no key is a SigningKeyUnavailable."""
    in_use = alliance.signing_keys.filter(retired_at__isnull=True).first()
    if in_use is not None:
        private = keys.private_key(in_use.key_id)
        if private is not None:
            return in_use, private
    with transaction.atomic():
        known = set(SigningKey.objects.values_list("key_id", flat=True))
        candidates = []
        configured = keys.configured_key()
        if (
            configured
            and configured[0] not in known
            and keys.belongs_to(configured[0], alliance.slug)
        ):
            candidates.append(configured[0])
        candidates += [k for k in reversed(keys.stored_key_ids(alliance.slug)) if k not in known]
        for key_id in candidates:
            private = keys.private_key(key_id)
            record = _register(alliance=alliance, key_id=key_id, public_key=raw_public_key(private))
            return record, private
        if settings.PRODUCTION:
            raise SigningKeyUnavailable(
                f"No signing key for the alliance {alliance.slug}: put one in "
                "ALLIANCE_SIGNING_KEYS_DIR (helisa rotate_signing_key), or configure "
                "ALLIANCE_SIGNING_KEY with an ALLIANCE_SIGNING_KEY_ID that begins with "
                f"{alliance.slug[:45]}- (docs/receipts.md)."
            )
        logger.warning("No signing key configured for %s: generating one", alliance.slug)
        record = rotate_key(alliance=alliance)
        return record, keys.private_key(record.key_id)


@transaction.atomic
def rotate_key(*, alliance):
    """A new key for new receipts; the old ones stay recorded, so old receipts still verify."""
    key_id, public = keys.create_key(alliance_slug=alliance.slug, created_on=timezone.localdate())
    return _register(alliance=alliance, key_id=key_id, public_key=public)


def public_keys():
    """Every recorded public key, retired ones too, by key id."""
    return {
        key_id: base64.b64decode(public)
        for key_id, public in SigningKey.objects.values_list("key_id", "public_key")
    }
