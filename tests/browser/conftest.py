"""Browser journeys: Debian's headless Chromium driven by Playwright against pytest-django's live server.

Playwright never downloads a browser here (the machines have no internet): it is pointed at the
Chromium the system has. Without one the tests are skipped, unless HELISA_REQUIRE_BROWSER=1 (CI),
where a missing browser is a failure: a skipped journey must never pass for a tested one.
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.reference import ensure_reference_data

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
# Without the background-networking flags Chromium keeps calling Google's hosts, which this
# network refuses; as root it only starts without the sandbox.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_MESSAGE = (
    "Chromium not found: install Debian's chromium package or set HELISA_CHROMIUM; "
    "browser tests skipped"
)
SCREENSHOT_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
VIEWPORT = {"width": 1280, "height": 800}


def find_chromium():
    configured = os.environ.get("HELISA_CHROMIUM", "").strip()
    if configured:
        return configured if Path(configured).is_file() else shutil.which(configured)
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def browser_required():
    return os.environ.get("HELISA_REQUIRE_BROWSER", "").strip().lower() in {"1", "true", "yes"}


def no_browser(reason):
    if browser_required():
        pytest.fail(f"{reason} (HELISA_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def screenshots_wanted():
    return os.environ.get("HELISA_SCREENSHOTS", "").strip() == "1"


def save_screenshot(page, name):
    """Save a full-page screenshot to docs/screenshots/<name>.png when HELISA_SCREENSHOTS=1."""
    if not screenshots_wanted():
        return None
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def switch_language(page, code, label="Language"):
    """Choose a language in the header's switcher and wait for the page to come back in it.

    The switcher submits itself from a deferred script: a choice made before the page's load
    event may come before that script listens, so the page is first let finish loading.
    """
    page.wait_for_load_state("load")
    with page.expect_navigation():
        page.get_by_label(label, exact=True).select_option(code)
    page.wait_for_selector(f"html[lang='{code}']")


@pytest.fixture(scope="session")
def chromium_path():
    path = find_chromium()
    if path is None:
        no_browser(MISSING_MESSAGE)
    return path


@pytest.fixture(scope="module")
def browser(chromium_path):
    """One Chromium per test module, so that the rest of the suite runs without Playwright."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("The playwright package is not installed; browser tests skipped")
    # Playwright's sync API keeps an event loop running in this thread, and Django refuses ORM
    # calls from a thread with a running loop; the tests' database set-up and teardown run here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        try:
            browser = playwright.chromium.launch(
                executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS
            )
        except Exception as error:
            no_browser(f"Chromium at {chromium_path} did not start: {error}")
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def reference_data(transactional_db):
    ensure_reference_data()


@pytest.fixture
def console_messages():
    """The test page's console messages, page errors and failed responses, as (type, text)."""
    return []


@pytest.fixture
def page(browser, live_server, transactional_db, console_messages):
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="en-GB")
    # Chromium reports a CSP violation on the console too; the event names the directive exactly.
    context.add_init_script(
        "document.addEventListener('securitypolicyviolation', (e) => console.error("
        "'CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));"
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("console", lambda message: console_messages.append((message.type, message.text)))
    page.on("pageerror", lambda error: console_messages.append(("pageerror", str(error))))
    # The console says only "404"; the URL is what one needs to fix it.
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and console_messages.append(("http", f"{response.status} {response.url}"))
        ),
    )
    yield page
    context.close()


@pytest.fixture
def log_in(page, live_server):
    """Sign a user in to the browser's session without going through the form."""

    def log_in_as(user):
        from django.conf import settings
        from django.test import Client

        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return log_in_as


def pytest_terminal_summary(terminalreporter):
    """Say plainly, at the end of the run, that the browser journeys did not run."""
    skipped = terminalreporter.stats.get("skipped", [])
    if any(MISSING_MESSAGE in str(report.longrepr) for report in skipped):
        terminalreporter.write_sep("!", MISSING_MESSAGE, yellow=True, bold=True)
