"""Long signatory lists come a page at a time, still grouped by country in the reader's order."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from helisa.alliance import signatory_pages
from helisa.alliance.services import signing
from tests.alliance.conftest import sign_for
from tests.alliance.test_signature_display import ORDER, country_headings, get, signatories_url


@pytest.fixture
def two_per_page(monkeypatch):
    monkeypatch.setattr(signatory_pages, "PER_PAGE", 2)


def sign_five_countries(version):
    for code in ["LT", "DE", "HU", "ES", "LV"]:
        sign_for(version, code)


def headings_on(client, version, language, number):
    return country_headings(get(client, f"{signatories_url(version)}?page={number}", language))


@pytest.mark.parametrize("language", ["en", "pl"])
def test_the_pages_follow_the_country_names_in_the_readers_language(
    client, version, language, two_per_page
):
    sign_five_countries(version)
    pages = [headings_on(client, version, language, number) for number in (1, 2, 3)]
    assert pages == [ORDER[language][0:2], ORDER[language][2:4], ORDER[language][4:]]


def test_a_country_split_between_pages_is_marked_continued(client, version, two_per_page):
    for name in ["First", "Second", "Third"]:
        sign_for(version, "DE", legal_name=f"{name} Verband")
    sign_for(version, "PL")

    first = get(client, signatories_url(version), "en")
    second = get(client, f"{signatories_url(version)}?page=2", "en")

    assert country_headings(first) == ["Germany"]
    assert "First Verband" in first and "Second Verband" in first and "Third" not in first
    assert country_headings(second) == ["Germany (continued)", "Poland"]
    assert "Third Verband" in second
    assert 'rel="next"' in first and 'rel="prev"' in second and 'rel="next"' not in second
    assert "Signatories 3 to 4 of 4" in second


def test_the_counts_cover_every_page(client, version, two_per_page):
    sign_five_countries(version)
    signing.revoke_signature(signature=sign_for(version, "PL"), by=None, reason="x")
    response = client.get(f"{signatories_url(version)}?page=3")
    assert response.context["listing"].counts == {"organisations": 5, "countries": 5}
    assert response.context["listing"].page.count == 6


def test_the_declaration_page_shows_the_first_page(client, version, two_per_page):
    sign_five_countries(version)
    page = get(client, version.declaration.get_absolute_url(), "en")
    assert country_headings(page) == ORDER["en"][:2]
    assert 'rel="next"' in page


def test_a_short_list_has_no_page_links(client, version):
    sign_five_countries(version)
    assert "rel=" not in get(client, signatories_url(version), "en").split("signatories-heading")[1]


@pytest.mark.parametrize("number", [1, 2])
def test_a_page_costs_as_many_queries_for_one_signatory_as_for_many(
    client, version, two_per_page, number
):
    address = f"{signatories_url(version)}?page={number}"
    sign_for(version, "PL")
    client.get(address)  # warm caches (countries)
    with CaptureQueriesContext(connection) as one:
        client.get(address)
    sign_five_countries(version)
    sign_for(version, "DE", legal_name="Zweiter Verband")
    with CaptureQueriesContext(connection) as many:
        client.get(address)
    assert len(many.captured_queries) == len(one.captured_queries) <= 5


def test_a_version_nobody_signed_says_so(client, version):
    assert "Nobody has signed yet." in get(client, signatories_url(version), "en")
