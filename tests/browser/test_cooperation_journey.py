"""Cooperation in a real browser: publish a request, receive interest, accept it, see the contact.

Representative A publishes a technology request; representative B, of another organisation,
finds it in the list, sees that the contact details are hidden, and expresses interest; A
accepts on "My profiles"; B now sees the contact. No console error or CSP violation on the way.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from helisa.cooperation import candidates
from tests.browser.conftest import save_screenshot
from tests.factories import RoleFactory, country

pytestmark = pytest.mark.browser

TITLE = "Partner for hydrogen storage tanks"
CONTACT_EMAIL = "anna.nowak@zbiorniki.example"
MESSAGE = "We build composite tanks in Lyon and would like to talk."


@pytest.fixture
def representatives(reference_data):
    cache.clear()
    candidates._cache.clear()
    a = RoleFactory(organisation__legal_name="Zbiorniki Wodorowe Sp. z o.o.").user
    b = RoleFactory(
        organisation__legal_name="Réservoirs Lyon SAS",
        organisation__country=country("FR"),
        organisation__description={
            "fr": "Réservoirs composites à haute pression pour camions à hydrogène."
        },
    ).user
    return a, b


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind != "log"]


def publish_request(page):
    page.goto("/cooperation/new/")
    page.locator("#id_kind").select_option("technology_request")
    page.locator("#id_title_en").fill(TITLE)
    page.locator("#id_text_en").fill("We look for high-pressure composite tanks for trucks.")
    page.locator("#id_contact_name").fill("Anna Nowak")
    page.locator("#id_contact_email").fill(CONTACT_EMAIL)
    page.get_by_role("button", name="Save and publish").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".messages")).to_contain_text("The cooperation profile has been saved.")
    # The profile's own page shows its recommended partners, loaded after the page.
    partners = page.locator("#recommended-partners")
    expect(partners).to_contain_text("Réservoirs Lyon SAS")
    # Found from the French description alone, and told why.
    expect(partners).to_contain_text("Similar subject")


def express_interest(page):
    page.goto("/cooperation/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.locator("h1")).to_have_text(TITLE)
    main = page.locator("main")
    expect(main).to_contain_text("Contact details are shared once the profile's owner accepts")
    expect(main).not_to_contain_text(CONTACT_EMAIL)
    page.get_by_label("Message to the profile's owner").fill(MESSAGE)
    page.get_by_role("button", name="Send").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(main).not_to_contain_text(CONTACT_EMAIL)


def accept_interest(page):
    page.goto("/cooperation/mine/")
    expect(page.locator("main")).to_contain_text(MESSAGE)
    page.get_by_role("button", name="Accept and share contact").click()
    expect(page.locator("main")).to_contain_text("Accepted")


def test_publish_a_request_receive_interest_accept_it_and_see_the_contact(
    page, log_in, representatives, console_messages
):
    a, b = representatives
    log_in(a)
    publish_request(page)
    save_screenshot(page, "cooperation-request")

    page.context.clear_cookies()
    log_in(b)
    express_interest(page)

    page.context.clear_cookies()
    log_in(a)
    accept_interest(page)

    page.context.clear_cookies()
    log_in(b)
    page.goto("/cooperation/")
    page.get_by_role("link", name=TITLE).click()
    contact = page.locator("#contact")
    expect(contact).to_contain_text("Anna Nowak")
    expect(contact).to_contain_text(CONTACT_EMAIL)
    save_screenshot(page, "cooperation-contact-shared")

    assert problems(console_messages) == []
