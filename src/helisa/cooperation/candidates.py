"""The recommender's candidates, built from the registry as plain data and kept per process.

Every organisation in the registry is a candidate: helix role, country, topics (code and
label), sectors (its own and, for a cluster organisation, its cluster's focus), descriptions and
published cooperation profiles in every language. Earlier cooperation comes from sources of
groups of organisations that worked together: cluster memberships today; the projects of the
consortium work plug in with `add_cooperation_source` without this module knowing them.

Building the set and encoding its texts takes seconds on the demo registry, so both are kept for
the life of the process and rebuilt only when the data version (a handful of aggregate queries)
changes. The vectors stay in the encoder's own per-process cache (recommend_text); they are not
put in Django's cache because a redis round trip of ~10 MB per request would cost more than it
saves.
"""

import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.db.models import Count, Max

from helisa.core.translated import in_language
from helisa.registry.models import (
    Cluster,
    Membership,
    MembershipStatus,
    Organisation,
    TopicScheme,
)

from .models import CooperationProfile, ProfileStatus
from .recommend import Candidate, Topic
from .recommend_text import encoder


@dataclass(frozen=True)
class CooperationSource:
    """Groups of organisations that worked together, e.g. a cluster's members or a project's
    consortium. `groups()` yields iterables of organisation ids; `version()` is any value that
    changes when the groups do."""

    kind: str  # "clusters", "projects": how a reason counts them
    groups: object
    version: object


def _cluster_groups():
    members = defaultdict(set)
    rows = Membership.objects.filter(status=MembershipStatus.ACTIVE).values_list(
        "cluster_id", "member_id"
    )
    for cluster_id, member_id in rows:
        members[cluster_id].add(member_id)
    # The cluster organisation works with each of its members as well.
    return [members[cluster_id] | {cluster_id} for cluster_id in sorted(members)]


def _cluster_version():
    return tuple(
        Membership.objects.filter(status=MembershipStatus.ACTIVE)
        .aggregate(count=Count("pk"), last=Max("pk"), members=Count("member_id", distinct=True))
        .values()
    )


_SOURCES = [CooperationSource("clusters", _cluster_groups, _cluster_version)]


def add_cooperation_source(source):
    """Plug in another source of earlier cooperation (a projects app calls this when ready)."""
    if all(existing.kind != source.kind for existing in _SOURCES):
        _SOURCES.append(source)
        _cache.clear()


def cooperation_sources():
    return list(_SOURCES)


@dataclass
class CandidateSet:
    version: tuple
    candidates: list  # Candidate, ids are organisation pks
    graph: dict  # pk -> {partner pk: times together, every source}
    together: dict  # source kind -> {pk: {partner pk: times together}}
    names: dict  # pk -> display name
    topic_labels: dict = field(default_factory=dict)  # code -> label per language
    sector_labels: dict = field(default_factory=dict)  # code -> label per language

    def by_id(self):
        return {candidate.id: candidate for candidate in self.candidates}


def data_version():
    """Changes whenever anything a candidate is built from changes (a few aggregate queries)."""
    parts = [
        Organisation.objects.aggregate(count=Count("pk"), last=Max("updated_at")),
        CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED).aggregate(
            count=Count("pk"), last=Max("updated_at")
        ),
    ]
    for through in (
        Organisation.topics.through,
        Organisation.sectors.through,
        Cluster.focus_topics.through,
        Cluster.focus_sectors.through,
    ):
        parts.append(through.objects.aggregate(count=Count("pk"), last=Max("pk")))
    return (
        *(tuple(str(value) for value in part.values()) for part in parts),
        *((source.kind, source.version()) for source in _SOURCES),
    )


_cache = {}
_lock = threading.Lock()


def candidate_set():
    """The candidates for the current data, built once per data version and process."""
    version = data_version()
    found = _cache.get("set")
    if found is not None and found.version == version:
        return found
    with _lock:
        found = _cache.get("set")
        if found is None or found.version != version:
            found = build_candidate_set(version=version)
            # Encode every candidate text now, once, rather than inside the first request's query.
            encoder().vectors(
                [text for candidate in found.candidates for text in candidate.text_items()]
            )
            _cache["set"] = found
    return found


