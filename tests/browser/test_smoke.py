"""The first journey: the home page loads cleanly and the interface switches language."""

import pytest

from tests.browser.conftest import save_screenshot, switch_language

pytestmark = pytest.mark.browser


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind in ("error", "pageerror")]


def test_home_page_loads_without_console_errors_or_csp_violations(page, console_messages):
    response = page.goto("/")

    assert response.status == 200
    assert page.locator("h1").first.is_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.wait_for_load_state("networkidle")
    save_screenshot(page, "home")
    assert problems(console_messages) == []


def test_language_switcher_switches_the_interface_to_polish(page, console_messages):
    page.goto("/")

    switch_language(page, "pl")

    assert page.locator("html").get_attribute("lang") == "pl"
    assert page.locator("#language-select").input_value() == "pl"
    assert problems(console_messages) == []
