"""The public signatories page, the PDF, the public keys and the founding demo."""

import pytest
from django.urls import reverse
from django.utils import translation

from helisa.alliance.models import Alliance, AllianceMember, MemberCategory, MemberState
from helisa.alliance.receipts import receipt_file
from helisa.alliance.services import signing
from tests.alliance.conftest import sign_for
from tests.alliance.pdf_text import pdf_text
from tests.factories import ClusterFactory, country


def url(version, name="alliance:signatories"):
    declaration = version.declaration
    return reverse(name, args=[declaration.alliance.slug, declaration.slug, version.number])


@pytest.mark.parametrize("language", ["en", "pl"])
def test_signatories_are_listed_by_country_with_the_text_in_every_language(
    client, version, language
):
    sign_for(version, "PL")
    sign_for(version, "FR")
    revoked = sign_for(version, "BG")
    signing.revoke_signature(signature=revoked, by=None, reason="Mandate expired")
    with translation.override(language):
        response = client.get(url(version), HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert (
        page.index("Association BG") < page.index("Association FR") < page.index("Association PL")
    )
    assert "Warszawa" in page
    assert version.digest in page
    assert 'lang="pl"' in page and 'lang="en"' in page
    assert "Współpraca jest silniejsza niż rywalizacja." in page and "Cooperation wins." in page
    assert "Mandate expired" in page
    expected_counts = {
        "en": "2 organisations from 2 countries",
        "pl": "2 organizacje z 2 krajów",
    }
    assert expected_counts[language] in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 organisation from 1 country"), ("pl", "1 organizacja z 1 kraju")],
)
def test_one_signatory_is_counted_in_the_singular(client, version, language, expected):
    sign_for(version, "PL")
    with translation.override(language):
        response = client.get(url(version), HTTP_ACCEPT_LANGUAGE=language)
    assert expected in response.content.decode()


def test_the_counts_leave_out_revoked_signatures(client, version):
    sign_for(version, "PL")
    sign_for(version, "FR")
    signing.revoke_signature(signature=sign_for(version, "BG"), by=None, reason="x")
    response = client.get(url(version))
    assert response.context["listing"].counts == {"organisations": 2, "countries": 2}


def test_the_pdf_lists_every_signatory_with_its_receipt_digest(client, version):
    signers = {"PL": "Zofia Wiśniewska", "LT": "Rūta Žemaitytė", "HU": "Ádám Kovács"}
    signatures = [sign_for(version, code, signer_name=name) for code, name in signers.items()]
    revoked = signing.revoke_signature(signature=signatures[1], by=None, reason="Mandate expired")

    response = client.get(url(version, "alliance:signatories_pdf"))

    assert response["Content-Type"] == "application/pdf"
    lines = pdf_text(response.content).splitlines()
    for signature in signatures:
        (line,) = [line for line in lines if line.startswith(signature.organisation.legal_name)]
        assert signers[signature.organisation.country_id] in line
        assert line.endswith("[revoked]") == (signature == revoked)
        assert f"Receipt digest: {signature.receipt_digest}" in lines
    assert sum("Mandate expired" in line for line in lines) == 1
    assert version.digest in "\n".join(lines)


@pytest.mark.parametrize("count", [1, 3])
def test_the_signatories_page_does_not_grow_queries_with_signatures(
    client, version, count, django_assert_num_queries
):
    for code in ["PL", "FR", "ES"][:count]:
        sign_for(version, code)
    client.get(url(version))  # warm caches (sessions, countries)
    # declaration, version, newer versions, signatures per country, the page's signatures
    with django_assert_num_queries(5):
        client.get(url(version))


def test_a_draft_has_no_public_page(client, declaration):
    draft = signing.create_version(
        declaration=declaration, texts={"en": "Draft"}, authoritative_language="en", by=None
    )
    assert client.get(url(draft)).status_code == 404


