"""The registry's main journey in a real browser: from signing up to a cluster on the map, in Polish.

A newcomer signs up, confirms their email, registers a cluster, adds one member found in the
registry and two from a CSV file, finds the cluster in the directory and on the map, and reads the
directory in Polish, without a console error or a CSP violation on the way.
"""

import csv
import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from helisa.registry.models import HelixRole, NutsRegion
from tests.browser.conftest import save_screenshot, switch_language
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.browser

EMAIL = "anna.nowak@example.org"
PASSWORD = "Wodór-Łódź-2024!"
CLUSTER = "Łódź Hydrogen Valley Cluster"
CLUSTER_ORGANISATION = "Fundacja Doliny Wodorowej"
FOUND_IN_REGISTRY = "Politechnika Łódzka"
IMPORTED = [
    ("Instytut Włókiennictwa Łódź", HelixRole.RESEARCH),
    ("Urząd Miasta Łodzi Demo", HelixRole.PUBLIC),
]
LINK = re.compile(r"https?://\S+/accounts/confirm-email/\S+/")


@pytest.fixture
def registry(reference_data):
    """Organisations already in the registry that the newcomer's cluster will take in."""
    # The live server shares this process's cache; map shapes from an empty database must go.
    cache.clear()
    lodz = NutsRegion.objects.get(code="PL711")
    for name, role in [(FOUND_IN_REGISTRY, HelixRole.UNIVERSITY), *IMPORTED]:
        OrganisationFactory(legal_name=name, helix_role=role, city="Łódź", region=lodz)


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind != "log"]


def members_csv(tmp_path):
    path = tmp_path / "members.csv"
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(["member", "country", "since", "status"])
        for name, _role in IMPORTED:
            writer.writerow([name, "PL", "2024-03-01", "active"])
    return path


def sign_up_and_confirm(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page.locator("h1")).to_contain_text("Sign Up")
    page.get_by_label("Email:").fill(EMAIL)
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    expect(page.locator("main")).to_contain_text("We have sent an email to you for verification")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [EMAIL]
    link = LINK.search(message.body)
    assert link, message.body
    page.goto(link.group(0))
    expect(page.locator("main")).to_contain_text(EMAIL)
    page.locator("main form [type=submit]").click()
    expect(page.locator(".messages")).to_contain_text(f"You have confirmed {EMAIL}")

    # Confirming signs the user in only with ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION (off by default).
    navigation = page.get_by_role("navigation", name="Main")
    if navigation.get_by_role("link", name="Sign in").count():
        expect(page.locator("h1")).to_contain_text("Sign In")
        page.get_by_label("Email:").fill(EMAIL)
        page.get_by_label("Password:").fill(PASSWORD)
        page.locator("main form [type=submit]").click()
    expect(navigation.get_by_role("button", name="Sign out")).to_be_visible()
    expect(navigation.get_by_role("link", name="Sign up")).to_have_count(0)