def build_candidate_set(*, version=None):
    topics_of, topic_labels = _topics()
    sectors_of, sector_labels = _sectors()
    texts_of = _profile_texts()
    groups = {source.kind: [set(group) for group in source.groups()] for source in _SOURCES}
    together = {kind: _pairs(found) for kind, found in groups.items()}
    graph = defaultdict(Counter)
    for pairs in together.values():
        for organisation, partners in pairs.items():
            graph[organisation].update(partners)
    # Popularity prior: call topics stand for projects, plus every group worked in.
    activity = Counter(
        organisation for found in groups.values() for group in found for organisation in group
    )
    candidates, names = [], {}
    rows = Organisation.objects.values_list(
        "pk", "legal_name", "short_name", "helix_role", "country_id", "description"
    ).order_by("pk")
    for pk, legal_name, short_name, helix_role, country_id, description in rows:
        names[pk] = short_name or legal_name
        texts = {
            language: text for language, text in (description or {}).items() if text
        } | texts_of.get(pk, {})
        candidates.append(
            Candidate(
                id=pk,
                helix_role=helix_role,
                country=country_id,
                topics=tuple(sorted(topics_of.get(pk, ()), key=lambda topic: topic.code)),
                sectors=frozenset(sectors_of.get(pk, ())),
                texts=texts,
                activity=len(topics_of.get(pk, ())) + activity[pk],
            )
        )
    return CandidateSet(
        version=version if version is not None else data_version(),
        candidates=candidates,
        graph={key: dict(value) for key, value in graph.items()},
        together={kind: {k: dict(v) for k, v in pairs.items()} for kind, pairs in together.items()},
        names=names,
        topic_labels=topic_labels,
        sector_labels=sector_labels,
    )


@dataclass(frozen=True)
class RegistryTopic(Topic):
    """Only a call topic names a funding programme; a EuroSciVoc code is a path ("/25/59")."""

    scheme: str = ""

    @property
    def is_call_topic(self):
        return self.scheme == TopicScheme.CALL_TOPIC

    @property
    def programme(self):
        return super().programme if self.scheme == TopicScheme.CALL_TOPIC else ""


def topic_of(topic):
    """A recommender topic; its title (what the text matching reads) is the English label."""
    return RegistryTopic(topic.code, in_language(topic.label, "en").text, topic.scheme)


def _topics():
    through = Organisation.topics.through.objects
    rows = through.values_list("organisation_id", "topic__code", "topic__label", "topic__scheme")
    focus = Cluster.focus_topics.through.objects.values_list(
        "cluster_id", "topic__code", "topic__label", "topic__scheme"
    )
    topics_of, labels = defaultdict(set), {}
    for organisation_id, code, label, scheme in [*rows, *focus]:
        topics_of[organisation_id].add(RegistryTopic(code, in_language(label, "en").text, scheme))
        labels[code] = label
    return topics_of, labels


def _sectors():
    rows = Organisation.sectors.through.objects.values_list(
        "organisation_id", "nacesector_id", "nacesector__label"
    )
    focus = Cluster.focus_sectors.through.objects.values_list(
        "cluster_id", "nacesector_id", "nacesector__label"
    )
    sectors_of, labels = defaultdict(set), {}
    for organisation_id, code, label in [*rows, *focus]:
        sectors_of[organisation_id].add(code)
        labels[code] = label
    return sectors_of, labels


def _profile_texts():
    """{organisation pk: {"<language>-profile-<pk>": title and text}} of published profiles, so
    that an organisation is found through what it offers and seeks."""
    texts = defaultdict(dict)
    rows = CooperationProfile.objects.filter(status=ProfileStatus.PUBLISHED).values_list(
        "organisation_id", "pk", "title", "text"
    )
    for organisation_id, pk, title, text in rows:
        for language in sorted(set(title or {}) | set(text or {})):
            joined = ". ".join(
                part for part in ((title or {}).get(language), (text or {}).get(language)) if part
            )
            if joined:
                texts[organisation_id][f"{language}-profile-{pk}"] = joined
    return texts


def _pairs(groups):
    pairs = defaultdict(Counter)
    for group in groups:
        for first, second in combinations(sorted(set(group)), 2):
            pairs[first][second] += 1
            pairs[second][first] += 1
    return pairs
