"""The consortium builder never breaks a call's rule, proposes consortia that differ pairwise in
at least two partners, says why when there are none, and explains only with true reasons."""

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helisa.cooperation.consortium import (
    Breach,
    Member,
    Rules,
    check_consortium,
    propose_consortia,
)
from helisa.cooperation.eu_countries import country_lists

COUNTRIES = ["PL", "DE", "FR", "NO", "GB", "US", "UA", "ES"]
MEMBER_STATES = frozenset({"PL", "DE", "FR", "ES"})
ROLES = ["business", "university", "research", "public", "civil_society", "other"]
REGIONS = {"PL": ["PL911", "PL213"], "DE": ["DE300", "DEA11"], "FR": ["FR101"]}


@st.composite
def members(draw, prefix="m"):
    count = draw(st.integers(min_value=0, max_value=30))
    found = []
    for index in range(count):
        country = draw(st.sampled_from(COUNTRIES))
        found.append(
            Member(
                id=f"{prefix}{index}",
                country=country,
                helix_role=draw(st.sampled_from(ROLES)),
                is_cluster=draw(st.booleans()),
                region=draw(st.sampled_from(["", *REGIONS.get(country, [])])),
                relevance=draw(st.floats(min_value=0, max_value=5, allow_nan=False)),
            )
        )
    return found


@st.composite
def calls(draw):
    low = draw(st.integers(min_value=1, max_value=5))
    return Rules(
        min_partners=low,
        max_partners=draw(st.integers(min_value=low - 1, max_value=low + 4)),
        min_countries=draw(st.integers(min_value=1, max_value=4)),
        eligible_countries=frozenset(draw(st.sets(st.sampled_from(COUNTRIES), max_size=6))),
        member_states=MEMBER_STATES,
        min_in_member_states=draw(st.integers(min_value=0, max_value=2)),
        required_roles=tuple(
            sorted(
                draw(
                    st.dictionaries(
                        st.sampled_from(ROLES), st.integers(min_value=1, max_value=2), max_size=3
                    )
                ).items()
            )
        ),
        programme_regions=frozenset(
            draw(st.sets(st.sampled_from(["PL9", "PL", "DE3", "FR1"]), max_size=2))
        ),
        min_cluster_organisations=draw(st.integers(min_value=0, max_value=3)),
        min_cluster_countries=draw(st.integers(min_value=0, max_value=2)),
    )


def differ_in_two(first, second):
    first, second = set(first), set(second)
    return max(len(first - second), len(second - first)) >= 2


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=calls(), start=members("s"), others=members())
def test_every_proposal_meets_every_rule_and_they_differ(rules, start, others):
    start = start[0] if start else Member(id="s", country="PL", helix_role="business")
    outcome = propose_consortia(rules, start, others, time_limit=5, workers=1)
    if not outcome.consortia:
        assert outcome.reasons, "an empty answer always says why"
        return
    assert len(outcome.consortia) <= 5
    for consortium in outcome.consortia:
        assert consortium.members[0] == start
        assert check_consortium(rules, consortium.members, coordinator=start.id) == ()
        assert consortium.explanation.breaches == ()
        assert_true_explanation(rules, consortium, start)
    for i, first in enumerate(outcome.consortia):
        for second in outcome.consortia[i + 1 :]:
            assert differ_in_two(first.ids, second.ids)
    if len(outcome.consortia) < 5:
        assert outcome.reasons[0].rule == "no_more_distinct"


def assert_true_explanation(rules, consortium, start):
    members = consortium.members
    countries = Counter(m.country for m in members)
    roles = Counter(m.helix_role for m in members)
    required = dict(rules.required_roles)
    for member in members:
        for reason in consortium.explanation.members[member.id]:
            kind, values = reason.kind, reason.values
            if kind == "coordinator":
                assert member.id == start.id
            elif kind == "only_from_country":
                assert values == (member.country,) and countries[member.country] == 1
                assert rules.min_countries > 1
            elif kind == "in_member_state":
                assert member.country in rules.member_states and rules.min_in_member_states
            elif kind == "required_role":
                role, count, minimum = values
                assert role == member.helix_role and required[role] == minimum
                assert roles[role] == count >= minimum
            elif kind == "only_role":
                assert roles[values[0]] == 1 and values[0] == member.helix_role
            elif kind == "cluster_organisation":
                assert member.is_cluster
            elif kind == "in_programme_area":
                assert any(member.region.startswith(c) for c in rules.programme_regions)
            else:
                assert reason in member.reasons, f"unknown reason {kind}"
    met = {reason.kind: reason.values for reason in consortium.explanation.rules_met}
    assert met["partners"][0] == len(members)
    assert met["countries"][0] == len(countries) >= rules.min_countries
    assert set(met["helix_roles"]) == set(roles)


