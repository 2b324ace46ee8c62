"""Where the signing key comes from: ALLIANCE_SIGNING_KEY(_FILE) with ALLIANCE_SIGNING_KEY_ID,
a keys directory, or, in development only, a key generated on first use. Production refuses to
start, and to sign, without one."""

import base64
import hashlib
import os
import subprocess  # noqa: S404
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from helisa.alliance.checks import signing_key_check
from helisa.alliance.keys import SigningKeyUnavailable, belongs_to
from helisa.alliance.models import Signature, SigningKey
from helisa.alliance.receipts import private_key_from_seed, raw_public_key
from helisa.alliance.services.signing_keys import rotate_key
from helisa.alliance.verification import check_receipt
from tests.alliance.conftest import PASSWORD, sign

# The public test key of docs/receipts.md: never for anything real.
SEED = bytes(range(32))
SEED_B64 = base64.b64encode(SEED).decode()
PUBLIC = raw_public_key(private_key_from_seed(SEED))
FINGERPRINT = hashlib.sha256(PUBLIC).hexdigest()[:8]
KEY_ID = f"eca-20260101-{FINGERPRINT}"


@pytest.fixture
def production(settings, tmp_path):
    """The production profile with nothing configured: no key, no keys directory."""
    settings.PRODUCTION = True
    settings.VAR_DIR = tmp_path / "var"
    settings.ALLIANCE_SIGNING_KEYS_DIR = ""
    settings.ALLIANCE_SIGNING_KEY = ""
    settings.ALLIANCE_SIGNING_KEY_ID = ""
    return settings


def configure_key(settings, key_id=KEY_ID, seed=SEED_B64):
    settings.ALLIANCE_SIGNING_KEY = seed
    settings.ALLIANCE_SIGNING_KEY_ID = key_id


def test_production_signs_with_the_configured_key(production, version, organisation, signer):
    configure_key(production)
    signature = sign(version, organisation, signer)
    assert signature.key_id == KEY_ID
    recorded = SigningKey.objects.get(key_id=KEY_ID)
    assert base64.b64decode(recorded.public_key) == PUBLIC
    assert check_receipt(signature.receipt)["valid"]
    assert not (production.VAR_DIR / "keys").exists()  # nothing generated


def test_production_refuses_to_sign_without_a_key_and_records_nothing(
    production, version, organisation, signer
):
    with pytest.raises(SigningKeyUnavailable, match="ALLIANCE_SIGNING_KEYS_DIR"):
        sign(version, organisation, signer)
    assert not Signature.objects.exists() and not SigningKey.objects.exists()
    assert not (production.VAR_DIR / "keys").exists()


def test_the_sign_page_says_signing_is_unavailable(production, client, version, signer, caplog):
    client.force_login(signer)
    authority = signer.signing_authorities.get()
    response = client.post(
        reverse("alliance:sign", args=["eca", "founding", version.number]),
        {"authority": authority.pk, "place": "Warszawa", "password_or_code": PASSWORD},
    )
    assert "Signing is not available now: the alliance has no key." in response.content.decode()
    assert not Signature.objects.exists()
    assert "ALLIANCE_SIGNING_KEYS_DIR" in caplog.text  # for the operator


def test_a_configured_key_of_another_alliance_is_not_taken(
    production, version, organisation, signer
):
    configure_key(production, key_id=f"eca-west-20260101-{FINGERPRINT}")
    with pytest.raises(SigningKeyUnavailable, match="begins with eca-"):
        sign(version, organisation, signer)
    assert not SigningKey.objects.exists()


def test_production_signs_with_a_key_from_the_keys_directory(
    production, tmp_path, version, organisation, signer
):
    directory = tmp_path / "secrets"
    directory.mkdir()
    (directory / f"{KEY_ID}.key").write_text(SEED_B64 + "\n")
    (directory / f"eca-west-20270101-{FINGERPRINT}.key").write_text(SEED_B64 + "\n")
    production.ALLIANCE_SIGNING_KEYS_DIR = str(directory)
    assert sign(version, organisation, signer).key_id == KEY_ID


def test_rotation_in_production_needs_a_keys_directory(production, alliance):
    configure_key(production)
    with pytest.raises(SigningKeyUnavailable, match="ALLIANCE_SIGNING_KEYS_DIR"):
        rotate_key(alliance=alliance)


def test_development_generates_a_key_on_first_use(
    settings, tmp_path, version, organisation, signer
):
    settings.PRODUCTION = False
    settings.VAR_DIR = tmp_path / "var"
    settings.ALLIANCE_SIGNING_KEYS_DIR = ""
    signature = sign(version, organisation, signer)
    path = tmp_path / "var" / "keys" / f"{signature.key_id}.key"
    assert path.is_file() and path.stat().st_mode & 0o777 == 0o600
    assert belongs_to(signature.key_id, "eca")
    assert check_receipt(signature.receipt)["valid"]


