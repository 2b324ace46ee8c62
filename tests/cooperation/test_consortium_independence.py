"""Horizon Europe counts independent legal entities: organisations one controls, or one group
holds, count once towards the minimum of partners, of countries and of partners in member
states. The builder never proposes a consortium that breaks it; the checker agrees with a brute
force count; the explanation says which organisations count as one."""

from itertools import combinations, product

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helisa.cooperation.consortium import Member, Rules, check_consortium, propose_consortia
from helisa.cooperation.consortium_entities import entity_countries
from helisa.cooperation.consortium_messages import breach_message, member_message, rule_message
from helisa.cooperation.models import ProgrammeKind
from helisa.cooperation.services import consortia
from helisa.cooperation.services.calls import create_call
from tests.factories import OrganisationFactory, RoleFactory, UserFactory, country

COUNTRIES = ["PL", "DE", "FR", "NO", "US"]
MEMBER_STATES = frozenset({"PL", "DE", "FR"})


def brute_entities(members, tops):
    return len({tops[m.id] for m in members})


def brute_countries(members, tops):
    """The most countries that distinct entities each stand for, trying every choice."""
    options = {}
    for member in members:
        options.setdefault(tops[member.id], set()).add(member.country)
    best = 0
    for choice in product(*[[None, *sorted(found)] for found in options.values()]):
        picked = [country for country in choice if country is not None]
        if len(picked) == len(set(picked)):
            best = max(best, len(picked))
    return best


def brute_in_states(members, tops):
    return len({tops[m.id] for m in members if m.country in MEMBER_STATES})


def brute_breaks(rules, members, tops):
    """Whether a consortium breaks one of the rules that the independence changes."""
    return (
        brute_entities(members, tops) < rules.min_partners
        or len(members) > rules.max_partners
        or brute_countries(members, tops) < rules.min_countries
        or brute_in_states(members, tops) < rules.min_in_member_states
    )


@st.composite
def registries(draw, most=14):
    """A start and candidates with random control: each may be controlled by an earlier one
    (or by a group head outside the candidates); `tops` is the top of each one's chain."""
    count = draw(st.integers(min_value=0, max_value=most))
    ids = ["s", *[f"m{index}" for index in range(count)]]
    controller, tops = {}, {}
    for index, pk in enumerate(ids):
        parent = draw(st.sampled_from([None, "outside1", "outside2", *ids[:index]]))
        controller[pk] = parent
    for pk in ids:
        top = pk
        while controller.get(top) is not None:
            top = controller[top]
        tops[pk] = top
    members = [
        Member(
            id=pk,
            country=draw(st.sampled_from(COUNTRIES)),
            relevance=draw(st.floats(min_value=0, max_value=5, allow_nan=False)),
            group=tops[pk] if controller[pk] is not None else None,
            name=pk,
        )
        for pk in ids
    ]
    return members[0], members[1:], tops


@st.composite
def horizon_rules(draw):
    low = draw(st.integers(min_value=1, max_value=4))
    return Rules(
        min_partners=low,
        max_partners=draw(st.integers(min_value=low, max_value=low + 3)),
        min_countries=draw(st.integers(min_value=1, max_value=4)),
        member_states=MEMBER_STATES,
        min_in_member_states=draw(st.integers(min_value=0, max_value=2)),
        independent_entities=True,
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=horizon_rules(), registry=registries())
def test_the_builder_never_proposes_a_consortium_that_breaks_the_rule(rules, registry):
    start, others, tops = registry
    outcome = propose_consortia(rules, start, others, time_limit=5, workers=1)
    for consortium in outcome.consortia:
        assert not check_consortium(rules, consortium.members, coordinator=start.id)
        assert not brute_breaks(rules, consortium.members, tops)
        assert not consortium.explanation.breaches


@settings(max_examples=200, deadline=None)
@given(rules=horizon_rules(), registry=registries(most=7))
def test_the_checker_agrees_with_a_brute_force_count(rules, registry):
    start, others, tops = registry
    everyone = [start, *others]
    assert entity_countries(everyone) == brute_countries(everyone, tops)
    for size in range(len(everyone) + 1):
        for chosen in combinations(everyone, size):
            breaches = {
                b.rule.removesuffix("_entities") for b in check_consortium(rules, list(chosen))
            }
            counted = breaches & {
                "too_few_partners",
                "too_many_partners",
                "too_few_countries",
                "too_few_in_member_states",
            }
            assert bool(counted) == brute_breaks(rules, list(chosen), tops)
            assert ("too_few_partners" in breaches) == (
                brute_entities(chosen, tops) < rules.min_partners
            )


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=horizon_rules(), registry=registries(most=6))
def test_when_none_is_found_none_exists(rules, registry):
    start, others, tops = registry
    outcome = propose_consortia(rules, start, others, count=1, time_limit=5, workers=1)
    exists = any(
        not brute_breaks(rules, [start, *chosen], tops)
        for size in range(len(others) + 1)
        for chosen in combinations(others, size)
    )
    assert bool(outcome.consortia) == exists


def horizon(**changes):
    values = {
        "min_partners": 3,
        "max_partners": 4,
        "min_countries": 3,
        "member_states": MEMBER_STATES,
        "min_in_member_states": 1,
        "independent_entities": True,
    }
    return Rules(**(values | changes))


