"""The consortium builder on the registry: a call's rules and the registry's organisations as
plain data, the CP-SAT search (cooperation/consortium.py), and saving a consortium as an idea."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from helisa.registry.control import control_links, group_of
from helisa.registry.models import Cluster, Organisation

from ..candidates import candidate_set, topic_of
from ..consortium import Member, Rules, check_consortium, is_eligible, propose_consortia
from ..consortium_explain import explain
from ..consortium_messages import breach_message, member_message, rule_message
from ..eu_countries import country_lists
from ..models import CountryList, PartnerRole, ProjectStatus
from ..reasons import render_reason
from ..recommend import Query, Topic, score_candidates
from .projects import create_project

SUGGESTIONS = 40
TIME_LIMIT = 10.0  # seconds for all five proposals; the demo registry needs about one


def rules_for(call):
    lists = country_lists()
    eligible = set(call.eligible_countries or ())
    if call.eligible_list == CountryList.MEMBER_STATES:
        eligible |= lists.member_states
    elif call.eligible_list == CountryList.HORIZON_EUROPE:
        eligible |= lists.horizon_europe
    return Rules(
        min_partners=call.min_partners,
        max_partners=call.max_partners,
        min_countries=call.min_countries,
        eligible_countries=frozenset(eligible),
        member_states=lists.member_states,
        min_in_member_states=call.min_in_member_states,
        required_roles=tuple(
            sorted((role, int(n)) for role, n in call.required_roles.items() if n)
        ),
        programme_regions=frozenset(call.programme_regions or ()),
        min_cluster_organisations=call.min_cluster_organisations,
        min_cluster_countries=call.min_cluster_countries,
        independent_entities=call.counts_independent_entities,
    )


def _query(call, start):
    topics = [topic_of(topic) for topic in start.topics.all()]
    if call.topic_code:
        name = call.display_name
        topics.append(Topic(call.topic_code, str(name) if name else ""))
    return Query(
        requester=start.pk,
        helix_role=start.helix_role,
        topics=tuple(topics),
        sectors=frozenset(start.sectors.values_list("code", flat=True)),
        roles_sought=frozenset(role for role, _n in rules_for(call).required_roles),
    )


def members_for(call, start):
    """Every organisation as a consortium member, scored for the call and the starting
    organisation; (start member, the others, the candidate data the reasons speak of)."""
    data = candidate_set()
    query = _query(call, start)
    scored = {r.candidate_id: r for r in score_candidates(query, data.candidates, graph=data.graph)}
    # The ranker's scores order candidates; their zero means nothing. Counted from the least
    # relevant candidate, no partner lowers a consortium's relevance, as with the hand-set score.
    floor = min((r.score for r in scored.values()), default=0.0)
    regions = dict(Organisation.objects.values_list("pk", "region_id"))
    clusters = set(Cluster.objects.values_list("pk", flat=True))
    links = control_links()
    members = []
    for candidate in data.candidates:
        result = scored[candidate.id]
        members.append(
            Member(
                id=candidate.id,
                country=candidate.country,
                helix_role=candidate.helix_role,
                is_cluster=candidate.id in clusters,
                region=regions.get(candidate.id) or "",
                relevance=0.0 if candidate.id == start.pk else result.score - floor,
                reasons=() if candidate.id == start.pk else result.reasons,
                group=group_of(candidate.id, links) if candidate.id in links else None,
                name=data.names.get(candidate.id, ""),
            )
        )
    by_id = {member.id: member for member in members}
    return by_id[start.pk], [m for m in members if m.id != start.pk], data


@dataclass(frozen=True)
class ShownConsortium:
    """A consortium as pages and the API show it: organisations and sentences."""

    members: tuple  # (Organisation, role, [sentences])
    rules_met: tuple  # sentences
    breaches: tuple  # sentences
    ids: tuple
    differs_from: tuple = ()  # (proposal number, [organisations left out])
    score: float = 0.0
    optimal: bool = True  # False when the search ran out of time before proving it the best


def propose(*, call, start, count=5, time_limit=TIME_LIMIT):
    """(shown consortia, sentences saying why there are none or fewer, outcome)."""
    start_member, others, data = members_for(call, start)
    outcome = propose_consortia(
        rules_for(call), start_member, others, count=count, time_limit=time_limit
    )
    organisations = Organisation.objects.select_related("country").in_bulk(
        [m.id for consortium in outcome.consortia for m in consortium.members]
    )
    shown = [
        _shown(
            consortium.explanation,
            consortium.members,
            organisations,
            data,
            start,
            differs=[
                (index + 1, [organisations[pk] for pk in left])
                for index, left in consortium.differs_from
            ],
            score=consortium.score / 100,
            optimal=consortium.optimal,
        )
        for consortium in outcome.consortia
    ]
    return shown, [breach_message(breach) for breach in outcome.reasons], outcome


def review(*, call, start, organisation_ids):
    """A consortium the user edits: its rules re-checked, each breach in words; and the most
    relevant eligible organisations to add."""
    start_member, others, data = members_for(call, start)
    by_id = {member.id: member for member in others}
    members = [start_member] + [by_id[pk] for pk in dict.fromkeys(organisation_ids) if pk in by_id]
    rules = rules_for(call)
    explanation = explain(rules, members, coordinator=start.pk)
    chosen = {m.id for m in members}
    suggested = sorted(
        (m for m in others if m.id not in chosen and is_eligible(rules, m)),
        key=lambda m: (-m.relevance, m.id),
    )[:SUGGESTIONS]
    organisations = Organisation.objects.select_related("country").in_bulk(
        [m.id for m in members] + [m.id for m in suggested]
    )
    shown = _shown(explanation, members, organisations, data, start)
    return shown, [organisations[m.id] for m in suggested]


def _shown(explanation, members, organisations, data, start, differs=(), score=0.0, optimal=True):
    rows = []
    for member in members:
        sentences = [
            member_message(reason)
            if reason.kind in _RULE_KINDS
            else render_reason(reason, data=data, requester=start.pk, candidate_id=member.id)
            for reason in explanation.members.get(member.id, ())
        ]
        role = PartnerRole.COORDINATOR if member.id == start.pk else PartnerRole.PARTNER
        rows.append((organisations[member.id], role, sentences))
    return ShownConsortium(
        members=tuple(rows),
        rules_met=tuple(rule_message(reason) for reason in explanation.rules_met),
        breaches=tuple(breach_message(breach) for breach in explanation.breaches),
        ids=tuple(member.id for member in members),
        differs_from=tuple(differs),
        score=score,
        optimal=optimal,
    )


_RULE_KINDS = {
    "coordinator",
    "only_from_country",
    "in_member_state",
    "required_role",
    "only_role",
    "cluster_organisation",
    "in_programme_area",
    "affiliated_with",
}


@transaction.atomic
def save_idea(*, call, start, organisation_ids, by, title="", acronym=""):
    """Save a consortium as a project idea, the starting organisation its coordinator; refused,
    with every broken rule in words, unless the consortium meets the call's rules."""
    organisations = Organisation.objects.in_bulk(list(dict.fromkeys(organisation_ids)))
    partners = [organisations[pk] for pk in dict.fromkeys(organisation_ids) if pk in organisations]
    partners = [o for o in partners if o.pk != start.pk]
    clusters = set(
        Cluster.objects.filter(pk__in=[start.pk, *organisations]).values_list("pk", flat=True)
    )
    links = control_links()
    members = [
        Member(
            id=o.pk,
            country=o.country_id,
            helix_role=o.helix_role,
            is_cluster=o.pk in clusters,
            region=o.region_id or "",
            group=group_of(o.pk, links) if o.pk in links else None,
        )
        for o in [start, *partners]
    ]
    breaches = check_consortium(rules_for(call), members, coordinator=start.pk)
    if breaches:
        raise ValidationError([breach_message(breach) for breach in breaches], code="rules")
    return create_project(
        title=title or acronym or _("Project idea for %(call)s") % {"call": call},
        acronym=acronym,
        call=call,
        status=ProjectStatus.IDEA,
        by=by,
        partners=[(start, PartnerRole.COORDINATOR, None)]
        + [(o, PartnerRole.PARTNER, None) for o in partners],
    )
