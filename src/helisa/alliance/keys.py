"""Where the private halves of the alliances' signing keys live: outside the database and the
repository, in a directory of <key_id>.key files (base64 seeds) or one key in the environment.
In development, when nothing is configured, keys are generated into $HELISA_VAR_DIR/keys/."""

import base64
import hashlib
import logging
import os
import re
import secrets
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .receipts import key_id_for, private_key_from_seed, raw_public_key, strict_b64decode

logger = logging.getLogger(__name__)

# <alliance slug>-<yyyymmdd>-<8 hex digits>, at most 64 characters (receipts.key_id_for).
KEY_ID = re.compile(r"[A-Za-z0-9_-]{1,45}-[0-9]{8}-[0-9a-f]{8}")


class SigningKeyUnavailable(Exception):
    """No private key is configured for signing."""


def keys_dir():
    if settings.ALLIANCE_SIGNING_KEYS_DIR:
        return Path(settings.ALLIANCE_SIGNING_KEYS_DIR)
    if not settings.PRODUCTION:
        return Path(settings.VAR_DIR) / "keys"
    return None


def _seed_of(text, source):
    seed = strict_b64decode(text.strip())
    if seed is None or len(seed) != 32:
        raise ImproperlyConfigured(f"{source} must hold a base64 Ed25519 seed of 32 bytes.")
    return seed


def configured_key():
    """(key_id, private key) from ALLIANCE_SIGNING_KEY(_FILE) and ALLIANCE_SIGNING_KEY_ID."""
    if not settings.ALLIANCE_SIGNING_KEY:
        return None
    private = private_key_from_seed(_seed_of(settings.ALLIANCE_SIGNING_KEY, "ALLIANCE_SIGNING_KEY"))
    key_id = settings.ALLIANCE_SIGNING_KEY_ID
    # A key id names one key (docs/receipts.md): one copied from another key would make every
    # receipt unverifiable, so it is refused before anything is signed.
    fingerprint = hashlib.sha256(raw_public_key(private)).hexdigest()[:8]
    if not KEY_ID.fullmatch(key_id) or not key_id.endswith(f"-{fingerprint}"):
        raise ImproperlyConfigured(
            f"ALLIANCE_SIGNING_KEY_ID={key_id!r} does not name the key in ALLIANCE_SIGNING_KEY: "
            f"it must read <alliance slug>-<yyyymmdd>-{fingerprint} (docs/receipts.md)."
        )
    return key_id, private


def belongs_to(key_id, alliance_slug):
    """Whether `key_id` names a key of that alliance (receipts.key_id_for): "eca-west-..." is
    not a key of "eca"."""
    own = re.escape(alliance_slug[:45]) + r"-[0-9]{8}-[0-9a-f]{8}"
    return re.fullmatch(own, key_id) is not None


def private_key(key_id):
    configured = configured_key()
    if configured and configured[0] == key_id:
        return configured[1]
    directory = keys_dir()
    if directory is None or "/" in key_id or key_id.startswith("."):
        return None
    path = directory / f"{key_id}.key"
    if not path.is_file():
        return None
    return private_key_from_seed(_seed_of(path.read_text(), str(path)))


def stored_key_ids(prefix):
    """The ids of the keys of the alliance whose slug is `prefix`, in the keys directory."""
    directory = keys_dir()
    if directory is None or not directory.is_dir():
        return []
    stems = (path.stem for path in directory.glob("*.key"))
    return sorted(stem for stem in stems if belongs_to(stem, prefix))


def new_key(*, alliance_slug, created_on):
    """A fresh key, written nowhere: (key_id, base64 seed, raw public key)."""
    seed = secrets.token_bytes(32)
    public = raw_public_key(private_key_from_seed(seed))
    key_id = key_id_for(alliance_slug=alliance_slug, created_on=created_on, public_key=public)
    return key_id, base64.b64encode(seed).decode(), public


def create_key(*, alliance_slug, created_on):
    """Generate a key, write its seed readable by the owner only; (key_id, raw public key)."""
    directory = keys_dir()
    if directory is None:
        raise SigningKeyUnavailable(
            "Set ALLIANCE_SIGNING_KEYS_DIR to a directory where new signing keys may be written."
        )
    key_id, seed, public = new_key(alliance_slug=alliance_slug, created_on=created_on)
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = directory / f"{key_id}.key"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(seed + "\n")
    logger.warning("Generated the signing key %s in %s", key_id, path)
    return key_id, public
