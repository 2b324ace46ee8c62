"""The alliance's main journey in a real browser: from an application to a signature on the list.

A cluster manager applies for membership, the alliance's secretariat accepts the cluster, the
manager grants signing authority to the president with a mandate and the secretariat confirms it;
the president signs the declaration, keeps the receipt (checked offline against the alliance's
public key) and finds the signature on the public list, in Polish and in English. Each person signs
in through the form; no console error or CSP violation on the way.
"""

import re

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.core.cache import cache
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from helisa.alliance.models import Alliance, Signature
from helisa.alliance.receipts import parse_public_keys, verify_receipt
from helisa.alliance.services import signing
from helisa.registry.models import RoleKind
from tests.browser.conftest import save_screenshot, switch_language
from tests.factories import ClusterFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
ALLIANCE = {"en": "European Clusters Alliance", "pl": "Europejski Sojusz Klastrów"}
CLUSTER = "Mazowiecki Klaster Wodorowy"
ORGANISATION = "Fundacja Mazowiecki Klaster Wodorowy"
DECLARATION = {"en": "Declaration of Kraków", "pl": "Deklaracja krakowska"}
TEXTS = {
    "pl": "Klastry Europy łączą siły na rzecz zielonej transformacji.",
    "en": "Europe's clusters join forces for the green transition.",
}
PLACE = "Kraków"
FUNCTION = "Prezes Zarządu"
MANAGER = ("Anna Nowak", "anna.nowak@example.org")
SECRETARY = ("Jan Kowalski", "sekretariat@example.org")
PRESIDENT = ("Zofia Wiśniewska", "zofia.wisniewska@example.org")
# The secretariat signs in with a second factor: its authenticator app's secret.
SECRETARY_TOTP_SECRET = "JBSWY3DPEHPK3PXP"
# The smallest PDF that readers open: one empty page and a correct cross-reference table.
PDF = (
    b"%PDF-1.4\n"
    b"1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
)


def tiny_pdf():
    offsets, position = [], len(b"%PDF-1.4\n")
    for line in PDF.splitlines(keepends=True)[1:]:
        offsets.append(position)
        position += len(line)
    xref = b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"trailer<</Size 4/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % position
    return PDF + xref + trailer


@pytest.fixture
def world(reference_data, settings, tmp_path):
    """An alliance with its own secretariat and an open declaration; a cluster and its people."""
    cache.clear()
    settings.ALLIANCE_SIGNING_KEYS_DIR = str(tmp_path / "keys")
    settings.ALLIANCE_SIGNING_KEY = ""
    manager, secretary, president = (
        UserFactory(full_name=name, email=email) for name, email in (MANAGER, SECRETARY, PRESIDENT)
    )
    alliance = Alliance.objects.create(
        slug="eca",
        name=ALLIANCE,
        mission={"en": "Clusters working together.", "pl": "Klastry działające razem."},
    )
    # The alliance's own secretariat, not the platform's; both must use two-factor sign-in.
    alliance.secretariat.add(secretary)
    TOTP.activate(secretary, SECRETARY_TOTP_SECRET)
    cluster = ClusterFactory(
        name=CLUSTER,
        organisation__legal_name=ORGANISATION,
        organisation__country=country("PL"),
        organisation__city="Warszawa",
    )
    RoleFactory(user=manager, organisation=cluster.organisation, kind=RoleKind.CLUSTER_MANAGER)
    declaration = signing.create_declaration(
        alliance=alliance, slug="krakow", title=DECLARATION, by=None
    )
    draft = signing.create_version(
        declaration=declaration, texts=TEXTS, authoritative_language="pl", by=None
    )
    return {"version": signing.open_version(version=draft, by=None)}


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind != "log"]


def action_on(action, target):
    """A control's accessible name: the visible action, then ": <target>" for screen readers.

    Chromium puts a space before the visually hidden part, which is positioned absolutely."""
    return re.compile(rf"^{re.escape(action)}\s?: {re.escape(target)}$")


def navigation(page):
    return page.get_by_role("navigation", name="Main")


