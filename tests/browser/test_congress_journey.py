"""The congress's main journey in a real browser: from the programme to a B2B agenda in a calendar.

A participant reads the programme, registers for the congress, joins the B2B meetings (profile and
the slots they are free), asks three participants for a meeting; each of them accepts. The
congress's organiser computes a draft schedule, reviews its figures and publishes it; the
participant finds their three meetings with times and tables and takes them into a calendar as
iCal. Each person signs in through the form; no console error or CSP violation on the way.
"""

import re
from datetime import UTC, datetime

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from helisa.congress.models import Meeting, RegistrationStatus
from tests.browser.conftest import save_screenshot
from tests.congress.factories import (
    CategoryFactory,
    CongressFactory,
    ParticipantFactory,
    RegistrationFactory,
    matchmaking,
)
from tests.congress.programme_cast import SessionFactory
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery staple"  # UserFactory's
CONGRESS = "European Cluster Congress 2025"
PARTICIPANT = ("Marta Zielińska", "marta.zielinska@example.org")
ORGANISATION = "Zielona Energia Sp. z o.o."
ORGANISER = ("Eva Lindqvist", "eva.lindqvist@example.org")
# The three others, in the order of the participants list (by the name on the badge).
OTHERS = [
    ("Jan de Vries", "jan.devries@example.org", "Noord Waterstof B.V.", "NL"),
    ("Lukas Becker", "lukas.becker@example.org", "Bayerische Wasserstoff GmbH", "DE"),
    ("Sofia Rossi", "sofia.rossi@example.org", "Idrogeno Lombardia S.r.l.", "IT"),
]
KEYNOTE = "Clusters and the green transition"
OFFER = "Electrolyser maintenance for hydrogen valleys."
LOOKING_FOR = "Partners for a Horizon Europe hydrogen storage project."
# The morning session runs 09:00-11:00 in Warsaw in 30-minute slots; she is busy in the last one.
FREE = ["09:00–09:30", "09:30–10:00", "10:00–10:30"]
BUSY = "10:30–11:00"
STARTS_UTC = ["20250909T070000Z", "20250909T073000Z", "20250909T080000Z"]
STARTS_IN_WARSAW = ["20250909T090000", "20250909T093000", "20250909T100000"]


@pytest.fixture
def world(reference_data):
    """An open congress with a keynote, a B2B morning, three participants in it and its organiser."""
    cache.clear()
    congress = CongressFactory(
        slug="ecc-2025",
        name={"en": CONGRESS, "pl": "Europejski Kongres Klastrów 2025"},
        registration_open=True,
    )
    CategoryFactory(congress=congress, name={"en": "Cluster representative"}, capacity=100)
    SessionFactory(
        congress=congress,
        title={"en": KEYNOTE, "pl": "Klastry a zielona transformacja"},
        kind="keynote",
        starts_at=datetime(2025, 9, 9, 10, 0, tzinfo=UTC),
        ends_at=datetime(2025, 9, 9, 11, 0, tzinfo=UTC),
    )
    matchmaking(congress, tables=4, minutes=30)
    name, email = PARTICIPANT
    RoleFactory(
        user=UserFactory(full_name=name, email=email),
        organisation=OrganisationFactory(legal_name=ORGANISATION, country=country("PL")),
    )
    for name, email, organisation, code in OTHERS:
        registration = RegistrationFactory(
            congress=congress,
            user=UserFactory(full_name=name, email=email),
            organisation=OrganisationFactory(legal_name=organisation, country=country(code)),
            name_on_badge=name,
        )
        ParticipantFactory(
            congress=congress,
            registration=registration,
            offer={"en": f"{organisation} offers hydrogen know-how."},
        )
    congress.organisers.add(UserFactory(full_name=ORGANISER[0], email=ORGANISER[1]))
    return congress


def problems(console_messages):
    return [f"{kind}: {text}" for kind, text in console_messages if kind != "log"]


def navigation(page):
    return page.get_by_role("navigation", name="Main")


def sign_in(page, name, email):
    page.goto("/")
    navigation(page).get_by_role("link", name="Sign in").click()
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    expect(navigation(page).get_by_role("button", name="Sign out")).to_be_visible()


def sign_out(page):
    navigation(page).get_by_role("button", name="Sign out").click()
    expect(navigation(page).get_by_role("link", name="Sign in")).to_be_visible()


def open_congress(page):
    navigation(page).get_by_role("link", name="Congresses").click()
    page.get_by_role("link", name=CONGRESS).click()
    expect(page.locator("h1")).to_have_text(CONGRESS)


def congress_nav(page):
    return page.get_by_role("navigation", name="Congress")


def b2b_nav(page):
    return page.get_by_role("navigation", name="B2B meetings")


