"""Consortium builder: plain data in, the best consortia under a call's rules out (no ORM).

A call's rules bound the number of partners (the coordinator included: every legal entity of the
consortium counts), the distinct countries, the eligible countries, the members from EU member
states, the helix roles, the cluster organisations and, for Interreg, the programme area's NUTS
regions. CP-SAT picks one boolean per candidate; the objective is the partners' relevance (from
recommend.py) plus a bonus for each distinct country and helix role, in integer hundredths.

Proposals are found one after another; each new one must differ from every earlier one in at
least `min_difference` partners. "Differs in d partners" means: at least d of the earlier
consortium's members are missing from the new one, or at least d of the new one's members are
missing from the earlier one. A single swap (one out, one in) is therefore not a new proposal,
while adding two partners is. The relation is symmetric, so the proposals differ pairwise.

`check_consortium` checks a consortium against the rules without the solver; tests and the save
step use it, so that a proposal is never trusted merely because the solver produced it.

A rule set that counts independent legal entities (Horizon Europe) counts affiliated members
(one group: consortium_entities.py) once towards the minimum of partners, of countries and of
partners in member states; the maximum of partners still counts every legal entity.
"""

import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from .consortium_area import in_programme_area
from .consortium_entities import (
    affiliated_groups,
    countries_count,
    counts_affiliates,
    entity_of,
    in_member_states_count,
    partners_count,
)

SCALE = 100  # relevance points are floats; CP-SAT wants integers
COUNTRY_BONUS = 100  # one relevance point for each distinct country
ROLE_BONUS = 100  # and for each distinct helix role


@dataclass(frozen=True)
class Rules:
    min_partners: int = 3
    max_partners: int = 8
    min_countries: int = 1
    eligible_countries: frozenset = frozenset()  # ISO codes; empty: any country
    member_states: frozenset = frozenset()
    min_in_member_states: int = 0
    required_roles: tuple = ()  # ((helix role, minimum), ...)
    programme_regions: frozenset = frozenset()  # NUTS codes of any level; empty: anywhere
    min_cluster_organisations: int = 0
    min_cluster_countries: int = 0  # distinct countries among the cluster organisations
    independent_entities: bool = False  # affiliated members count as one entity


@dataclass(frozen=True)
class Member:
    """A candidate partner, or a member of a consortium."""

    id: str
    country: str
    helix_role: str = "other"
    is_cluster: bool = False
    region: str = ""  # NUTS 3 code
    relevance: float = 0.0
    reasons: tuple = ()  # recommend.Reason: why it is relevant
    group: object = None  # the top of its control chain, when another organisation controls it
    name: str = ""  # for the explanation's sentences


@dataclass(frozen=True)
class Breach:
    """A rule a consortium (or the whole search) fails, with the figures that show it."""

    rule: str
    values: tuple = ()


@dataclass(frozen=True)
class Consortium:
    members: tuple  # Member, coordinator first
    score: int  # the objective, in hundredths
    optimal: bool
    differs_from: tuple = ()  # (index of an earlier proposal, ids of its members left out)
    explanation: object = None  # consortium_explain.Explanation

    @property
    def ids(self):
        return tuple(member.id for member in self.members)


@dataclass(frozen=True)
class Outcome:
    consortia: tuple  # Consortium, best first
    reasons: tuple = ()  # Breach: why there are none (or fewer than asked)
    seconds: float = 0.0
    pool_size: int = 0
    stats: dict = field(default_factory=dict)


