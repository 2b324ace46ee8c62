"""Recommended partners for a cooperation profile, an organisation, a cluster or a free text.

Loads the query from the models, runs the plain-data recommender (cooperation/recommend.py)
over the registry's candidates (cooperation/candidates.py), and gives each result its
organisation and its reasons both as data (kind, values) and as a sentence in the active
language.
"""

from dataclasses import dataclass

from helisa.registry.models import Membership, MembershipStatus, Organisation

from ..candidates import candidate_set, topic_of
from ..reasons import render_reason
from ..recommend import Query, recommend

DEFAULT_LIMIT = 20
MAX_LIMIT = 50


@dataclass(frozen=True)
class ExplainedReason:
    kind: str
    values: tuple
    text: str


@dataclass(frozen=True)
class PartnerMatch:
    organisation: Organisation
    score: float
    reasons: tuple  # ExplainedReason


def recommend_for_profile(profile, *, limit=DEFAULT_LIMIT):
    texts = _joined(profile.title, profile.text)
    query = Query(
        requester=profile.organisation_id,
        helix_role=profile.organisation.helix_role,
        country=profile.organisation.country_id,
        topics=tuple(topic_of(t) for t in profile.topics.all()),
        sectors=frozenset(s.code for s in profile.sectors.all()),
        texts=texts,
        roles_sought=frozenset(profile.helix_roles_sought or ()),
        countries_sought=frozenset(c.code for c in profile.countries_sought.all()),
    )
    return _run(query, limit=limit)


def recommend_for_organisation(organisation, *, limit=DEFAULT_LIMIT):
    query = Query(
        requester=organisation.pk,
        helix_role=organisation.helix_role,
        country=organisation.country_id,
        topics=tuple(topic_of(t) for t in organisation.topics.all()),
        sectors=frozenset(s.code for s in organisation.sectors.all()),
        texts={lang: text for lang, text in (organisation.description or {}).items() if text},
    )
    return _run(query, limit=limit)


def recommend_for_cluster(cluster, *, limit=DEFAULT_LIMIT):
    """Organisations that are not active members yet: whom the cluster might take in or team
    up with."""
    organisation = cluster.organisation
    topics = {*organisation.topics.all(), *cluster.focus_topics.all()}
    sectors = {*organisation.sectors.all(), *cluster.focus_sectors.all()}
    members = Membership.objects.filter(cluster=cluster, status=MembershipStatus.ACTIVE)
    query = Query(
        requester=organisation.pk,
        helix_role=organisation.helix_role,
        country=organisation.country_id,
        topics=tuple(sorted((topic_of(t) for t in topics), key=lambda t: t.code)),
        sectors=frozenset(s.code for s in sectors),
        texts={lang: text for lang, text in (organisation.description or {}).items() if text},
    )
    return _run(query, limit=limit, exclude=members.values_list("member_id", flat=True))


def recommend_for_description(
    *,
    text="",
    topics=(),
    sectors=(),
    start_organisation=None,
    countries=(),
    helix_roles=(),
    limit=DEFAULT_LIMIT,
):
    """For what someone writes in any language, with optional topics and sectors (records),
    the organisation they speak for, and the countries and helix roles they seek."""
    query = Query(
        requester=start_organisation.pk if start_organisation else None,
        helix_role=start_organisation.helix_role if start_organisation else None,
        country=start_organisation.country_id if start_organisation else "",
        topics=tuple(topic_of(t) for t in topics),
        sectors=frozenset(s.code for s in sectors),
        texts={"query": text.strip()} if text.strip() else {},
        roles_sought=frozenset(helix_roles),
        countries_sought=frozenset(countries),
    )
    return _run(query, limit=limit)


def _joined(title, text):
    """{language: title and text}: one text per language for the text matching."""
    title, text = title or {}, text or {}
    joined = {}
    for language in sorted(set(title) | set(text)):
        value = ". ".join(part for part in (title.get(language), text.get(language)) if part)
        if value:
            joined[language] = value
    return joined


def _run(query, *, limit, exclude=()):
    limit = max(1, min(int(limit or DEFAULT_LIMIT), MAX_LIMIT))
    data = candidate_set()
    results = recommend(query, data.candidates, limit=limit, exclude=exclude, graph=data.graph)
    organisations = Organisation.objects.select_related("country").in_bulk(
        [result.candidate_id for result in results]
    )
    return [
        PartnerMatch(
            organisation=organisations[result.candidate_id],
            score=result.score,
            reasons=tuple(
                ExplainedReason(
                    reason.kind,
                    reason.values,
                    render_reason(
                        reason,
                        data=data,
                        requester=query.requester,
                        candidate_id=result.candidate_id,
                    ),
                )
                for reason in result.reasons
            ),
        )
        for result in results
        if result.candidate_id in organisations
    ]