@pytest.mark.parametrize(
    ("key_id", "seed", "named"),
    [
        (f"eca-20260101-{'0' * 8}", SEED_B64, "ALLIANCE_SIGNING_KEY_ID"),  # another key's id
        ("eca", SEED_B64, "ALLIANCE_SIGNING_KEY_ID"),
        ("../../etc/passwd", SEED_B64, "ALLIANCE_SIGNING_KEY_ID"),
        (KEY_ID, base64.b64encode(b"short").decode(), "ALLIANCE_SIGNING_KEY must"),
        (KEY_ID, "not base64!", "ALLIANCE_SIGNING_KEY must"),
    ],
)
def test_a_wrong_configured_key_is_refused_before_anything_is_signed(
    production, version, organisation, signer, key_id, seed, named
):
    configure_key(production, key_id=key_id, seed=seed)
    with pytest.raises(ImproperlyConfigured, match=named):
        sign(version, organisation, signer)
    assert not Signature.objects.exists() and not SigningKey.objects.exists()


def test_a_key_id_that_does_not_name_the_key_gives_the_right_ending(production, version):
    configure_key(production, key_id=f"eca-20260101-{'0' * 8}")
    with pytest.raises(ImproperlyConfigured, match=f"eca-20260101-{'0' * 8}.*-{FINGERPRINT}"):
        from helisa.alliance.keys import configured_key

        configured_key()


def test_the_system_check_names_a_wrong_configured_key(production):
    assert signing_key_check() == []
    configure_key(production)
    assert signing_key_check() == []
    configure_key(production, key_id=f"eca-20260101-{'0' * 8}")
    (error,) = signing_key_check()
    assert error.id == "alliance.E001" and "ALLIANCE_SIGNING_KEY_ID" in error.msg


def test_a_key_belongs_to_the_alliance_its_id_names():
    assert belongs_to(KEY_ID, "eca")
    assert not belongs_to(f"eca-west-20260101-{FINGERPRINT}", "eca")
    assert not belongs_to(KEY_ID, "ec")


# Reading the environment: a fresh process each, as at a real start


def helisa(*args, **environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ALLIANCE_SIGNING_", "HELISA_PROFILE", "DATABASE_URL"))
    }
    env |= {"DJANGO_SETTINGS_MODULE": "helisa.settings", **environment}
    return subprocess.run(  # noqa: S603 (our own interpreter and arguments)
        [sys.executable, *args], env=env, capture_output=True, text=True
    )


PRODUCTION_ENV = {
    "HELISA_PROFILE": "production",
    "SECRET_KEY": "k" * 30 + "-production-only-" + "q" * 20,
    "ALLOWED_HOSTS": "helisa.example.org",
}
PRINT_KEY = (
    "import base64, django; django.setup(); from helisa.alliance import keys; "
    "from helisa.alliance.receipts import raw_public_key; key_id, private = keys.configured_key(); "
    "print(key_id, base64.b64encode(raw_public_key(private)).decode())"
)


def test_production_refuses_to_start_without_a_signing_key(tmp_path):
    result = helisa("-m", "django", "check", HELISA_VAR_DIR=str(tmp_path), **PRODUCTION_ENV)
    assert result.returncode != 0
    assert "HELISA_PROFILE=production needs the alliances' signing keys" in result.stderr
    assert (
        "ALLIANCE_SIGNING_KEYS_DIR" in result.stderr
        and "ALLIANCE_SIGNING_KEY_FILE" in result.stderr
    )


def test_production_reads_the_key_from_a_secret_file(tmp_path):
    secret = tmp_path / "signing_key"
    secret.write_text(SEED_B64 + "\n")
    result = helisa(
        "-c",
        PRINT_KEY,
        HELISA_VAR_DIR=str(tmp_path),
        ALLIANCE_SIGNING_KEY_FILE=str(secret),
        ALLIANCE_SIGNING_KEY_ID=KEY_ID,
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [KEY_ID, base64.b64encode(PUBLIC).decode()]


def test_a_key_that_is_not_its_ids_fails_the_check(tmp_path):
    result = helisa(
        "-m",
        "django",
        "check",
        HELISA_VAR_DIR=str(tmp_path),
        ALLIANCE_SIGNING_KEY=SEED_B64,
        ALLIANCE_SIGNING_KEY_ID=f"eca-20260101-{'0' * 8}",
    )
    assert result.returncode != 0
    assert "alliance.E001" in result.stderr and f"-{FINGERPRINT}" in result.stderr


def test_a_key_without_its_id_stops_the_start(tmp_path):
    result = helisa(
        "-m", "django", "check", HELISA_VAR_DIR=str(tmp_path), ALLIANCE_SIGNING_KEY=SEED_B64
    )
    assert result.returncode != 0
    assert "ALLIANCE_SIGNING_KEY needs ALLIANCE_SIGNING_KEY_ID" in result.stderr


def test_development_starts_with_nothing_configured(tmp_path):
    result = helisa("-m", "django", "check", HELISA_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr
