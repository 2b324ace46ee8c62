"""Search folds case, accents and scripts the same way on SQLite (FTS5) and PostgreSQL."""

import pytest

from helisa.registry.models import Cluster, HelixRole, Organisation
from helisa.registry.queries import filter_clusters, filter_organisations, search_organisations
from helisa.registry.services.organisations import create_organisation, update_organisation
from tests.factories import ClusterFactory, country

pytestmark = pytest.mark.django_db


def organisation(legal_name, city="", code="PL", **fields):
    return create_organisation(
        by=None,
        legal_name=legal_name,
        city=city,
        helix_role=HelixRole.BUSINESS,
        country=country(code),
        **fields,
    )


def found(text):
    return set(
        search_organisations(Organisation.objects.all(), text).values_list("legal_name", flat=True)
    )


def test_lodz_finds_an_organisation_in_lodz():
    organisation("Fabryka Nici Sp. z o.o.", city="Łódź")
    organisation("Huta Szkła", city="Kraków")

    assert found("lodz") == {"Fabryka Nici Sp. z o.o."}
    assert found("ŁÓDŹ") == {"Fabryka Nici Sp. z o.o."}


def test_latin_spelling_finds_cyrillic_names():
    organisation("Технически университет – София", code="BG")

    assert found("sofia") == {"Технически университет – София"}
    assert found("Sofiya") == {"Технически университет – София"}
    assert found("universitet") == {"Технически университет – София"}


def test_every_word_must_match_the_start_of_a_word():
    organisation("Hydrogen Valley Łódź", city="Łódź")
    organisation("Hydrogen Cluster Kraków", city="Kraków")
    organisation("Dehydrogenation Works", city="Łódź")

    assert found("hydro") == {"Hydrogen Valley Łódź", "Hydrogen Cluster Kraków"}
    assert found("hydro lod") == {"Hydrogen Valley Łódź"}
    assert found("hydrogen krakow valley") == set()


def test_descriptions_in_every_language_are_searched():
    organisation(
        "Klaster Energii",
        description={"pl": "Magazynowanie wodoru", "en": "Hydrogen storage"},
    )

    assert found("wodor") == {"Klaster Energii"}
    assert found("storage") == {"Klaster Energii"}


def test_an_edited_organisation_is_found_by_its_new_text_only():
    firm = organisation("Old Name Ltd", city="Gdańsk")

    update_organisation(organisation=firm, by=None, legal_name="Fresh Name Ltd", city="Poznań")

    assert found("old") == set()
    assert found("fresh poznan") == {"Fresh Name Ltd"}


def test_a_deleted_organisation_leaves_the_index():
    firm = organisation("Short Lived Ltd")
    firm.delete()
    organisation("Short Lived Again Ltd")

    assert found("short lived") == {"Short Lived Again Ltd"}


def test_empty_and_punctuation_only_queries_do_not_filter():
    organisation("Anything Ltd")

    assert found("") == found('  ."*- ') == {"Anything Ltd"}


def test_query_syntax_is_not_interpreted():
    organisation("Research OR Development")

    assert found('research "OR" (dev*') == {"Research OR Development"}
    assert found("-research") == {"Research OR Development"}


def test_clusters_are_found_by_their_name():
    cluster = ClusterFactory(name="Mazowiecki Klaster ICT")
    from helisa.registry.services.organisations import reindex_organisation

    reindex_organisation(cluster.organisation)

    assert list(filter_clusters({"q": "mazowiecki"})) == [Cluster.objects.get()]
    assert list(filter_clusters({"q": "wielkopolski"})) == []


def test_matches_of_a_search_are_listed_by_name():
    # On PostgreSQL a word few organisations share is sorted by an expression, not the index.
    for name in ["Zefir Sofia", "Alfa Sofia", "Mleczarnia Sofia", "Beta Varna"]:
        organisation(name, city="София", code="BG")
    listed = filter_organisations({"q": "sofia"}).values_list("legal_name", flat=True)
    assert list(listed) == ["Alfa Sofia", "Beta Varna", "Mleczarnia Sofia", "Zefir Sofia"]
