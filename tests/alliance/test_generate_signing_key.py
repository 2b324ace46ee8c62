"""`helisa generate_signing_key`: a key for the environment, or one written into the keys
directory and rotated to."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from helisa.alliance.keys import configured_key
from helisa.alliance.models import SigningKey
from helisa.alliance.verification import check_receipt
from tests.alliance.conftest import sign, sign_for


def generate(*args):
    out, err = StringIO(), StringIO()
    call_command("generate_signing_key", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def environment(out):
    return dict(line.split("=", 1) for line in out.splitlines())


def test_the_printed_key_is_taken_from_the_environment_and_signs(
    settings, tmp_path, version, organisation, signer
):
    earlier = sign_for(version, "FR")
    out, err = generate("--alliance", "eca")

    values = environment(out)
    assert set(values) == {"ALLIANCE_SIGNING_KEY", "ALLIANCE_SIGNING_KEY_ID"}
    assert values["ALLIANCE_SIGNING_KEY_ID"].startswith("eca-")
    assert "Public key" in err and values["ALLIANCE_SIGNING_KEY"] not in err
    assert not SigningKey.objects.filter(key_id=values["ALLIANCE_SIGNING_KEY_ID"]).exists()

    settings.ALLIANCE_SIGNING_KEY = values["ALLIANCE_SIGNING_KEY"]
    settings.ALLIANCE_SIGNING_KEY_ID = values["ALLIANCE_SIGNING_KEY_ID"]
    settings.ALLIANCE_SIGNING_KEYS_DIR = str(tmp_path / "elsewhere")  # the old key's file is gone
    assert configured_key()[0] == values["ALLIANCE_SIGNING_KEY_ID"]
    signature = sign(version, organisation, signer)

    assert signature.key_id == values["ALLIANCE_SIGNING_KEY_ID"] != earlier.key_id
    assert check_receipt(signature.receipt)["valid"] and check_receipt(earlier.receipt)["valid"]
    assert SigningKey.objects.get(key_id=earlier.key_id).retired_at is not None


def test_each_run_gives_another_key(alliance):
    first, second = (environment(generate("--alliance", "eca")[0]) for _ in range(2))
    assert first["ALLIANCE_SIGNING_KEY"] != second["ALLIANCE_SIGNING_KEY"]
    assert first["ALLIANCE_SIGNING_KEY_ID"] != second["ALLIANCE_SIGNING_KEY_ID"]


def test_with_keys_dir_the_key_is_written_and_rotated_to(settings, tmp_path, alliance):
    out, _err = generate("--alliance", "eca", "--keys-dir")
    key = SigningKey.objects.get(alliance=alliance, retired_at__isnull=True)
    assert key.key_id in out and "ALLIANCE_SIGNING_KEY=" not in out
    assert (tmp_path / "keys" / f"{key.key_id}.key").is_file()


def test_an_unknown_alliance_is_refused(db):
    with pytest.raises(CommandError, match="No alliance 'nope'"):
        generate("--alliance", "nope")