def check_consortium(rules, members, *, coordinator=None):
    """Every rule the members break, as Breach records; empty when the consortium is eligible."""
    breaches = []
    ids = [member.id for member in members]
    for duplicate in sorted({i for i in ids if ids.count(i) > 1}):
        breaches.append(Breach("duplicate_member", (duplicate,)))
    unique = list({member.id: member for member in members}.values())
    size = len(unique)
    if coordinator is not None and coordinator not in ids:
        breaches.append(Breach("no_coordinator", (coordinator,)))
    counted = partners_count(rules, unique)
    if counted < rules.min_partners:
        breaches.append(Breach(_few(rules, unique, "partners"), (counted, rules.min_partners)))
    if size > rules.max_partners:
        breaches.append(Breach("too_many_partners", (size, rules.max_partners)))
    for member in unique:
        if rules.eligible_countries and member.country not in rules.eligible_countries:
            breaches.append(Breach("ineligible_country", (member.id, member.country)))
        if rules.programme_regions and not in_programme_area(
            member.region, rules.programme_regions
        ):
            breaches.append(Breach("outside_programme_area", (member.id, member.region)))
    breaches += _count_breaches(rules, unique)
    for role, minimum in rules.required_roles:
        found = sum(member.helix_role == role for member in unique)
        if found < minimum:
            breaches.append(Breach("missing_role", (role, found, minimum)))
    clusters = [member for member in unique if member.is_cluster]
    if len(clusters) < rules.min_cluster_organisations:
        breaches.append(
            Breach(
                "too_few_cluster_organisations", (len(clusters), rules.min_cluster_organisations)
            )
        )
    cluster_countries = len({member.country for member in clusters})
    if cluster_countries < rules.min_cluster_countries:
        breaches.append(
            Breach("too_few_cluster_countries", (cluster_countries, rules.min_cluster_countries))
        )
    return tuple(breaches)


def _few(rules, members, what):
    """The breach kind; where affiliates make the count of independent entities differ, the
    sentence says so."""
    return f"too_few_{what}" + ("_entities" if counts_affiliates(rules, members) else "")


def _count_breaches(rules, members):
    """The minima of countries and of partners in member states."""
    breaches = []
    countries = countries_count(rules, members)
    if countries < rules.min_countries:
        breaches.append(Breach(_few(rules, members, "countries"), (countries, rules.min_countries)))
    if rules.min_in_member_states:
        in_states = in_member_states_count(rules, members)
        if in_states < rules.min_in_member_states:
            breaches.append(
                Breach(
                    _few(rules, members, "in_member_states"),
                    (in_states, rules.min_in_member_states),
                )
            )
    return breaches


def is_eligible(rules, member):
    if rules.eligible_countries and member.country not in rules.eligible_countries:
        return False
    return not rules.programme_regions or in_programme_area(member.region, rules.programme_regions)


def propose_consortia(
    rules, start, candidates, *, count=5, min_difference=2, time_limit=10.0, workers=8
):
    """Up to `count` consortia led by `start`, best first; none, with the reasons, if the rules
    cannot be met from these candidates."""
    from .consortium_explain import explain

    started = time.perf_counter()
    obstacles = _obstacles(rules, start, candidates)
    if obstacles:
        return Outcome((), obstacles, time.perf_counter() - started)
    pool = _pool(rules, start, candidates, keep=count * rules.max_partners)
    search = _Search(rules, start, pool, workers=workers)
    consortia, reasons = [], ()
    for index in range(count):
        budget = max(0.1, (time_limit - (time.perf_counter() - started)) / (count - index))
        found = search.solve(budget)
        if found is _Search.STOPPED:
            # Out of time, nothing proven: saying no consortium exists would be untrue.
            seconds = round(time.perf_counter() - started, 1)
            kind = "search_stopped" if index == 0 else "search_stopped_early"
            reasons = (Breach(kind, (seconds,)),)
            break
        if found is None:
            reasons = (
                Breach("no_consortium") if index == 0 else Breach("no_more_distinct", (index,)),
            )
            break
        chosen, score, optimal = found
        members = (start, *sorted(chosen, key=lambda m: (-m.relevance, m.id)))
        ids = {member.id for member in members}
        differs = tuple(
            (earlier, tuple(sorted(set(previous.ids) - ids)))
            for earlier, previous in enumerate(consortia)
        )
        consortia.append(
            Consortium(
                members=members,
                score=score,
                optimal=optimal,
                differs_from=differs,
                explanation=explain(rules, members, coordinator=start.id),
            )
        )
        search.exclude(ids, min_difference)
    if not reasons and not all(consortium.optimal for consortium in consortia):
        seconds = round(time.perf_counter() - started, 1)
        reasons = (Breach("search_stopped_early", (seconds,)),)
    return Outcome(
        tuple(consortia),
        reasons,
        time.perf_counter() - started,
        pool_size=len(pool) + 1,
        stats={"candidates": len(candidates)},
    )


