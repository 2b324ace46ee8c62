"""The secretariat creates a declaration with its first draft version; nobody else can."""

# ruff: noqa: F811  (the cast's fixtures are imported, then named as parameters)

import pytest
from django.urls import reverse

from helisa.alliance.models import Declaration, VersionStatus
from helisa.alliance.models.declarations import DeclarationEvent, DeclarationEventKind
from tests.alliance.membership_cast import alliance_secretariat  # noqa: F401  (fixture)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def new_url(alliance):
    return reverse("alliance:declaration_new", args=[alliance.slug])


def form_data(**changes):
    data = {
        "title_en": "Declaration on green skills",
        "title_pl": "Deklaracja o zielonych kompetencjach",
        "slug": "",
        "authoritative_language": "en",
        "text_en": "Clusters train people for the green transition.",
        "text_pl": "Klastry szkolą ludzi do zielonej transformacji.",
    }
    return {**data, **changes}


def test_the_secretariat_creates_a_declaration_with_a_draft_first_version(
    client, alliance, alliance_secretariat
):
    client.force_login(alliance_secretariat)
    assert client.get(new_url(alliance)).status_code == 200
    response = client.post(new_url(alliance), form_data())
    declaration = Declaration.objects.get(alliance=alliance)
    assert response.status_code == 302
    assert response["Location"] == declaration.get_absolute_url()
    assert declaration.slug == "declaration-on-green-skills"
    assert declaration.title == {
        "en": "Declaration on green skills",
        "pl": "Deklaracja o zielonych kompetencjach",
    }
    (version,) = declaration.versions.all()
    assert version.number == 1
    assert version.status == VersionStatus.DRAFT
    assert version.authoritative_language == "en"
    assert version.texts["pl"] == "Klastry szkolą ludzi do zielonej transformacji."
    assert DeclarationEvent.objects.filter(
        kind=DeclarationEventKind.VERSION_CREATED, version=version, by=alliance_secretariat
    ).exists()


def test_the_alliance_page_links_the_secretariat_to_the_new_declaration_page(
    client, alliance, alliance_secretariat
):
    client.force_login(alliance_secretariat)
    html = client.get(reverse("alliance:detail", args=[alliance.slug])).content.decode()
    assert new_url(alliance) in html


def test_a_typed_address_is_kept(client, alliance, alliance_secretariat):
    client.force_login(alliance_secretariat)
    client.post(new_url(alliance), form_data(slug="green-skills"))
    assert Declaration.objects.get(alliance=alliance).slug == "green-skills"


def test_an_outsider_is_refused_and_nothing_is_created(client, alliance):
    client.force_login(UserFactory())
    assert client.get(new_url(alliance)).status_code == 403
    assert client.post(new_url(alliance), form_data()).status_code == 403
    assert not Declaration.objects.exists()


def test_an_anonymous_visitor_is_sent_to_sign_in(client, alliance):
    response = client.get(new_url(alliance))
    assert response.status_code == 302
    assert not Declaration.objects.exists()


def test_a_duplicate_address_is_refused_keeping_what_was_typed(
    client, alliance, declaration, alliance_secretariat
):
    client.force_login(alliance_secretariat)
    response = client.post(
        new_url(alliance), form_data(slug=declaration.slug, title_en="A second founding")
    )
    assert response.status_code == 200
    assert "The alliance already has a declaration with this address." in (
        " ".join(response.context["form"].errors["slug"])
    )
    html = response.content.decode()
    assert 'value="A second founding"' in html
    assert "Klastry szkolą ludzi do zielonej transformacji." in html
    assert Declaration.objects.filter(alliance=alliance).count() == 1
    assert not declaration.versions.exists()


def test_the_authoritative_language_needs_a_text(client, alliance, alliance_secretariat):
    client.force_login(alliance_secretariat)
    response = client.post(new_url(alliance), form_data(authoritative_language="de"))
    assert response.status_code == 200
    assert "The authoritative language must have a text." in response.content.decode()
    assert not Declaration.objects.exists()
