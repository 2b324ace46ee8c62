"""Declarations through the API: the secretariat writes declarations and versions and opens and
closes them; drafts are the secretariat's alone; verifying says why a receipt was revoked."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.test import Client

from helisa.alliance.models import Declaration, DeclarationVersion, Signature, VersionStatus
from helisa.alliance.receipts import receipt_file, text_digest
from helisa.alliance.services import signing
from tests.alliance.api_calls import REFUSED, queries_for_one_and_many, refused, send
from tests.alliance.conftest import PASSWORD, sign_for
from tests.alliance.membership_cast import alliance_secretariat  # noqa: F401  (fixture)
from tests.api.conftest import client_for, error_of

pytestmark = pytest.mark.django_db

BASE = "/api/v1/alliances/eca/declarations"
TEXTS = {"pl": "Razem jesteśmy silniejsi.", "en": "Together we are stronger.", "fr": "Ensemble."}


def versions(slug="founding"):
    return f"{BASE}/{slug}/versions"


@pytest.fixture
def draft(version):
    """Version 2 of the founding declaration, not yet opened."""
    return signing.create_version(
        declaration=version.declaration, texts={"en": "Draft"}, authoritative_language="en", by=None
    )


# Writing declarations and versions


def test_the_secretariat_writes_a_declaration_in_several_languages(alliance, alliance_secretariat):
    response = send(
        client_for(alliance_secretariat),
        "post",
        BASE,
        {
            "title": {"en": "Hydrogen pact", "pl": "Pakt wodorowy"},
            "texts": TEXTS,
            "authoritative_language": "pl",
        },
    )

    assert response.status_code == 201, response.json()
    assert response.json()["slug"] == "hydrogen-pact"
    declaration = Declaration.objects.get(alliance=alliance, slug="hydrogen-pact")
    first = declaration.versions.get()
    assert (first.number, first.status, first.authoritative_language) == (1, "draft", "pl")
    assert first.texts == TEXTS
    assert first.digest == text_digest(TEXTS, "pl")


def test_a_taken_address_is_a_conflict_and_a_text_is_needed_in_the_authoritative_language(
    declaration, alliance_secretariat
):
    client = client_for(alliance_secretariat)
    payload = {"slug": "founding", "title": {"en": "Again"}, "texts": TEXTS}

    taken = send(client, "post", BASE, payload | {"authoritative_language": "en"})
    untexted = send(client, "post", BASE, payload | {"slug": "x", "authoritative_language": "de"})

    assert error_of(taken)["code"] == "conflict"
    assert error_of(untexted)["code"] == "validation_error"
    assert "authoritative language" in error_of(untexted)["details"][0]["message"]
    assert Declaration.objects.count() == 1


def test_a_new_version_is_a_draft_that_only_the_secretariat_sees(
    client, version, alliance_secretariat, outsider
):
    secretariat = client_for(alliance_secretariat)

    created = send(
        secretariat, "post", versions(), {"texts": TEXTS, "authoritative_language": "fr"}
    )

    assert created.status_code == 201, created.json()
    assert (created.json()["number"], created.json()["status"]) == (2, "draft")
    assert created.json()["authoritative_language"] == "fr"
    assert [v["number"] for v in secretariat.get(versions()).json()] == [2, 1]
    for other in (client, client_for(outsider)):
        assert [v["number"] for v in other.get(versions()).json()] == [1]
        assert error_of(other.get(f"{versions()}/2"))["code"] == "not_found"
        assert error_of(other.get(f"{versions()}/2/signatures"))["code"] == "not_found"
    assert secretariat.get(f"{versions()}/2").json()["texts"] == TEXTS
    assert secretariat.get(f"{versions()}/2/signatures").json()["count"] == 0
    assert client.get(f"{versions()}/1").json()["digest"] == version.digest


def test_the_version_list_makes_as_many_queries_for_one_version_as_for_three(
    version, alliance_secretariat, django_assert_num_queries
):
    def two_more():
        for _ in range(2):
            signing.create_version(
                declaration=version.declaration, texts=TEXTS, authoritative_language="en", by=None
            )

    body = queries_for_one_and_many(
        client_for(alliance_secretariat), versions(), two_more, django_assert_num_queries
    )

    assert [(v["number"], v["status"]) for v in body] == [(3, "draft"), (2, "draft"), (1, "open")]


def test_a_draft_cannot_be_signed_nor_found_by_the_signer(draft, organisation, signer):
    response = send(
        client_for(signer),
        "post",
        f"{versions()}/2/sign",
        {"organisation_id": organisation.pk, "place": "Warszawa", "password_or_code": PASSWORD},
    )

    assert error_of(response)["code"] == "not_found"
    assert not Signature.objects.exists()


def test_a_draft_is_rewritten_until_it_is_opened(draft, alliance_secretariat):
    client = client_for(alliance_secretariat)
    payload = {"texts": {"en": "Final", "pl": "Ostateczny"}, "authoritative_language": "pl"}

    rewritten = send(client, "put", f"{versions()}/2", payload)
    opened_text = send(client, "put", f"{versions()}/1", payload)

    assert rewritten.json()["digest"] == text_digest(payload["texts"], "pl")
    assert error_of(opened_text)["code"] == "conflict"
    assert DeclarationVersion.objects.get(number=1).texts != payload["texts"]


def test_the_secretariat_opens_and_closes_a_version_once(draft, alliance_secretariat):
    client = client_for(alliance_secretariat)

    opened = send(client, "post", f"{versions()}/2/open")
    again = send(client, "post", f"{versions()}/2/open")
    closed = send(client, "post", f"{versions()}/2/close")
    closed_again = send(client, "post", f"{versions()}/2/close")

    assert opened.json()["status"] == "open" and opened.json()["opened_at"]
    assert error_of(again)["code"] == "conflict"
    assert closed.json()["status"] == "closed" and closed.json()["closed_at"]
    assert error_of(closed_again)["code"] == "conflict"
    assert "Only a version open" in error_of(closed_again)["message"]


# Refusals: a stranger and a signed-in user who is not the secretariat


def test_strangers_and_plain_users_are_refused_every_declaration_write(
    draft, outsider, signer, declaration
):
    writes = [
        ("post", BASE, {"title": {"en": "Mine"}, "texts": TEXTS, "authoritative_language": "en"}),
        ("post", versions(), {"texts": TEXTS, "authoritative_language": "en"}),
        ("put", f"{versions()}/2", {"texts": TEXTS, "authoritative_language": "en"}),
        ("post", f"{versions()}/2/open", None),
        ("post", f"{versions()}/1/close", None),
    ]
    for user in (outsider, signer):
        for method, path, payload in writes:
            assert refused(user, method, path, payload) == REFUSED, (method, path)

    assert Declaration.objects.count() == 1
    assert list(declaration.versions.values_list("number", "status")) == [
        (2, VersionStatus.DRAFT),
        (1, VersionStatus.OPEN),
    ]
    draft.refresh_from_db()
    assert draft.texts == {"en": "Draft"}


# Signatures and receipts


def test_the_signature_list_makes_as_many_queries_for_one_signature_as_for_many(
    version, django_assert_num_queries
):
    sign_for(version, "PL")

    body = queries_for_one_and_many(
        Client(),
        f"{versions()}/1/signatures",
        lambda: [sign_for(version, code) for code in ("FR", "ES", "LT")],
        django_assert_num_queries,
    )

    assert [row["country"] for row in body["results"]] == ["ES", "FR", "LT", "PL"]


def test_verifying_a_revoked_receipt_says_when_and_why(client, version):
    signature = sign_for(version, "PL")
    verify = "/api/v1/receipts/verify"

    valid = client.post(
        verify, data=receipt_file(signature.receipt), content_type="application/json"
    ).json()
    signing.revoke_signature(signature=signature, by=None, reason="The mandate had expired")
    revoked = client.post(
        verify, data=receipt_file(signature.receipt), content_type="application/json"
    ).json()

    assert valid["valid"] is True and valid["revoked"] is False
    assert valid["revocation_reason"] is None and valid["revoked_at"] is None
    assert revoked["valid"] is True and revoked["revoked"] is True
    assert revoked["revocation_reason"] == "The mandate had expired"
    signature.refresh_from_db()
    assert revoked["revoked_at"].startswith(signature.revoked_at.isoformat()[:19])
