"""Why a consortium is built as it is: statements about its rules and members, as structured data
(kind + values) that pages render in the reader's language. Each statement is checked against the
members it speaks of (tests/cooperation/test_consortium.py verifies them one by one)."""

from collections import Counter
from dataclasses import dataclass

from .consortium import check_consortium, in_programme_area
from .consortium_entities import (
    affiliated_groups,
    countries_count,
    counts_affiliates,
    entities,
    entity_of,
    in_member_states_count,
)
from .recommend import Reason


@dataclass(frozen=True)
class Explanation:
    rules_met: tuple  # Reason: each rule of the call, with the consortium's figure
    members: dict  # member id -> tuple of Reason
    breaches: tuple  # consortium.Breach: empty for an eligible consortium


def explain(rules, members, *, coordinator=None):
    members = list({member.id: member for member in members}.values())
    countries = Counter(member.country for member in members)
    roles = Counter(member.helix_role for member in members)
    clusters = [member for member in members if member.is_cluster]
    met = _counted(rules, members, countries)
    for role, minimum in rules.required_roles:
        met.append(Reason("role", (role, roles[role], minimum)))
    if rules.min_cluster_organisations:
        met.append(
            Reason("cluster_organisations", (len(clusters), rules.min_cluster_organisations))
        )
    if rules.min_cluster_countries:
        cluster_countries = len({member.country for member in clusters})
        met.append(Reason("cluster_countries", (cluster_countries, rules.min_cluster_countries)))
    if rules.programme_regions:
        met.append(Reason("programme_area", tuple(sorted(rules.programme_regions))))
    met.append(Reason("helix_roles", tuple(sorted(roles))))
    required = dict(rules.required_roles)
    groups = affiliated_groups(members) if rules.independent_entities else {}
    explained = {
        member.id: _member_reasons(rules, member, coordinator, countries, roles, required, groups)
        for member in members
    }
    breaches = check_consortium(rules, members, coordinator=coordinator)
    return Explanation(rules_met=tuple(met), members=explained, breaches=breaches)


def _counted(rules, members, countries):
    """The minima of partners, countries and partners in member states, with the figures; in
    independent entities where the rules count them so and affiliates make them differ, with
    each group of affiliates said once."""
    in_states = in_member_states_count(rules, members)
    if not counts_affiliates(rules, members):
        met = [Reason("partners", (len(members), rules.min_partners, rules.max_partners))]
        met.append(
            Reason("countries", (len(countries), rules.min_countries, tuple(sorted(countries))))
        )
        if rules.min_in_member_states:
            met.append(Reason("member_states", (in_states, rules.min_in_member_states)))
        return met
    met = [
        Reason(
            "entities",
            (len(entities(members)), rules.min_partners, len(members), rules.max_partners),
        ),
        Reason(
            "entity_countries",
            (countries_count(rules, members), rules.min_countries, tuple(sorted(countries))),
        ),
    ]
    if rules.min_in_member_states:
        met.append(Reason("entity_member_states", (in_states, rules.min_in_member_states)))
    for group in sorted(affiliated_groups(members).values(), key=lambda g: str(entity_of(g[0]))):
        met.append(Reason("affiliated", tuple(_name(member) for member in group)))
    return met


def _affiliation(member, groups):
    group = groups.get(entity_of(member))
    if not group:
        return ()
    others = tuple(_name(other) for other in group if other.id != member.id)
    return (Reason("affiliated_with", others),)


def _name(member):
    return member.name or str(member.id)


def _member_reasons(rules, member, coordinator, countries, roles, required, groups):
    reasons = []
    if member.id == coordinator:
        reasons.append(Reason("coordinator", ()))
    if rules.min_countries > 1 and countries[member.country] == 1:
        reasons.append(Reason("only_from_country", (member.country,)))
    if rules.min_in_member_states and member.country in rules.member_states:
        reasons.append(Reason("in_member_state", (member.country,)))
    if member.helix_role in required:
        reasons.append(
            Reason(
                "required_role",
                (member.helix_role, roles[member.helix_role], required[member.helix_role]),
            )
        )
    elif roles[member.helix_role] == 1:
        reasons.append(Reason("only_role", (member.helix_role,)))
    if member.is_cluster and (rules.min_cluster_organisations or rules.min_cluster_countries):
        reasons.append(Reason("cluster_organisation", ()))
    if rules.programme_regions and in_programme_area(member.region, rules.programme_regions):
        reasons.append(Reason("in_programme_area", (member.region,)))
    return tuple(reasons) + _affiliation(member, groups) + tuple(member.reasons)