def test_the_public_key_file_verifies_a_receipt_from_the_page(client, version):
    from helisa.alliance.receipts import parse_public_keys, verify_receipt

    signature = sign_for(version, "PL")
    key_file = client.get(reverse("alliance:public_key", args=["eca", signature.key_id]))
    receipt_download = client.get(reverse("alliance:receipt", args=[signature.pk]))
    assert verify_receipt(receipt_download.content, parse_public_keys(key_file.content)).valid
    api_keys = client.get("/api/v1/alliances/eca/keys")
    assert verify_receipt(receipt_download.content, parse_public_keys(api_keys.content)).valid


def test_the_verify_page_says_valid_invalid_and_revoked(client, version):
    signature = sign_for(version, "PL")
    data = receipt_file(signature.receipt).decode()
    page = client.post(reverse("alliance:verify"), {"receipt": data}).content.decode()
    assert "The signature is valid." in page and signature.key_id in page
    tampered = data.replace("Warszawa", "Warszawy")
    page = client.post(reverse("alliance:verify"), {"receipt": tampered}).content.decode()
    assert "altered or forged" in page
    signing.revoke_signature(signature=signature, by=None, reason="Withdrawn by the member")
    page = client.post(reverse("alliance:verify"), {"receipt": data}).content.decode()
    assert "Valid, but revoked" in page and "Withdrawn by the member" in page


def test_a_pasted_receipt_verifies_with_the_line_ends_a_browser_sends(client, version):
    data = receipt_file(sign_for(version, "PL").receipt).decode()
    pasted = "\n" + data.replace("\n", "\r\n").rstrip() + "  \r\n"
    page = client.post(reverse("alliance:verify"), {"receipt": pasted}).content.decode()
    assert "The signature is valid." in page
    reindented = data.replace('\n  "', '\n "', 1)
    page = client.post(reverse("alliance:verify"), {"receipt": reindented}).content.decode()
    assert "reformatted or altered" in page


def test_the_api_refuses_a_reformatted_receipt(client, version):
    signature = sign_for(version, "PL")
    body = client.post(
        "/api/v1/receipts/verify", data=signature.receipt, content_type="application/json"
    ).json()
    assert body["valid"] is False and body["reason"] == "not_canonical"


def test_the_api_verifies_and_lists_signatures_with_the_revoked_flag(client, version):
    signature = sign_for(version, "PL")
    signing.revoke_signature(signature=signature, by=None, reason="x")
    body = client.post(
        "/api/v1/receipts/verify",
        data=receipt_file(signature.receipt),
        content_type="application/json",
    ).json()
    assert body["valid"] is True and body["revoked"] is True
    assert body["key_id"] == signature.key_id
    listing = client.get("/api/v1/alliances/eca/declarations/founding/versions/1/signatures").json()
    assert listing["count"] == 1 and listing["results"][0]["revoked"] is True
    versions = client.get("/api/v1/alliances/eca/declarations/founding/versions").json()
    assert versions[0]["digest"] == version.digest


def test_the_demo_declaration_is_signed_by_the_eight_founders_in_warsaw(db, settings, tmp_path):
    from helisa.alliance.demo_declaration import build_declaration_demo
    from helisa.alliance.verification import check_receipt

    alliance = Alliance.objects.create(slug="european-clusters-alliance", name={"en": "ECA"})
    for code in ["BG", "FR", "ES", "LT", "LV", "HU", "RO", "PL"]:
        cluster = ClusterFactory(organisation__country=country(code))
        AllianceMember.objects.create(
            alliance=alliance,
            cluster=cluster,
            category=MemberCategory.FULL,
            state=MemberState.MEMBER,
        )
    declaration = build_declaration_demo(alliance)
    version = declaration.versions.get()
    assert version.authoritative_language == "pl" and set(version.texts) == {"pl", "en"}
    signatures = list(version.signatures.all())
    assert len(signatures) == 8
    assert {s.signed_at.date().isoformat() for s in signatures} == {"2019-09-09"}
    assert {s.place for s in signatures} == {"Warszawa"}
    assert all(check_receipt(s.receipt)["valid"] for s in signatures)
    assert build_declaration_demo(alliance) == declaration