def create_cluster(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Clusters").click()
    page.get_by_role("link", name="Create a cluster profile").click()
    expect(page.locator("h1")).to_have_text("Register a cluster organisation")
    page.locator("#id_name").fill(CLUSTER)
    page.locator("#id_staff_fte").fill("1.5")
    page.locator("#id_founded_year").fill("2019")
    page.locator("#id_legal_name").fill(CLUSTER_ORGANISATION)
    page.locator("#id_helix_role").select_option(HelixRole.OTHER.value)
    page.locator("#id_country").select_option("PL")
    page.locator("#id_city").fill("Łódź")
    page.locator("#id_region").fill("PL711")
    page.get_by_role("button", name="Save").click()

    expect(page.locator("h1")).to_have_text(CLUSTER)
    expect(page.locator(".messages")).to_contain_text("The cluster profile is in the registry.")
    expect(page.locator("main")).to_contain_text(CLUSTER_ORGANISATION)
    expect(page.locator("main")).to_contain_text("Miasto Łódź")
    expect(page.locator("main")).to_contain_text("No members yet.")


def add_member_from_registry(page):
    page.get_by_role("link", name="Members", exact=True).click()
    expect(page.locator("h1")).to_have_text(f"Members of {CLUSTER}")
    page.get_by_label("Name, short name or city").fill("politechnika")
    add = page.get_by_role("button", name=f"Add {FOUND_IN_REGISTRY}")
    expect(add).to_be_visible()
    add.click()
    expect(page.locator(".messages")).to_contain_text(f"{FOUND_IN_REGISTRY} is a member now.")
    expect(page.locator("main table")).to_contain_text(FOUND_IN_REGISTRY)
    expect(page.locator("main h2").last).to_have_text("1 member")


def import_members(page, tmp_path):
    page.get_by_role("link", name="Import members from CSV/XLSX").click()
    expect(page.locator("h1")).to_have_text("Import a file")
    expect(page.get_by_label("What the file holds")).to_have_value("memberships")
    expect(page.get_by_label("Cluster the members join")).to_have_value(re.compile(r"\d+"))
    page.get_by_label("CSV or XLSX file").set_input_files(members_csv(tmp_path))
    page.get_by_role("button", name="Upload and check").click()

    expect(page.locator("h1")).to_have_text("members.csv")
    main = page.locator("main")
    expect(main).to_contain_text("Import 2 rows? All of them are written, or nothing.")
    preview = page.locator("main table")
    for name, _role in IMPORTED:
        expect(preview).to_contain_text(name)
    save_screenshot(page, "journey-import-preview")
    page.get_by_role("button", name="Confirm import").click()

    expect(page.locator(".facts")).to_contain_text("Imported")
    expect(page.get_by_role("button", name="Undo this import")).to_be_visible()
    page.locator(".facts").get_by_role("link", name=CLUSTER).click()
    expect(page.locator("h1")).to_have_text(CLUSTER)
    members = page.locator("main table")
    for name in [FOUND_IN_REGISTRY, *(name for name, _role in IMPORTED)]:
        expect(members).to_contain_text(name)
    save_screenshot(page, "journey-cluster-members")


def find_in_directory_and_on_map(page):
    page.goto("/registry/clusters/?q=hydrogen")
    expect(page.locator("#result-count")).to_contain_text("1 result")
    expect(page.locator("#results").get_by_role("link", name=CLUSTER)).to_be_visible()
    page.goto("/registry/clusters/?q=nothing-like-it")
    expect(page.locator("#results")).to_contain_text("No cluster matches these filters.")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Map").click()
    expect(page.locator("h1")).to_have_text("Clusters by region")
    row = page.locator("main table tr", has_text="PL71")
    expect(row).to_contain_text("Łódzkie")
    expect(row.locator("td").nth(2)).to_have_text("1")
    expect(page.locator("svg title", has_text="(PL71)")).to_have_text("Łódzkie (PL71): 1 cluster")
    row.get_by_role("link", name="Łódzkie").click()
    expect(page).to_have_url(re.compile(r"/registry/clusters/\?region=PL71"))
    expect(page.locator("#results").get_by_role("link", name=CLUSTER)).to_be_visible()


def switch_to_polish(page):
    switch_language(page, "pl")
    navigation = page.get_by_role("navigation", name="Menu główne")
    expect(navigation.get_by_role("link", name="Klastry", exact=True)).to_be_visible()
    expect(navigation.get_by_role("link", name="Mapa", exact=True)).to_be_visible()
    expect(page.locator("h1")).to_have_text("Klastry")
    expect(page.locator("#result-count")).to_contain_text("1 wynik")
    cluster = page.locator("#results li", has_text=CLUSTER)
    expect(cluster).to_contain_text("Bez weryfikacji")
    expect(cluster.get_by_role("link", name=CLUSTER)).to_be_visible()
    save_screenshot(page, "journey-directory-pl")


def test_a_newcomer_registers_a_cluster_with_members_and_finds_it(
    page, registry, console_messages, tmp_path
):
    sign_up_and_confirm(page)
    create_cluster(page)
    add_member_from_registry(page)
    import_members(page, tmp_path)
    find_in_directory_and_on_map(page)
    switch_to_polish(page)

    assert problems(console_messages) == []