def read_the_programme_and_register(page):
    sign_in(page, *PARTICIPANT)
    open_congress(page)
    congress_nav(page).get_by_role("link", name="Programme").click()
    expect(page.locator("h1")).to_have_text("Programme")
    expect(page.locator("main")).to_contain_text(KEYNOTE)
    save_screenshot(page, "congress-programme")

    congress_nav(page).get_by_role("link", name="Overview").click()
    page.locator("main").get_by_role("link", name="Register").click()
    expect(page.locator("h1")).to_have_text(f"Register for {CONGRESS}")
    expect(page.get_by_label("Category")).to_contain_text("Cluster representative")
    expect(page.get_by_label("Name on the badge")).to_have_value(PARTICIPANT[0])
    page.get_by_label("Organisation").select_option(label=ORGANISATION)
    page.get_by_label("Language of emails and documents").select_option("en")
    page.locator("main form").get_by_role("button", name="Register").click()

    expect(page.locator(".messages")).to_contain_text(
        "You are registered. A confirmation is on its way."
    )
    expect(page.locator("h1")).to_have_text("My registration")
    facts = page.locator("dl.facts")
    expect(facts.locator(".badge")).to_have_text("Confirmed")
    expect(facts).to_contain_text("Cluster representative")
    expect(facts).to_contain_text(ORGANISATION)
    assert [message.to for message in mail.outbox] == [[PARTICIPANT[1]]]


def join_the_b2b_meetings(page):
    congress_nav(page).get_by_role("link", name="B2B meetings").click()
    expect(page.locator("h1")).to_have_text(f"B2B meetings · {CONGRESS}")
    expect(page.locator("main")).to_contain_text("Meetings last 30 minutes")
    page.get_by_role("button", name="Take part").click()

    expect(page.locator(".messages")).to_contain_text(
        "You take part in the B2B meetings. Tell others what you offer."
    )
    expect(page.locator("h1")).to_have_text("My B2B profile")
    expect(page.locator("main aside")).to_contain_text(ORGANISATION)
    page.get_by_label("What we offer (English)").fill(OFFER)
    page.get_by_label("What we are looking for (English)").fill(LOOKING_FOR)
    morning = page.locator("main fieldset", has_text="Morning")
    for label in [*FREE, BUSY]:
        expect(morning.get_by_label(label)).to_be_checked()
    morning.get_by_label(BUSY).uncheck()
    page.locator("main form").get_by_role("button", name="Save").click()

    expect(page.locator(".messages")).to_contain_text("Your B2B profile is saved.")
    expect(page.get_by_label("What we offer (English)")).to_have_value(OFFER)
    for label in FREE:
        expect(morning.get_by_label(label)).to_be_checked()
    expect(morning.get_by_label(BUSY)).not_to_be_checked()


def ask_for_three_meetings(page):
    for name, _email, organisation, _code in OTHERS:
        b2b_nav(page).get_by_role("link", name="Participants").click()
        expect(page.locator("h1")).to_have_text("B2B participants")
        entry = page.locator("main .result-list li", has_text=name)
        expect(entry).to_contain_text(organisation)
        expect(entry).to_contain_text(f"{organisation} offers hydrogen know-how.")
        entry.get_by_role("link", name=name).click()

        expect(page.locator("h1")).to_have_text(name)
        expect(page.locator("main aside")).to_contain_text(organisation)
        page.get_by_label("Message").fill(f"{name.split()[0]}, shall we talk about storage?")
        page.get_by_role("button", name="Send the request").click()
        expect(page.locator(".messages")).to_contain_text("Your request is sent.")
        expect(page.locator("h1")).to_have_text("My requests")
        sent = page.locator("main section", has_text="Sent").locator("li", has_text=name)
        expect(sent.locator(".badge")).to_have_text("Awaiting an answer")

    expect(page.locator("main")).to_contain_text("You may send 17 more requests.")
    sign_out(page)


def the_others_accept(page):
    for name, email, _organisation, _code in OTHERS:
        sign_in(page, name, email)
        open_congress(page)
        congress_nav(page).get_by_role("link", name="B2B meetings").click()
        b2b_nav(page).get_by_role("link", name="My requests").click()
        received = page.locator("main section", has_text="Received").locator(
            "li", has_text=PARTICIPANT[0]
        )
        expect(received).to_contain_text(ORGANISATION)
        expect(received).to_contain_text(f"{name.split()[0]}, shall we talk about storage?")
        received.get_by_role("button", name="Accept").click()
        expect(page.locator(".messages")).to_contain_text("Your answer is sent.")
        expect(received.locator(".badge")).to_have_text("Accepted")
        b2b_nav(page).get_by_role("link", name="My meetings").click()
        expect(page.locator("main tbody tr")).to_have_count(1)
        expect(page.locator("main tbody")).to_contain_text(f"{PARTICIPANT[0]} ({ORGANISATION})")
        expect(page.locator("main tbody")).to_contain_text("Not scheduled yet")
        sign_out(page)


