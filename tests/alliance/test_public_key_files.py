"""The alliance page and the API offer each public key as a .pub file that verifies receipts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from helisa.alliance.receipts import UNNAMED, parse_public_keys, verify_receipt
from helisa.alliance.services.signing_keys import rotate_key
from tests.alliance.conftest import sign_for


def test_the_pub_file_from_the_alliance_page_verifies_a_receipt(client, version):
    signature = sign_for(version, "PL")
    alliance = version.declaration.alliance
    pub_url = reverse("alliance:public_key_pub", args=[alliance.slug, signature.key_id])
    assert f'href="{pub_url}"' in client.get(alliance.get_absolute_url()).content.decode()

    response = client.get(pub_url)

    assert response["Content-Disposition"] == f'attachment; filename="{signature.key_id}.pub"'
    assert response.content.startswith(b"-----BEGIN PUBLIC KEY-----\n")
    keys = parse_public_keys(response.content)
    assert list(keys) == [UNNAMED]
    receipt = client.get(reverse("alliance:receipt", args=[signature.pk])).content
    assert verify_receipt(receipt, keys).valid


def test_an_unknown_key_or_another_alliances_key_is_not_found(client, version):
    signature = sign_for(version, "PL")
    assert client.get(reverse("alliance:public_key_pub", args=["eca", "eca-x"])).status_code == 404
    other = reverse("alliance:public_key_pub", args=["other", signature.key_id])
    assert client.get(other).status_code == 404


def test_the_api_gives_each_key_in_pem_with_its_pub_file(client, version):
    signature = sign_for(version, "PL")
    (key,) = client.get("/api/v1/alliances/eca/keys").json()
    assert key["pub_file"] == reverse("alliance:public_key_pub", args=["eca", signature.key_id])
    assert key["public_key_pem"] == client.get(key["pub_file"]).content.decode()
    assert parse_public_keys(key["public_key_pem"]) == {
        UNNAMED: parse_public_keys(
            client.get(reverse("alliance:public_key", args=["eca", signature.key_id])).content
        )[signature.key_id]
    }


def test_the_api_lists_three_keys_with_as_many_queries_as_one(client, version, alliance):
    rotate_key(alliance=alliance)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/alliances/eca/keys").json()) == 1
    rotate_key(alliance=alliance)
    rotate_key(alliance=alliance)
    with CaptureQueriesContext(connection) as three:
        assert len(client.get("/api/v1/alliances/eca/keys").json()) == 3
    assert len(three.captured_queries) == len(one.captured_queries) <= 3