def test_infeasible_call_returns_nothing_with_the_reason():
    rules = Rules(min_partners=3, max_partners=5, required_roles=(("public", 1),))
    start = Member(id="s", country="PL", helix_role="business")
    others = [Member(id=f"o{i}", country="DE", helix_role="research") for i in range(5)]
    outcome = propose_consortia(rules, start, others)
    assert outcome.consortia == ()
    assert outcome.reasons == (Breach("missing_role", ("public", 0, 1)),)


def test_a_start_outside_the_eligible_countries_is_told_so():
    rules = Rules(eligible_countries=frozenset({"DE", "FR"}))
    start = Member(id="s", country="US")
    outcome = propose_consortia(rules, start, [Member(id="a", country="DE")])
    assert outcome.reasons[0].rule == "start_ineligible"


def test_horizon_europe_rules_on_a_small_registry():
    lists = country_lists()
    rules = Rules(
        min_partners=3,
        max_partners=4,
        min_countries=3,
        eligible_countries=lists.horizon_europe,
        member_states=lists.member_states,
        min_in_member_states=1,
    )
    start = Member(id="s", country="NO", helix_role="business")
    others = [
        Member(id="uk", country="GB", helix_role="university", relevance=3),
        Member(id="ch", country="CH", helix_role="research", relevance=2),
        Member(id="us", country="US", helix_role="research", relevance=5),
        Member(id="pl", country="PL", helix_role="public", relevance=1),
        Member(id="de", country="DE", helix_role="research", relevance=1),
    ]
    outcome = propose_consortia(rules, start, others, count=5)
    assert outcome.consortia
    for consortium in outcome.consortia:
        assert "us" not in consortium.ids  # a third country does not count
        assert any(m.country in lists.member_states for m in consortium.members)


def test_the_checker_names_each_broken_rule():
    rules = Rules(
        min_partners=3,
        max_partners=3,
        min_countries=2,
        required_roles=(("public", 1),),
        min_cluster_organisations=1,
    )
    members = [Member(id="a", country="PL"), Member(id="b", country="PL")]
    assert {breach.rule for breach in check_consortium(rules, members, coordinator="c")} == {
        "no_coordinator",
        "too_few_partners",
        "too_few_countries",
        "missing_role",
        "too_few_cluster_organisations",
    }


def test_the_country_lists_are_dated_and_complete():
    lists = country_lists()
    assert str(lists.as_of) == "2025-01-01"
    assert len(lists.member_states) == 27
    assert {"NO", "GB", "UA", "CH", "IS", "TR"} <= lists.associated_codes
    assert not lists.member_states & lists.associated_codes


@st.composite
def small_instances(draw):
    start = Member(id="s", country=draw(st.sampled_from(COUNTRIES[:4])), helix_role="business")
    others = draw(members())[:6]
    low = draw(st.integers(min_value=1, max_value=4))
    rules = Rules(
        min_partners=low,
        max_partners=draw(st.integers(min_value=low, max_value=low + 2)),
        min_countries=draw(st.integers(min_value=1, max_value=3)),
        eligible_countries=frozenset(draw(st.sets(st.sampled_from(COUNTRIES), max_size=5))),
        member_states=MEMBER_STATES,
        min_in_member_states=draw(st.integers(min_value=0, max_value=2)),
        required_roles=tuple(
            sorted(
                draw(
                    st.dictionaries(
                        st.sampled_from(ROLES), st.integers(min_value=1, max_value=2), max_size=2
                    )
                ).items()
            )
        ),
        min_cluster_organisations=draw(st.integers(min_value=0, max_value=2)),
        min_cluster_countries=draw(st.integers(min_value=0, max_value=2)),
    )
    return rules, start, others


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instance=small_instances())
def test_when_none_is_found_none_exists(instance):
    """Brute force over every subset of a small registry: "no consortium" is never a false
    negative, and a search that ran out of time never claims it."""
    from itertools import combinations

    rules, start, others = instance
    outcome = propose_consortia(rules, start, others, count=1, time_limit=5, workers=1)
    kinds = {reason.rule for reason in outcome.reasons}
    assert not kinds & {"search_stopped", "search_stopped_early"}  # tiny: always proven
    unique = list({m.id: m for m in others if m.id != start.id}.values())
    exists = any(
        not check_consortium(rules, [start, *chosen], coordinator=start.id)
        for size in range(len(unique) + 1)
        for chosen in combinations(unique, size)
    )
    assert bool(outcome.consortia) == exists
