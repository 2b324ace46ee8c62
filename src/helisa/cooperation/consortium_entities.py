"""Independent legal entities (Horizon Europe): affiliated organisations (one controls the other,
or both belong to one group) count as one entity, the group at the top of their control chain.

An entity stands for one country towards "entities from n different countries": a group with
members in two countries still counts once, so the figure is the largest matching between
entities and their members' countries (plain data, no ORM).
"""

from collections import defaultdict


def entity_of(member):
    return member.id if member.group is None else member.group


def entities(members):
    return {entity_of(member) for member in members}


def entity_countries(members):
    """The most distinct countries that distinct entities can each stand for."""
    options = defaultdict(set)
    for member in members:
        options[entity_of(member)].add(member.country)
    countries = set().union(*options.values()) if options else set()
    owner = {}  # country -> the entity standing for it

    def assign(entity, seen):
        for country in sorted(options[entity]):
            if country not in seen:
                seen.add(country)
                if country not in owner or assign(owner[country], seen):
                    owner[country] = entity
                    return True
        return False

    for entity in sorted(options, key=str):
        if len(owner) == len(countries):
            break
        assign(entity, set())
    return len(owner)


def entities_in(members, countries):
    """How many entities have a member in one of these countries."""
    return len({entity_of(member) for member in members if member.country in countries})


def affiliated_groups(members):
    """The entities that several of the members belong to: {entity: [members]}."""
    groups = defaultdict(list)
    for member in members:
        groups[entity_of(member)].append(member)
    return {entity: found for entity, found in groups.items() if len(found) > 1}


def counts_affiliates(rules, members):
    """Whether the rules count independent entities and some of the members are affiliated."""
    return rules.independent_entities and bool(affiliated_groups(members))


def partners_count(rules, members):
    """The figure the minimum of partners applies to: entities, or legal entities."""
    return len(entities(members)) if rules.independent_entities else len(members)


def countries_count(rules, members):
    if rules.independent_entities:
        return entity_countries(members)
    return len({member.country for member in members})


def in_member_states_count(rules, members):
    if rules.independent_entities:
        return entities_in(members, rules.member_states)
    return sum(member.country in rules.member_states for member in members)