def schedule_and_publish(page):
    sign_in(page, *ORGANISER)
    open_congress(page)
    congress_nav(page).get_by_role("link", name="B2B meetings").click()
    page.get_by_role("link", name="Organise").click()
    expect(page.locator("h1")).to_have_text("Organise B2B meetings")
    sessions = page.locator("main section", has_text="Sessions")
    expect(sessions).to_contain_text("Morning")
    expect(sessions).to_contain_text("4 slots")
    expect(page.locator("main")).to_contain_text("With 3 meetings and 4 slots")
    schedule = page.locator("main section", has_text="Schedule")
    expect(schedule).to_contain_text("No schedule yet.")
    schedule.get_by_label("Time limit (seconds)").fill("10")
    schedule.get_by_role("button", name="Compute a draft schedule").click()

    # The tests' task backend runs the scheduler inside the request: the draft is there at once.
    expect(page.locator("h1")).to_have_text("Schedule Draft to review")
    review = page.locator("main section.card").first
    expect(review).to_contain_text(
        "Optimal: no schedule places more meetings or leaves fewer gaps."
    )
    facts = review.locator("dl.facts")
    for term, value in [
        ("Scheduled", "3 / 3"),
        ("Unscheduled", "0"),
        ("Gaps", "0"),
        ("Most meetings possible", "3"),
        ("Fewest gaps possible", "0"),
    ]:
        expect(facts.locator(f"dt:text-is('{term}') + dd")).to_have_text(value)
    slots = page.locator("main details summary")
    expect(slots).to_have_text(
        [f"Tue 9 Sep, {label} · 1 meeting" for label in FREE] + [f"Tue 9 Sep, {BUSY} · 0 meetings"]
    )
    slots.first.click()
    expect(page.locator("main details").first.locator("li")).to_contain_text(
        re.compile(rf"^Table \d: .*{PARTICIPANT[0]}")
    )
    save_screenshot(page, "congress-draft-schedule")

    review.get_by_role("button", name="Publish").click()
    expect(page.locator(".messages")).to_contain_text(
        "The schedule is published; participants are told by email."
    )
    expect(page.locator("h1")).to_have_text("Table plan")
    for name, _email, organisation, _code in OTHERS:
        row = page.locator("main tbody tr", has_text=name)
        expect(row).to_contain_text(f"{name} ({organisation})")
        expect(row).to_contain_text(f"{PARTICIPANT[0]} ({ORGANISATION})")
    expect(page.locator("main section", has_text=BUSY)).to_contain_text("No meeting.")
    page.get_by_role("link", name="Settings and schedules").click()
    expect(page.locator("main section", has_text="Schedule").locator(".badge")).to_have_text(
        "Published"
    )
    sign_out(page)


def find_the_meetings_and_take_them_along(page):
    sign_in(page, *PARTICIPANT)
    open_congress(page)
    congress_nav(page).get_by_role("link", name="B2B meetings").click()
    facts = page.locator("main dl.facts")
    expect(facts.locator("dt:text-is('Meetings') + dd")).to_have_text(re.compile(r"^3( / \d+)?$"))
    expect(facts.locator("dt:text-is('Requests you may still send') + dd")).to_have_text("17")
    b2b_nav(page).get_by_role("link", name="My meetings").click()
    expect(page.locator("h1")).to_have_text("My meetings")
    rows = page.locator("main tbody tr")
    expect(rows).to_have_count(3)
    meetings = Meeting.objects.filter(published=True).order_by("slot_start")
    assert [m.slot_start.strftime("%Y%m%dT%H%M%SZ") for m in meetings] == STARTS_UTC
    for row, meeting, time in zip(rows.all(), meetings, FREE, strict=True):
        # The scheduler may pair the slots with the others in any order; the row says who.
        other = meeting.participants.exclude(registration__user__email=PARTICIPANT[1]).get()
        name = other.registration.name_on_badge
        organisation = other.organisation.legal_name
        expect(row).to_contain_text(f"Tue 9 Sep, {time.split('–')[0]}")
        expect(row).to_contain_text(f"Table {meeting.table}")
        expect(row.locator("td").nth(2)).to_have_text(f"{name} ({organisation}) · Details")
    save_screenshot(page, "congress-my-meetings")

    with page.expect_download() as info:
        page.get_by_role("link", name="Calendar (iCal)").click()
    calendar = info.value
    assert calendar.suggested_filename == "b2b-ecc-2025.ics"
    text = calendar.path().read_text(encoding="utf-8").replace("\r\n ", "")
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == 3
    starts = re.findall(r"^DTSTART;TZID=Europe/Warsaw:(\d{8}T\d{6})\r?$", text, flags=re.MULTILINE)
    assert starts == STARTS_IN_WARSAW and "BEGIN:VTIMEZONE" in text
    for name, _email, _organisation, _code in OTHERS:
        assert f"B2B meeting: {name}" in text
    assert "END:VCALENDAR" in text


def test_a_participant_registers_meets_three_others_and_takes_the_agenda_along(
    page, world, console_messages
):
    read_the_programme_and_register(page)
    join_the_b2b_meetings(page)
    ask_for_three_meetings(page)
    the_others_accept(page)
    schedule_and_publish(page)
    find_the_meetings_and_take_them_along(page)

    registration = world.registrations.get(user__email=PARTICIPANT[1])
    assert registration.status == RegistrationStatus.CONFIRMED
    assert problems(console_messages) == []