def _obstacles(rules, start, candidates):
    """Plain reasons that make every consortium impossible, found before the solver runs."""
    if rules.min_partners > rules.max_partners:
        return (Breach("min_above_max", (rules.min_partners, rules.max_partners)),)
    if not is_eligible(rules, start):
        return (Breach("start_ineligible", (start.id, start.country, start.region)),)
    everyone = {member.id: member for member in candidates if is_eligible(rules, member)}
    everyone[start.id] = start
    members = list(everyone.values())
    reasons = []
    counted = partners_count(rules, members)
    if counted < rules.min_partners:
        kind = "too_few_candidate" + ("_entities" if counts_affiliates(rules, members) else "s")
        reasons.append(Breach(kind, (counted, rules.min_partners)))
    reasons += _count_breaches(rules, members)
    for role, minimum in rules.required_roles:
        found = sum(member.helix_role == role for member in members)
        if found < minimum:
            reasons.append(Breach("missing_role", (role, found, minimum)))
    clusters = [member for member in members if member.is_cluster]
    if len(clusters) < rules.min_cluster_organisations:
        reasons.append(
            Breach(
                "too_few_cluster_organisations", (len(clusters), rules.min_cluster_organisations)
            )
        )
    cluster_countries = len({member.country for member in clusters})
    if cluster_countries < rules.min_cluster_countries:
        reasons.append(
            Breach("too_few_cluster_countries", (cluster_countries, rules.min_cluster_countries))
        )
    return tuple(reasons)


def _pool(rules, start, candidates, *, keep):
    """The eligible candidates, at most `keep` per kind (country, role, cluster), best first.

    Exact, not a heuristic: candidates of one kind differ only in relevance, and every consortium
    using one outside its kind's best `keep` can swap it for one of them that is neither in that
    consortium nor in any of the count - 1 earlier ones (they hold at most
    (count - 1) * max_partners of that kind), keeping every rule and difference and not lowering
    the objective.
    """
    kinds = defaultdict(list)
    unique = {m.id: m for m in candidates if m.id != start.id and is_eligible(rules, m)}
    # Affiliated members are not interchangeable with others: each group is a kind of its own.
    everyone = [start, *unique.values()]
    affiliated = set(affiliated_groups(everyone)) if rules.independent_entities else ()
    for member in unique.values():
        entity = entity_of(member)
        group = entity if entity in affiliated else None
        kinds[(member.country, member.helix_role, member.is_cluster, group)].append(member)
    pool = []
    for members in kinds.values():
        members.sort(key=lambda m: (-m.relevance, m.id))
        pool += members[:keep]
    return sorted(pool, key=lambda m: m.id)


