"""Wherever a signature shows, a revoked one says when and why; signatories are grouped by
country, named and ordered in the reader's language."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from helisa.alliance.services import signing
from tests.alliance.conftest import sign_for
from tests.alliance.membership_cast import add_member, with_mfa
from tests.alliance.pdf_text import pdf_text

REASON = "The mandate had expired."
ORDER = {
    "en": ["Germany", "Hungary", "Latvia", "Lithuania", "Spain"],
    # Ł next to L, not after W: Litwa, Łotwa ... Węgry.
    "pl": ["Hiszpania", "Litwa", "Łotwa", "Niemcy", "Węgry"],
}


def signatories_url(version, name="alliance:signatories"):
    declaration = version.declaration
    return reverse(name, args=[declaration.alliance.slug, declaration.slug, version.number])


def get(client, address, language):
    with translation.override(language):
        return client.get(address, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def revoked_signature(version):
    signature = sign_for(version, "PL")
    return signing.revoke_signature(signature=signature, by=None, reason=REASON)


def revocation(signature, language):
    with translation.override(language):
        day = date_format(timezone.localtime(signature.revoked_at), "SHORT_DATE_FORMAT")
    return {"en": f"Revoked on {day}: {REASON}", "pl": f"Unieważniony {day}: {REASON}"}[language]


def country_headings(page):
    start = page.index('id="signatories-heading"')
    return re.findall(r"<h3>([^<]+)</h3>", page[start : page.index("</section>", start)])


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_receipt_page_says_when_and_why_a_signature_was_revoked(client, version, language):
    signature = revoked_signature(version)
    client.force_login(signature.signer)
    page = get(client, reverse("alliance:signed", args=[signature.pk]), language)
    assert revocation(signature, language) in page


def test_the_receipt_page_is_the_signers_alone(client, version, outsider):
    address = reverse("alliance:signed", args=[revoked_signature(version).pk])
    assert client.get(address).status_code == 302  # to sign in
    client.force_login(outsider)
    assert client.get(address).status_code == 404


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("page_name", ["signatories", "declaration"])
def test_the_public_pages_say_when_and_why_a_signature_was_revoked(
    client, version, language, page_name
):
    signature = revoked_signature(version)
    valid = sign_for(version, "FR")
    address = (
        signatories_url(version)
        if page_name == "signatories"
        else version.declaration.get_absolute_url()
    )
    page = get(client, address, language)
    assert revocation(signature, language) in page
    assert page.count(REASON) == 1
    assert valid.receipt_digest in page


def test_the_valid_signature_says_nothing_of_revocation(client, version):
    sign_for(version, "PL")
    page = get(client, version.declaration.get_absolute_url(), "en")
    assert "Revoked on" not in page and "valid" in page


def test_the_pdf_says_when_and_why_a_signature_was_revoked(client, version):
    signature = revoked_signature(version)
    text = pdf_text(client.get(signatories_url(version, "alliance:signatories_pdf")).content)
    assert revocation(signature, "en") in text


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("page_name", ["signatories", "declaration"])
def test_signatories_are_grouped_by_country_named_and_ordered_in_the_readers_language(
    client, version, language, page_name
):
    for code in ["LT", "DE", "HU", "ES", "LV"]:
        sign_for(version, code)
    sign_for(version, "DE", legal_name="Zweiter Verband")
    address = (
        signatories_url(version)
        if page_name == "signatories"
        else version.declaration.get_absolute_url()
    )
    page = get(client, address, language)
    assert country_headings(page) == ORDER[language]
    germany = page.index(ORDER[language][ORDER["en"].index("Germany")])
    assert germany < page.index("Association DE") < page.index("Zweiter Verband")


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_pdf_groups_by_country_in_the_readers_language(client, version, language):
    for code in ["LT", "DE", "HU", "ES", "LV"]:
        sign_for(version, code)
    with translation.override(language):
        response = client.get(
            signatories_url(version, "alliance:signatories_pdf"), HTTP_ACCEPT_LANGUAGE=language
        )
    lines = pdf_text(response.content).splitlines()
    assert [line for line in lines if line in ORDER[language]] == ORDER[language]


def test_the_alliance_page_orders_the_countries_in_the_readers_language(client, alliance):
    for code in ["HU", "LV", "LT"]:
        add_member(alliance, code=code)
    page = get(client, alliance.get_absolute_url(), "pl")
    table = page[page.index('id="by-country"') :]
    assert table.index("Litwa") < table.index("Łotwa") < table.index("Węgry")


# Query counts


def queries_of(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("reader", ["anonymous", "secretariat"])
def test_the_declaration_page_costs_the_same_for_one_signature_as_for_many(
    client, version, reader, secretariat
):
    if reader == "secretariat":
        client.force_login(with_mfa(secretariat))
    address = version.declaration.get_absolute_url()
    sign_for(version, "PL")
    client.get(address)  # warm caches (sessions, countries)
    one = queries_of(client, address)
    for code in ["FR", "ES", "DE", "HU"]:
        sign_for(version, code)
    signing.revoke_signature(
        signature=version.signatures.order_by("pk").last(), by=None, reason=REASON
    )
    assert queries_of(client, address) == one
    assert one <= 10
