"""Build a consortium for a Horizon Europe call and save it as a project idea, in a real browser.

A representative of a Polish start-up signs in, opens the calls, reads the demo Horizon Europe
call's rules and the date its country lists hold for, and asks for consortia led by her
organisation. She picks the first proposal, removes its research organisation (the registry holds
only one, so a rule breaks whichever proposal the solver ranks first), puts it back, and saves
the consortium as a project idea, which only she and her organisation's people can see.
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from helisa.cooperation import candidates
from helisa.cooperation.demo_projects import CALLS
from helisa.cooperation.models import Call, ProgrammeKind
from helisa.registry.models import HelixRole, Topic, TopicScheme
from tests.browser.conftest import save_screenshot
from tests.factories import OrganisationFactory, RoleFactory, country

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
START = "Wodorowe Zbiorniki Sp. z o.o."
RESEARCH = "Fraunhofer-Testinstitut für Wasserstoff"
ACRONYM = "H2TANKS"
# (legal name, country, helix role, works on hydrogen)
REGISTRY = [
    (RESEARCH, "DE", HelixRole.RESEARCH, True),
    ("Politechnika Testowa", "PL", HelixRole.UNIVERSITY, True),
    ("Université Hydrogène Lyon", "FR", HelixRole.UNIVERSITY, True),
    ("Réservoirs Composites SAS", "FR", HelixRole.BUSINESS, True),
    ("Idrogeno Veneto S.r.l.", "IT", HelixRole.BUSINESS, True),
    ("Gobierno Vasco Energía", "ES", HelixRole.PUBLIC, False),
    ("Asociación Hidrógeno Verde", "ES", HelixRole.CIVIL_SOCIETY, True),
    ("Vandenberg Logistics B.V.", "NL", HelixRole.BUSINESS, False),
    ("Miestas Kaunas", "LT", HelixRole.PUBLIC, False),
    ("Tallinna Tehnikaülikool Test", "EE", HelixRole.UNIVERSITY, False),
    ("Budapesti Gépgyár Kft.", "HU", HelixRole.BUSINESS, False),
]


@pytest.fixture
def representative(reference_data):
    cache.clear()
    candidates._cache.clear()
    hydrogen = Topic.objects.create(
        scheme=TopicScheme.EUROSCIVOC,
        code="/test/hydrogen",
        label={"en": "hydrogen energy", "pl": "energia wodorowa"},
    )
    role = RoleFactory(
        user__email="ewa.kowalska@zbiorniki.example",
        organisation__legal_name=START,
        organisation__country=country("PL"),
        organisation__helix_role=HelixRole.BUSINESS,
    )
    role.organisation.topics.add(hydrogen)
    for name, code, helix_role, on_hydrogen in REGISTRY:
        organisation = OrganisationFactory(
            legal_name=name, country=country(code), helix_role=helix_role
        )
        if on_hydrogen:
            organisation.topics.add(hydrogen)
    horizon = next(spec for spec in CALLS if spec["kind"] == ProgrammeKind.HORIZON_EUROPE)
    call = Call.objects.create(**horizon)
    return role.user, call


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind != "log"]


def navigation(page):
    return page.get_by_role("navigation", name="Main")


def sign_in(page, email):
    page.goto("/")
    navigation(page).get_by_role("link", name="Sign in").click()
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    expect(navigation(page).get_by_role("button", name="Sign out")).to_be_visible()


def read_the_call(page, name):
    page.goto("/cooperation/calls/")
    expect(page.locator("h1")).to_have_text("Calls")
    page.get_by_role("link", name=name).click()
    expect(page.locator("h1")).to_have_text(name)
    rules = page.locator("section.card", has_text="Rules for a consortium")
    expect(rules).to_contain_text("from 3 to 8, the coordinator included")
    expect(rules).to_contain_text("EU member states and Horizon Europe associated countries")
    expect(rules).to_contain_text("Business: at least 1; Research organisation: at least 1")
    lists = page.locator("section.card", has_text="Country lists")
    expect(lists).to_contain_text("As of 1 January 2025.")
    expect(lists).to_contain_text("EU member states (27)")


def build_consortia(page):
    page.get_by_label("Coordinator (an organisation you represent)").select_option(label=START)
    page.get_by_role("button", name="Propose five consortia").click()
    expect(page.locator("h1")).to_have_text("Build a consortium")
    proposals = page.locator("section.card", has=page.get_by_role("heading", name="Proposal"))
    expect(proposals.first).to_be_visible(timeout=30_000)
    assert proposals.count() == 5
    for index in range(proposals.count()):
        proposal = proposals.nth(index)
        expect(proposal.get_by_role("heading")).to_have_text(f"Proposal {index + 1}")
        expect(proposal).to_contain_text(START)
        expect(proposal).to_contain_text("Coordinator: the organisation you start from")
        # The only research organisation is in every consortium the call allows.
        expect(proposal).to_contain_text(RESEARCH)
        expect(proposal).to_contain_text(
            "Counts toward the required role “Research organisation” (1 of at least 1)"
        )
    expect(proposals.nth(1)).to_contain_text("Unlike proposal 1, leaves out:")
    return proposals


def edit_and_save(page, proposals):
    proposals.first.get_by_role("button", name="Edit and save as a project idea").click()
    expect(page.locator("h1")).to_have_text("Edit the consortium")
    expect(page.get_by_text("Meets every rule of the call")).to_be_visible()

    page.get_by_label(RESEARCH).uncheck()
    page.get_by_role("button", name="Check the rules").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Rules not met")
    expect(alert).to_contain_text("0 of role “Research organisation”; the call needs at least 1.")
    expect(page.get_by_role("button", name="Save as a project idea")).to_be_disabled()

    page.get_by_label("Add a partner").select_option(
        label=f"{RESEARCH} (Research organisation, DE)"
    )
    page.get_by_role("button", name="Check the rules").click()
    expect(page.get_by_role("alert")).to_have_count(0)
    expect(page.get_by_text("Meets every rule of the call")).to_be_visible()
    partners = [
        label.split(" (")[0] for label in page.locator("fieldset label").all_text_contents()
    ]
    assert RESEARCH in partners

    page.get_by_label("Title").fill("Composite hydrogen tanks for heavy transport")
    page.get_by_label("Acronym").fill(ACRONYM)
    page.get_by_role("button", name="Save as a project idea").click()
    return partners


def test_build_a_consortium_for_a_horizon_europe_call_and_save_it_as_a_project_idea(
    page, representative, console_messages
):
    user, call = representative
    name = call.name["en"]
    sign_in(page, user.email)
    read_the_call(page, name)
    save_screenshot(page, "consortium-call")

    proposals = build_consortia(page)
    save_screenshot(page, "consortium-proposals")
    partners = edit_and_save(page, proposals)

    expect(page.locator(".messages")).to_contain_text(
        "The consortium has been saved as a project idea."
    )
    expect(page.locator("h1")).to_have_text(ACRONYM)
    facts = page.locator("dl.facts")
    expect(facts.locator("dd").first).to_have_text("Idea")
    expect(facts).to_contain_text(name)
    table = page.locator("main table tbody")
    expect(table.locator("tr")).to_have_count(len(partners) + 1)
    expect(table.locator("tr", has_text=START)).to_contain_text("Coordinator")
    for name in partners:
        expect(table).to_contain_text(name)
    save_screenshot(page, "consortium-idea")

    assert problems(console_messages) == []
