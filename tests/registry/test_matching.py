import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from helisa.registry.matching import (
    LEGAL_FORMS,
    find_similar_organisations,
    normalise_name,
    similar_names,
)
from tests.factories import OrganisationFactory, country


@pytest.mark.parametrize(
    ("name", "normalised"),
    [
        ("Fabryka Wodoru Sp. z o.o.", "fabrika wodoru"),
        ("FABRYKA WODORU S.A.", "fabrika wodoru"),
        ("Fabryka Wodoru spółka z ograniczoną odpowiedzialnością", "fabrika wodoru"),
        ("UAB Baltic Hydrogen", "baltic hidrogen"),
        ("Müller Technik GmbH & Co. KG", "muler technik"),
        ("Nokia Oyj", "nokia"),
        ("Rába Nyrt.", "raba"),
        ("Sofia Tech EOOD", "sofia tech"),
        ("Politechnika Łódzka", "politechnika lodzka"),
    ],
)
def test_legal_forms_accents_and_case_are_ignored(name, normalised):
    assert normalise_name(name) == normalised


def test_a_name_that_is_only_a_legal_form_is_kept():
    assert normalise_name("S.A.") == "s a"


names = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs", "Pd", "Po"]), min_size=1, max_size=40
)
words = st.lists(
    st.text(alphabet="abcdefghijklmnoprstuwzłóąęćńśźż", min_size=4, max_size=10),
    min_size=1,
    max_size=4,
).map(" ".join)


@given(names)
def test_normalising_twice_changes_nothing(name):
    once = normalise_name(name)
    assert normalise_name(once) == once


@given(words, st.sampled_from(LEGAL_FORMS))
def test_a_name_with_a_legal_form_added_matches_the_name(name, form):
    assume(normalise_name(name) == " ".join(normalise_name(word) for word in name.split()))
    choices = {1: normalise_name(name), 2: "zzzz qqqq"}
    found = similar_names(normalise_name(f"{name} {form}"), choices)
    assert found and found[0] == (1, 100)


def test_similar_names_leave_out_what_is_below_the_threshold():
    choices = {1: "fabrika wodoru", 2: "instytut energetiki", 3: "fabrika wodoru polska"}
    found = dict(similar_names("fabrika wodoru", choices, threshold=85))
    assert set(found) == {1, 3} and found[1] == 100


def test_similar_organisations_are_found_in_the_same_country_only(db):
    same = OrganisationFactory(legal_name="Fabryka Wodoru Sp. z o.o.", country=country("PL"))
    OrganisationFactory(legal_name="Fabryka Wodoru GmbH", country=country("DE"))
    OrganisationFactory(legal_name="Instytut Energetyki", country=country("PL"))

    found = find_similar_organisations(name="FABRYKA WODORU S.A.", country="PL")

    assert found == [same]
    assert found[0].similarity == 100


def test_similar_organisations_can_leave_out_the_record_being_edited(db):
    itself = OrganisationFactory(legal_name="Fabryka Wodoru Sp. z o.o.")
    assert (
        find_similar_organisations(name=itself.legal_name, country="PL", exclude_pk=itself.pk) == []
    )


def test_a_short_name_is_compared_too(db):
    organisation = OrganisationFactory(
        legal_name="Stowarzyszenie Klaster Wodorowy Pomorze", short_name="Hydrogen Pomerania"
    )
    assert find_similar_organisations(name="Hydrogen Pomerania", country="PL") == [organisation]


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Uniwersytet Rzeszowski", "Uniwersytet Warszawski"),
        ("Centrum Innowacji", "Centrum Nauki Kopernik"),
        ("Instytut Chemii", "Instytut Fizyki"),
        ("Fundacja Rozwoju Regionu", "Fundacja Rozwoju Miasta"),
    ],
)
def test_names_alike_only_in_what_kind_of_body_they_name_are_no_match(name, other):
    assert similar_names(normalise_name(name), {1: normalise_name(other)}) == []


@pytest.mark.parametrize(
    ("name", "other"),
    [
        ("Uniwersytet Warszawski", "UNIWERSYTET WARSZAWSKI"),
        ("Instytut Chemii Bioorganicznej", "Instytut Chemii Bioorganicznej PAN"),
        ("Politechnika Lodzka", "Politechnika Łódzka"),
        ("Klaster Wodorowy Pomorze", "Klaster Wodorowy Pomorze Sp. z o.o."),
    ],
)
def test_the_same_body_written_otherwise_still_matches(name, other):
    assert similar_names(normalise_name(name), {1: normalise_name(other)})
