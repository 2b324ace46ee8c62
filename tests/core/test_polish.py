"""The interface speaks Polish in full: key pages and the whole catalogue."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation
from django.utils.translation import ngettext

import helisa

PL_CATALOGUE = Path(helisa.__file__).parent / "locale" / "pl" / "LC_MESSAGES" / "django.po"

# What the navigation, the footer and the language switcher say on every page.
_EVERY_PAGE_PL = ["Klastry", "Organizacje", "Mapa", "Zaloguj się", "Zarejestruj się", "O danych"]
_EVERY_PAGE_EN = ["Sign in", "Sign up", "Organisations", "Clusters", "Map", "About the data"]

PAGES = {
    "/": (
        ["Przeszukaj katalog", "Szukaj", "organizacje klastrowe", "zweryfikowane klastry"],
        ["Search", "Search the directory", "cluster organisations", "validated clusters"],
    ),
    "/registry/organisations/": (
        ["Filtry", "Kraj", "Rola w potrójnej helisie", "Zastosuj filtry", "Eksport"],
        ["Search", "Filters", "Country", "Helix role", "Apply filters", "Export"],
    ),
    "/registry/clusters/": (
        ["Filtry", "Weryfikacja", "Wszystkie klastry", "Zobacz klastry na mapie", "Eksport"],
        ["Search", "Filters", "Validation", "All clusters", "See the clusters on a map", "Export"],
    ),
    "/registry/map/": (
        ["Klastry według regionów", "Przejdź do tabeli", "Region"],
        ["Clusters by region", "Skip to the table", "Code"],
    ),
    "/accounts/login/": (
        ["Zaloguj się", "Hasło"],
        ["Sign In", "Password", "Forgot your password?"],
    ),
    "/accounts/signup/": (
        ["Zarejestruj się", "Hasło"],
        ["Sign Up", "Password", "Already have an account?"],
    ),
}


class _VisibleText(HTMLParser):
    """Text a reader sees or hears: content outside script and style, and labelling attributes."""

    def __init__(self):
        super().__init__()
        self.parts = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for name, value in attrs:
            if name in ("aria-label", "placeholder", "title", "alt") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def contains_phrase(text, phrase):
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


@pytest.fixture
def polish_client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pl"
    return client


@pytest.mark.parametrize("path", PAGES)
def test_key_pages_speak_polish(polish_client, cluster, path):
    response = polish_client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "pl"
    text = visible_text(response.content.decode())
    polish, english = PAGES[path]

    assert [p for p in _EVERY_PAGE_PL + polish if not contains_phrase(text, p)] == []
    assert [e for e in _EVERY_PAGE_EN + english if contains_phrase(text, e)] == []


# The congress, cooperation and alliance lists, each with one item so its row is shown too.
LISTS = {
    "/congresses/": (
        ["Kongresy", "Związki", "Współpraca", "Warszawa, Polska"],
        ["Congresses", "Programme", "Cooperation", "Alliances", "Poland"],
    ),
    "/cooperation/": (
        ["Profile współpracy", "Filtry", "Rodzaj", "Oferta czy zapytanie", "Inwestycje"],
        ["Cooperation profiles", "Cooperation", "Filters", "Kind", "Investment", "Apply filters"],
    ),
    "/cooperation/practices/": (
        ["Dobre praktyki", "Filtry", "Wszyscy autorzy", "0 dobrych praktyk"],
        ["Good practices", "Filters", "All authors", "Apply filters", "good practices"],
    ),
    "/cooperation/calls/": (
        ["Nabory", "Projekty transgraniczne", "Nie ma jeszcze żadnego naboru."],
        ["Calls", "Cross-border projects", "No call yet.", "consortium"],
    ),
    "/alliances/": (
        ["Związki i sieci", "Europejski Związek Klastrów", "0 członków"],
        ["Alliances", "Alliances and networks", "Congresses", "members"],
    ),
}


@pytest.fixture
def one_of_each(db):
    from helisa.alliance.models import Alliance
    from tests.congress.factories import CongressFactory
    from tests.cooperation.conftest import make_profile
    from tests.factories import RoleFactory

    CongressFactory(name={"en": "5th Congress of Polish Clusters", "pl": "V Kongres Klastrów"})
    Alliance.objects.create(
        slug="eca", name={"en": "European Clusters Alliance", "pl": "Europejski Związek Klastrów"}
    )
    representative = RoleFactory().user
    make_profile(representative.roles.get().organisation, representative)


@pytest.mark.parametrize("path", LISTS)
def test_congress_cooperation_and_alliance_lists_speak_polish(polish_client, one_of_each, path):
    response = polish_client.get(path)
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "pl"
    text = visible_text(response.content.decode())
    polish, english = LISTS[path]

    assert [p for p in _EVERY_PAGE_PL + polish if not contains_phrase(text, p)] == []
    assert [e for e in _EVERY_PAGE_EN + english if contains_phrase(text, e)] == []


def test_language_switcher_turns_the_interface_polish(client, db):
    client.post("/i18n/setlang/", {"language": "pl", "next": "/"})

    text = visible_text(client.get("/").content.decode())

    assert contains_phrase(text, "Zaloguj się") and not contains_phrase(text, "Sign in")


def test_english_stays_the_default(client, db):
    text = visible_text(client.get("/").content.decode())

    assert contains_phrase(text, "Sign in") and not contains_phrase(text, "Zaloguj się")


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 wynik"), (3, "3 wyniki"), (5, "5 wyników"), (12, "12 wyników"), (22, "22 wyniki")],
)
def test_polish_plurals_have_three_forms(count, expected):
    with translation.override("pl"):
        text = ngettext("%(counter)s result", "%(counter)s results", count) % {"counter": count}
    assert text == expected


def test_polish_catalogue_is_complete():
    with PL_CATALOGUE.open("rb") as po:
        catalogue = read_po(po)

    def translated(message):
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        return all(strings) and len(strings) == (3 if message.pluralizable else 1)

    untranslated = [message.id for message in catalogue if message.id and not translated(message)]
    fuzzy = [message.id for message in catalogue if message.id and message.fuzzy]
    assert catalogue.num_plurals == 3
    assert untranslated == []
    assert fuzzy == []