def test_two_subsidiaries_of_one_group_count_as_one_entity():
    members = [
        Member(id="pl", country="PL"),
        Member(id="de", country="DE", group="holding", name="Siemens GmbH"),
        Member(id="fr", country="FR", group="holding", name="Siemens SAS"),
    ]

    assert {b.rule for b in check_consortium(horizon(), members)} == {
        "too_few_partners_entities",
        "too_few_countries_entities",
    }
    assert not check_consortium(horizon(independent_entities=False), members)


def test_without_affiliates_the_sentences_are_the_usual_ones():
    members = [Member(id="pl", country="PL"), Member(id="de", country="DE")]
    assert {b.rule for b in check_consortium(horizon(), members)} == {
        "too_few_partners",
        "too_few_countries",
    }


def test_the_builder_adds_an_independent_partner_and_says_who_counts_as_one():
    start = Member(id="pl", country="PL", name="Politechnika")
    others = [
        Member(id="de", country="DE", group="holding", name="Siemens GmbH", relevance=5),
        Member(id="fr", country="FR", group="holding", name="Siemens SAS", relevance=5),
        Member(id="no", country="NO", name="SINTEF", relevance=0.1),
    ]

    outcome = propose_consortia(horizon(), start, others, count=1, workers=1)

    [consortium] = outcome.consortia
    assert set(consortium.ids) == {"pl", "de", "fr", "no"}
    explanation = consortium.explanation
    sentences = [rule_message(reason) for reason in explanation.rules_met]
    assert (
        "Siemens GmbH and Siemens SAS are affiliated: they count as one independent legal "
        "entity." in sentences
    )
    assert member_message(explanation.members["de"][-1]) == (
        "Affiliated with Siemens SAS: together they count as one independent legal entity"
    )
    assert any(s.startswith("3 independent legal entities (at least 3)") for s in sentences)


def test_a_group_in_two_countries_stands_for_one_of_them():
    members = [
        Member(id="a", country="DE", group="g"),
        Member(id="b", country="FR", group="g"),
        Member(id="c", country="DE"),
    ]
    assert entity_countries(members) == 2
    assert entity_countries([*members, Member(id="d", country="DE")]) == 2
    assert entity_countries([*members, Member(id="d", country="PL")]) == 3


# On the registry


@pytest.fixture
def call(db):
    secretariat = UserFactory(is_secretariat=True)
    return create_call(by=secretariat, kind=ProgrammeKind.HORIZON_EUROPE, name={"en": "HE"})


def test_a_horizon_call_counts_independent_entities_and_saving_says_why(call):
    lead = RoleFactory(organisation__country=country("PL"))
    start = lead.organisation
    head = OrganisationFactory(legal_name="Holding AG", country=country("DE"))
    daughter = OrganisationFactory(
        legal_name="Holding SAS", country=country("FR"), controlled_by=head
    )
    assert call.counts_independent_entities

    with pytest.raises(ValidationError) as error:
        consortia.save_idea(
            call=call, start=start, organisation_ids=[head.pk, daughter.pk], by=lead.user
        )
    assert (
        "2 independent legal entities (affiliated organisations count as one); the call needs "
        "at least 3." in error.value.messages
    )

    shown, _ = consortia.review(call=call, start=start, organisation_ids=[head.pk, daughter.pk])
    assert (
        "Holding AG and Holding SAS are affiliated: they count as one independent legal entity."
        in (shown.rules_met)
    )
    [row] = [row for row in shown.members if row[0] == daughter]
    assert (
        "Affiliated with Holding AG: together they count as one independent legal entity"
        in (row[2])
    )

    independent = OrganisationFactory(country=country("ES"))
    proposals, _reasons, _outcome = consortia.propose(call=call, start=start, time_limit=5)
    assert proposals
    for proposal in proposals:
        assert not proposal.breaches and independent.pk in proposal.ids
    project = consortia.save_idea(
        call=call,
        start=start,
        organisation_ids=[head.pk, daughter.pk, independent.pk],
        by=lead.user,
    )
    assert project.partners.count() == 4


def test_the_pool_keeps_independent_candidates_beside_a_strong_group():
    """The pool keeps the best few of each kind; affiliates must not crowd out the one
    independent partner that makes a consortium possible."""
    start = Member(id="pl", country="PL")
    group = [Member(id=f"g{i}", country="DE", group="g", relevance=5) for i in range(3)]
    independent = Member(id="d", country="DE", relevance=0.1)
    rules = horizon(max_partners=3, min_countries=2, min_in_member_states=0)

    outcome = propose_consortia(rules, start, [*group, independent], count=1, workers=1)

    [consortium] = outcome.consortia
    assert "d" in consortium.ids


def test_the_call_page_says_affiliates_count_as_one(client, call):
    custom = create_call(
        by=UserFactory(is_secretariat=True), kind=ProgrammeKind.CUSTOM, name={"en": "Own"}
    )
    sentence = "Affiliated organisations (one controls the other, or one group holds both)"

    assert sentence in client.get(call.get_absolute_url()).content.decode()
    assert sentence not in client.get(custom.get_absolute_url()).content.decode()


def test_a_registry_of_too_few_independent_entities_is_told_so():
    start = Member(id="pl", country="PL")
    others = [Member(id=f"g{i}", country=c, group="g") for i, c in enumerate(["DE", "FR", "ES"])]

    outcome = propose_consortia(horizon(), start, others, workers=1)

    assert outcome.consortia == ()
    assert [breach_message(reason) for reason in outcome.reasons] == [
        "Only 2 independent eligible organisations or groups in the registry; the call needs 3.",
        "Independent legal entities from 2 different countries (affiliated organisations count "
        "as one); the call needs at least 3.",
    ]
