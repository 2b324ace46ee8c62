"""Finding a project's partner by name: a signed-in user types a name, case and accents aside, and
is offered at most ten organisations (name, country, helix role), those named by the words first;
choosing one fills the row's number field, which the page keeps for browsers without JavaScript.
Anonymous visitors are refused and the search's queries do not grow with its matches."""

import pytest
from django.test import Client

from helisa.cooperation.models import PartnerRole
from helisa.cooperation.queries_partner_search import MATCHES_SHOWN, search_partners
from helisa.cooperation.services.projects import create_project
from helisa.registry.models import HelixRole
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

pytestmark = pytest.mark.django_db
URL = "/cooperation/projects/partners/search/"


@pytest.fixture
def lodz(db):
    return OrganisationFactory(
        legal_name="Politechnika Łódzka", helix_role=HelixRole.UNIVERSITY, country=country("PL")
    )


def signed_in(user=None):
    client = Client()
    client.force_login(user or UserFactory())
    return client


def search(client, words, field="id_partner_2"):
    return client.get(URL, {"field": field, "find_partner": words})


def test_a_name_typed_without_accents_or_capitals_finds_the_organisation(lodz):
    OrganisationFactory(legal_name="Hamburg Research Institute", country=country("DE"))
    body = search(signed_in(), "POLITECHNIKA lodz").content.decode()
    assert "Politechnika Łódzka" in body and "Hamburg" not in body
    assert "University" in body  # its helix role
    # Choosing it fills the number field of the row the search sits by.
    assert f'data-partner-fill="id_partner_2" data-partner-number="{lodz.pk}"' in body


def test_organisations_named_by_the_words_come_before_those_that_only_mention_them(lodz):
    OrganisationFactory(legal_name="Aaron Logistics", search_text="aaron logistics lodz")
    names = [o.legal_name for o in search_partners("lodz").organisations]
    assert names == ["Politechnika Łódzka", "Aaron Logistics"]


def test_at_most_ten_matches_are_shown_and_the_rest_counted():
    for n in range(MATCHES_SHOWN + 2):
        OrganisationFactory(legal_name=f"Baltic Maritime {n:02}")
    matches = search_partners("baltic maritime")
    assert len(matches.organisations) == MATCHES_SHOWN and matches.more
    body = search(signed_in(), "baltic").content.decode()
    assert body.count("data-partner-number") == MATCHES_SHOWN and "add a word" in body
    assert "No organisation matches" in search(signed_in(), "zzyzx").content.decode()
    assert search(signed_in(), "  ").content.decode().strip() == ""


@pytest.mark.parametrize("count", [1, 3, 12])
def test_the_search_queries_do_not_grow_with_its_matches(count, django_assert_max_num_queries):
    for n in range(count):
        OrganisationFactory(legal_name=f"Baltic Maritime {n:02}")
    client = signed_in()
    with django_assert_max_num_queries(4):  # session, user, the search (and SQLite's count)
        assert search(client, "baltic").status_code == 200


def test_anonymous_visitors_are_refused(lodz):
    response = search(Client(), "lodz")
    assert response.status_code == 302 and "/accounts/login/" in response.url
    assert "Łódzka" not in response.content.decode()


def test_a_field_that_is_not_an_id_is_refused(lodz):
    response = search(signed_in(), "lodz", field='x"><script>')
    assert response.status_code == 400


def test_the_project_pages_offer_the_search_beside_each_number_field(lodz):
    member = RoleFactory(organisation__legal_name="Baltic Ports Cluster").user
    client = signed_in(member)
    page = client.get("/cooperation/projects/new/").content.decode()
    assert 'id="id_partner_0-find"' in page and 'id="id_partner_4-find"' in page
    assert "cooperation/partner_search.js" in page and 'name="partner_4"' in page
    assert "<script>" not in page  # the strict CSP: scripts come from files only
    project = create_project(
        title="Green corridors",
        by=member,
        partners=[(member.roles.get().organisation, PartnerRole.COORDINATOR, None)],
    )
    edit = client.get(f"/cooperation/projects/{project.pk}/edit/").content.decode()
    assert 'id="id_add-find"' in edit and "cooperation/partner_search.js" in edit