class _Search:
    STOPPED = "stopped"  # the time ran out before a solution or a proof that there is none

    def __init__(self, rules, start, pool, *, workers):
        self.start, self.pool, self.workers = start, pool, workers
        self.everyone = [start, *pool]
        model = self.model = cp_model.CpModel()
        self.chosen = {m.id: model.new_bool_var(f"x{i}") for i, m in enumerate(self.everyone)}
        x = self.chosen
        model.add(x[start.id] == 1)
        size = sum(x.values())
        model.add(size <= rules.max_partners)
        countries = self._indicators("c", lambda m: m.country)
        roles = self._indicators("r", lambda m: m.helix_role)
        # Implied by the minima in entities too, and they help the solver prune.
        model.add(size >= rules.min_partners)
        model.add(sum(countries.values()) >= rules.min_countries)
        entities_differ = counts_affiliates(rules, self.everyone)
        if entities_differ:
            self._entity_rules(rules)
        if rules.min_in_member_states and not entities_differ:
            model.add(
                sum(x[m.id] for m in self.everyone if m.country in rules.member_states)
                >= rules.min_in_member_states
            )
        for role, minimum in rules.required_roles:
            model.add(sum(x[m.id] for m in self.everyone if m.helix_role == role) >= minimum)
        clusters = [m for m in self.everyone if m.is_cluster]
        if rules.min_cluster_organisations:
            model.add(sum(x[m.id] for m in clusters) >= rules.min_cluster_organisations)
        if rules.min_cluster_countries:
            cluster_countries = self._indicators("k", lambda m: m.country, members=clusters)
            model.add(sum(cluster_countries.values()) >= rules.min_cluster_countries)
        model.maximize(
            sum(round(m.relevance * SCALE) * x[m.id] for m in pool)
            + COUNTRY_BONUS * sum(countries.values())
            + ROLE_BONUS * sum(roles.values())
        )

    def _entity_rules(self, rules):
        """The minima counted in independent entities. An unaffiliated member is an entity of
        its own; a group is in when any of its members is. Towards the countries, each entity
        stands for at most one country and each country for at most one entity (a matching):
        unaffiliated members only for their own, so one flag per country serves them all."""
        model, x = self.model, self.chosen
        grouped = set(affiliated_groups(self.everyone))
        alone = [m for m in self.everyone if entity_of(m) not in grouped]
        together = [m for m in self.everyone if entity_of(m) in grouped]
        groups = self._indicators("e", entity_of, members=together)
        model.add(sum(x[m.id] for m in alone) + sum(groups.values()) >= rules.min_partners)
        by_alone = self._indicators("z", lambda m: m.country, members=alone)
        by_group = self._indicators("y", lambda m: (entity_of(m), m.country), members=together)
        per_country, per_group = defaultdict(list), defaultdict(list)
        for country, flag in by_alone.items():
            per_country[country].append(flag)
        for (group, country), flag in by_group.items():
            per_country[country].append(flag)
            per_group[group].append(flag)
        for flags in [*per_country.values(), *per_group.values()]:
            model.add(sum(flags) <= 1)
        model.add(sum(by_alone.values()) + sum(by_group.values()) >= rules.min_countries)
        if rules.min_in_member_states:
            states = rules.member_states
            groups_in = self._indicators(
                "s", entity_of, members=[m for m in together if m.country in states]
            )
            model.add(
                sum(x[m.id] for m in alone if m.country in states) + sum(groups_in.values())
                >= rules.min_in_member_states
            )

    def _indicators(self, prefix, key, members=None):
        """One boolean per value of `key`, true only if a chosen member has that value."""
        groups = defaultdict(list)
        for member in members if members is not None else self.everyone:
            groups[key(member)].append(self.chosen[member.id])
        indicators = {}
        for index, (value, chosen) in enumerate(sorted(groups.items())):
            flag = indicators[value] = self.model.new_bool_var(f"{prefix}{index}")
            self.model.add(sum(chosen) >= flag)
        return indicators

    def solve(self, seconds):
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = 1
        status = solver.solve(self.model)
        if status == cp_model.UNKNOWN:
            return self.STOPPED
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        chosen = [m for m in self.pool if solver.boolean_value(self.chosen[m.id])]
        return chosen, round(solver.objective_value), status == cp_model.OPTIMAL

    def exclude(self, ids, difference):
        """Later solutions leave out `difference` of these members, or add `difference` others."""
        x, model = self.chosen, self.model
        leaves = model.new_bool_var("")
        model.add(sum(1 - x[i] for i in ids) >= difference).only_enforce_if(leaves)
        model.add(sum(v for i, v in x.items() if i not in ids) >= difference).only_enforce_if(
            ~leaves
        )