def sign_in(page, person):
    name, email = person
    page.goto("/")
    navigation(page).get_by_role("link", name="Sign in").click()
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    if person == SECRETARY:
        # allauth accepts each code once; the secretary signs in twice within its 30 seconds.
        cache.clear()
        code = format_hotp_value(
            hotp_value(SECRETARY_TOTP_SECRET, next(yield_hotp_counters_from_time()))
        )
        expect(page.locator("h1")).to_have_text("Two-Factor Authentication")
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name="Sign In", exact=True).click()
    expect(navigation(page).get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    navigation(page).get_by_role("button", name="Sign out").click()
    expect(navigation(page).get_by_role("link", name="Sign in")).to_be_visible()


def open_alliance(page):
    navigation(page).get_by_role("link", name="Alliances").click()
    expect(page.locator("h1")).to_have_text("Alliances and networks")
    page.get_by_role("link", name=ALLIANCE["en"]).click()
    expect(page.locator("h1")).to_have_text(ALLIANCE["en"])


def apply_for_membership(page):
    sign_in(page, MANAGER)
    open_alliance(page)
    expect(page.locator("#members")).to_have_text("0 members")
    page.get_by_role("link", name="Apply for membership").click()
    expect(page.locator("h1")).to_have_text("Apply for membership")
    page.get_by_label("Cluster organisation that applies").select_option(label=CLUSTER)
    expect(page.get_by_label("Membership category")).to_have_value("full")
    page.get_by_label("Motivation").fill("We bring 40 hydrogen companies from Mazowsze.")
    page.get_by_role("button", name="Send the application").click()
    expect(page.locator(".messages")).to_contain_text("The application is sent")
    expect(page.locator("h1")).to_have_text(ALLIANCE["en"])
    sign_out(page)


def accept_the_application(page):
    sign_in(page, SECRETARY)
    open_alliance(page)
    secretariat = page.get_by_role("navigation", name="Secretariat")
    secretariat.get_by_role("link", name="Applications").click()
    expect(page.locator("h1")).to_have_text("Applications awaiting a decision")
    application = page.locator("main section.card", has_text=CLUSTER)
    expect(application).to_contain_text("We bring 40 hydrogen companies from Mazowsze.")
    expect(application).to_contain_text(f"by {MANAGER[0]}")
    application.get_by_label("New state").select_option(label="Member")
    application.get_by_role("button", name=action_on("Record the decision", CLUSTER)).click()
    expect(page.locator("h1")).to_have_text(CLUSTER)
    expect(page.locator(".messages")).to_contain_text(f"{CLUSTER} is now: Member.")
    expect(page.locator("dl.facts")).to_contain_text("Member since")
    open_alliance(page)
    expect(page.locator("#members")).to_have_text("1 member")
    sign_out(page)


def grant_signing_authority(page, tmp_path):
    mandate = tmp_path / "mandate.pdf"
    mandate.write_bytes(tiny_pdf())
    sign_in(page, MANAGER)
    open_alliance(page)
    page.get_by_role("link", name=f"Who may sign declarations for {ORGANISATION}").click()
    expect(page.locator("h1")).to_have_text("Who may sign declarations for this organisation")
    expect(page.locator("main")).to_contain_text("Nobody may sign for it yet.")
    page.get_by_label("Email of the person who will sign").fill(PRESIDENT[1])
    page.get_by_label("Function").fill(FUNCTION)
    page.get_by_label("Mandate (PDF, at most 10 MB)").set_input_files(mandate)
    page.get_by_role("button", name="Grant").click()
    expect(page.locator(".messages")).to_contain_text(
        "The signing authority awaits the secretariat's confirmation."
    )
    granted = page.locator("main .result-list li", has_text=PRESIDENT[0])
    expect(granted).to_contain_text(FUNCTION)
    expect(granted.locator(".badge")).to_have_text("awaiting the secretariat")
    sign_out(page)


def confirm_signing_authority(page):
    sign_in(page, SECRETARY)
    open_alliance(page)
    page.get_by_role("navigation", name="Secretariat").get_by_role(
        "link", name="Signing authorities to confirm"
    ).click()
    expect(page.locator("h1")).to_have_text("Signing authorities to confirm")
    awaiting = page.locator("main .result-list li", has_text=PRESIDENT[0])
    expect(awaiting).to_contain_text(f"{FUNCTION} · {ORGANISATION} (PL)")
    expect(awaiting).to_contain_text(f"by {MANAGER[0]}")
    # The secretariat reads the mandate before confirming: the file uploaded, byte for byte.
    href = awaiting.get_by_role(
        "link", name=action_on("Read the mandate", PRESIDENT[0])
    ).get_attribute("href")
    response = page.request.get(href)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    assert response.body() == tiny_pdf()
    awaiting.get_by_role("button", name=action_on("Confirm", PRESIDENT[0])).click()
    expect(page.locator(".messages")).to_contain_text("The signing authority is confirmed.")
    expect(page.locator("main")).to_contain_text("Nothing awaits confirmation.")
    sign_out(page)


def sign_the_declaration(page):
    sign_in(page, PRESIDENT)
    open_alliance(page)
    expect(page.locator("#public-keys-heading + p + ul")).to_contain_text(
        "No key yet: it is created with the first signature."
    )
    save_screenshot(page, "alliance-page")
    page.get_by_role("link", name=DECLARATION["en"]).click()
    expect(page.locator("h1")).to_have_text(DECLARATION["en"])
    expect(page.locator("main")).to_contain_text("Version 1 · Open for signature")
    page.locator("main").get_by_role("link", name="Sign", exact=True).click()

    expect(page.locator("h1")).to_have_text("Sign the declaration")
    expect(page.locator("#text-pl")).to_contain_text(TEXTS["pl"])
    expect(page.locator("#text-en")).to_contain_text(TEXTS["en"])
    expect(page.locator("#text-pl")).to_contain_text("authoritative text")
    sign_for = page.get_by_label("Sign for")
    expect(sign_for.locator("option")).to_have_text([ORGANISATION])
    page.get_by_label("Place of signing").fill(PLACE)
    page.get_by_label("Your password, or the code of your authenticator app").fill("not mine")
    save_screenshot(page, "alliance-signing")
    page.locator("main form").get_by_role("button", name="Sign", exact=True).click()
    expect(page.locator("main form")).to_contain_text(
        "The password or code is not correct: nothing was signed."
    )
    assert not Signature.objects.exists()

    page.get_by_label("Your password, or the code of your authenticator app").fill(PASSWORD)
    page.locator("main form").get_by_role("button", name="Sign", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(
        f"{ORGANISATION} has signed. Keep the signature receipt."
    )
    expect(page.locator("h1")).to_have_text("Signature receipt")
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text(ORGANISATION)
    expect(facts).to_contain_text(f"{PRESIDENT[0]}, {FUNCTION}")
    expect(facts).to_contain_text(f"{PLACE}, ")
    expect(facts.locator(".badge")).to_have_text("valid")
    return Signature.objects.select_related("organisation").get()


def download(page, link):
    with page.expect_download() as info:
        link.click()
    return info.value


def check_the_receipt_offline(page, signature, version):
    receipt = download(page, page.get_by_role("link", name="Download the receipt"))
    assert receipt.suggested_filename == f"receipt-{signature.receipt_digest[:16]}.json"
    receipt_bytes = receipt.path().read_bytes()

    open_alliance(page)
    keys = page.locator("#public-keys-heading + p + ul li")
    expect(keys).to_have_count(1)
    expect(keys).to_contain_text(signature.key_id)
    expect(keys.locator(".badge")).to_have_text("in use")
    key_file = download(
        page, keys.get_by_role("link", name=action_on("Download the key file", signature.key_id))
    )

    result = verify_receipt(receipt_bytes, parse_public_keys(key_file.path().read_bytes()))
    assert result.valid, result.message
    assert result.digest == signature.receipt_digest
    assert result.payload["organisation"]["name"] == ORGANISATION
    assert result.payload["signer"] == {"name": PRESIDENT[0], "function": FUNCTION}
    assert result.payload["place"] == PLACE
    assert result.payload["declaration"]["digest"] == version.digest
    # A single changed byte in the signed statement is caught.
    forged = receipt_bytes.replace(PLACE.encode(), "Kraków ".encode(), 1)
    assert not verify_receipt(forged, parse_public_keys(key_file.path().read_bytes())).valid


def local_time(signature, language):
    with translation.override(language):
        return formats.date_format(timezone.localtime(signature.signed_at), "DATETIME_FORMAT")


def find_the_signature_in_both_languages(page, signature):
    # The list is public: read it signed out.
    sign_out(page)
    open_alliance(page)
    page.get_by_role("link", name=DECLARATION["en"]).click()
    page.locator("main").get_by_role("link", name="Signatories").click()
    expect(page.locator("h1")).to_have_text(f"{DECLARATION['en']}, version 1")

    switch_language(page, "pl")
    main = page.locator("main")
    expect(page.locator("h1")).to_have_text(f"{DECLARATION['pl']}, wersja 1")
    expect(main.locator(".badge").first).to_have_text("Otwarta do podpisu")
    expect(page.locator("#signatories-heading")).to_have_text("Sygnatariusze")
    expect(main).to_contain_text("1 organizacja z 1 kraju")
    expect(main.locator("h3").first).to_have_text("Polska")
    entry = main.locator(".result-list li", has_text=ORGANISATION)
    expect(entry.locator(".badge")).to_have_text("ważny")
    expect(entry).to_contain_text(f"{PRESIDENT[0]}, {FUNCTION}")
    expect(entry).to_contain_text(f"{PLACE}, {local_time(signature, 'pl')}")
    expect(entry.locator("time")).to_have_attribute(
        "datetime", timezone.localtime(signature.signed_at).isoformat()
    )
    expect(page.locator("#text-heading")).to_have_text("Treść deklaracji")
    expect(page.locator("#text-pl")).to_contain_text(TEXTS["pl"])
    save_screenshot(page, "alliance-signatories-pl")

    switch_language(page, "en", label="Język")
    expect(page.locator("h1")).to_have_text(f"{DECLARATION['en']}, version 1")
    expect(page.locator("#signatories-heading")).to_have_text("Signatories")
    expect(main.locator("h3").first).to_have_text("Poland")
    expect(entry.locator(".badge")).to_have_text("valid")
    expect(entry).to_contain_text(f"{PLACE}, {local_time(signature, 'en')}")
    expect(page.locator("#text-heading")).to_have_text("Text of the declaration")
    expect(page.locator("#text-en")).to_contain_text(TEXTS["en"])


def test_a_cluster_joins_the_alliance_and_its_president_signs_the_declaration(
    page, world, console_messages, tmp_path
):
    apply_for_membership(page)
    accept_the_application(page)
    grant_signing_authority(page, tmp_path)
    confirm_signing_authority(page)
    signature = sign_the_declaration(page)
    check_the_receipt_offline(page, signature, world["version"])
    find_the_signature_in_both_languages(page, signature)

    assert problems(console_messages) == []
