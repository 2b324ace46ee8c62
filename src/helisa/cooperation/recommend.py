"""Partner recommendations: plain data in, a ranked list with true reasons out (no ORM).

A query is what someone looks for (a cooperation profile, an organisation, a cluster): topics,
sectors, free text in any language, helix roles and countries sought, and who asks (for earlier
cooperation). Candidates are organisations described the same way. Each component adds to a score
and, when it holds, states a reason as structured data (kind + values) that the page renders in the
reader's language; a reason is given only when its claim is true of the data it came from.

Weights were hand-set, then tuned on the even half of the CORDIS benchmark projects and checked on
the odd half (bench/recommend.py). The order comes from the learned ranker (ranker.py), of which
this hand-set score is one input; the reasons come from the components here alone.
"""

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from helisa.cooperation.ranker import feature_rows, partner_ranker
from helisa.cooperation.recommend_text import SIMILAR_SUBJECT, similarities

# Whom each helix role works with in Horizon 2020 consortia (lift of partner roles over their base
# rate in the CORDIS demo data): a firm lacks knowledge (universities, research), academia teams
# up with academia, public bodies with their peers and research.
USUAL_PARTNERS = {
    "business": ("university", "research"),
    "university": ("university", "research"),
    "research": ("research", "university", "public"),
    "public": ("public", "research"),
    "civil_society": ("research", "university", "public"),
    "other": ("university", "other"),
}
# What the query asks for in so many words, in the learned ranker's units (see score_candidates).
# The ranker spreads a pool over about 6 (-3 for a stranger with one project, +3 for a frequent
# partner of the requester); at 2, a full subject match in free text adds about 5, so what is
# asked for comes first and the data orders among equals.
ASKED_SCALE = 2.0
# Text similarity adds to the score above this cosine; a reason needs SIMILAR_SUBJECT.
TEXT_FLOOR = 0.2

# Re-tuned on the even half (odd half checked): the same call topic code adds nothing over the
# subject and the programme (other projects of one call are rival consortia), so it only gives a
# reason; the programme counts each project in it; the raw subject cosine ranks below the floor.
WEIGHTS = {
    "earlier_cooperation": 0.75,
    "partners_of_partners": 0.6,
    "shared_topics": 0.0,
    "shared_programme": 0.5,
    "programme_projects": 0.3,
    "shared_sectors": 0.75,
    "similar_subject": 3.0,
    "subject_level": 0.2,
    "usual_role": 0.3,
    "role_affinity": 0.3,
    "same_country": 0.3,
    "country_sought": 1.0,
    "role_sought": 1.0,
    "activity": 0.5,
}


@dataclass(frozen=True)
class Topic:
    code: str
    title: str = ""

    # A call topic's title describes a funding call; other topics (EuroSciVoc) name a subject.
    is_call_topic = True

    @property
    def programme(self):
        """The call's family ("H2020-SC5-2016" -> "SC5", "MSCA-IF-2019" -> "MSCA-IF")."""
        return _programme(self.code)


# Every candidate's topics are read on every request: each code is parsed once.
@lru_cache(maxsize=20_000)
def _programme(code):
    parts = [part for part in code.replace("_", "-").split("-") if part]
    kept = [part for part in parts if part.upper() != "H2020" and not part.isdigit()]
    return "-".join(kept[:2]).upper()


@dataclass(frozen=True)
class Candidate:
    id: str
    helix_role: str = "other"
    country: str = ""
    topics: tuple = ()  # Topic
    sectors: frozenset = frozenset()
    texts: dict = field(default_factory=dict)  # language -> free text
    activity: int = 0  # projects or cooperations known, for the popularity prior
    # Share of those as a full partner rather than a third party or associated partner.
    full_partner_share: float = 1.0

    def text_items(self):
        return [topic.title for topic in self.topics if topic.title] + [
            text for text in self.texts.values() if text
        ]


@dataclass(frozen=True)
class Query:
    requester: str | None = None  # organisation id, for earlier cooperation
    helix_role: str | None = None  # the requester's, for complementarity
    country: str = ""  # the requester's (ISO code), for the same-country prior
    topics: tuple = ()  # Topic
    sectors: frozenset = frozenset()
    texts: dict = field(default_factory=dict)  # language -> free text
    roles_sought: frozenset = frozenset()
    countries_sought: frozenset = frozenset()


@dataclass(frozen=True)
class Reason:
    kind: str
    values: tuple


@dataclass(frozen=True)
class Recommendation:
    candidate_id: str
    score: float
    reasons: tuple  # Reason


_SHIPPED = object()


def recommend(
    query, candidates, *, limit=10, exclude=(), graph=None, weights=None, ranker=_SHIPPED
):
    """The best `limit` candidates for the query, best first, ties broken by id.

    `graph` maps an organisation id to {partner id: number of earlier cooperations}.
    """
    excluded = set(exclude)
    if query.requester:
        excluded.add(query.requester)
    pool = [candidate for candidate in candidates if candidate.id not in excluded]
    scored = score_candidates(query, pool, graph=graph or {}, weights=weights, ranker=ranker)
    scored.sort(key=lambda item: (-item.score, item.candidate_id))
    return scored[:limit] if limit is not None else scored


def score_candidates(query, candidates, *, graph, weights=None, ranker=_SHIPPED):
    """A Recommendation per candidate, in their order.

    The learned ranker (ranker.py) orders by the signals of the data; what the query asks for in
    so many words (sectors, helix roles and countries sought) is added on top, so that asking for
    it always lifts a candidate. `ranker=None` keeps the hand-set score alone.
    """
    if ranker is _SHIPPED:
        ranker = partner_ranker()
    scored, rows = _scored(query, candidates, graph, weights, with_rows=ranker is not None)
    if ranker is None or not candidates:
        return [
            Recommendation(candidate_id, round(data_part + asked, 9), reasons)
            for candidate_id, data_part, asked, reasons in scored
        ]
    learned = ranker.predict(rows).tolist()
    return [
        Recommendation(candidate_id, round(value + ASKED_SCALE * asked, 9), reasons)
        for (candidate_id, _d, asked, reasons), value in zip(scored, learned, strict=True)
    ]


def ranking_features(query, candidates, *, graph):
    """The learned ranker's input: a row of ranker.FEATURES per candidate (for training it)."""
    return _scored(query, candidates, graph, None, with_rows=True)[1]


def _scored(query, candidates, graph, weights, *, with_rows):
    weights = {**WEIGHTS, **(weights or {})}
    context = _Context(query, candidates, graph)
    scored = [_score(query, candidate, context, weights) for candidate in candidates]
    if not with_rows:
        return scored, None
    data_parts = [data_part for _i, data_part, _a, _r in scored]
    return scored, feature_rows(query, candidates, context, data_parts)


class _Context:
    """What the components share across candidates, computed once per query."""

    def __init__(self, query, candidates, graph):
        self.graph = graph
        self.own_partners = dict(graph.get(query.requester, {})) if query.requester else {}
        self.query_codes = {topic.code for topic in query.topics}
        self.query_programmes = {topic.programme for topic in query.topics} - {""}
        texts = {text for candidate in candidates for text in candidate.text_items()}
        self.query_titles = {topic.title for topic in query.topics}
        titles = [topic.title for topic in query.topics if topic.title and topic.is_call_topic]
        # A call topic's title describes the call, which the data (and the ranker) answer for;
        # free text and subject topics are what the query asks for in so many words.
        self.topic_similarity = similarities(titles, texts) if titles else {}
        free_texts = [
            topic.title for topic in query.topics if topic.title and not topic.is_call_topic
        ] + [text for text in query.texts.values() if text]
        self.text_similarity = similarities(free_texts, texts) if free_texts else {}
        self.own_ids = set(self.own_partners)
        self.usual_roles = set(USUAL_PARTNERS.get(query.helix_role, ()))
        self.role_affinity = _role_affinity(query, candidates, graph)


def _role_affinity(query, candidates, graph):
    """{helix role: log lift} of partners' roles for the requester's role, from the graph given.

    The lift of role r is P(partner is r | organisation has the requester's role) / P(partner is
    r), counted over the co-participation edges; roles of organisations not among the candidates
    are unknown, except the requester's own.
    """
    if not query.helix_role or not graph:
        return {}
    roles = {candidate.id: candidate.helix_role for candidate in candidates}
    if query.requester:
        roles[query.requester] = query.helix_role
    pairs, base = Counter(), Counter()
    for organisation, partners in graph.items():
        role = roles.get(organisation)
        if role is None:
            continue
        row = pairs if role == query.helix_role else None
        for partner, together in partners.items():
            partner_role = roles.get(partner)
            if partner_role is None or together <= 0:
                continue
            base[partner_role] += together
            if row is not None:
                row[partner_role] += together
    total, row = sum(base.values()), sum(pairs.values())
    if not total or not row:
        return {}
    return {
        role: math.log(max((pairs[role] / row) / (count / total), 1e-3))
        for role, count in base.items()
    }


def _score(query, candidate, context, weights):
    """(id, score from the data, score from what the query asks for, reasons)."""
    score, asked, reasons = 0.0, 0.0, []

    def add(kind, amount, values):
        nonlocal score
        score += weights[kind] * amount
        reasons.append(Reason(kind, tuple(values)))

    def ask(kind, amount, values):
        nonlocal asked
        asked += weights[kind] * amount
        reasons.append(Reason(kind, tuple(values)))

    together = context.own_partners.get(candidate.id, 0)
    if together:
        add("earlier_cooperation", math.log1p(together), (together,))
    shared_partners = sorted(
        context.own_ids & context.graph.get(candidate.id, {}).keys() - {candidate.id}
    )
    if shared_partners:
        add("partners_of_partners", math.log1p(len(shared_partners)), shared_partners)
    shared_codes = sorted(context.query_codes & {topic.code for topic in candidate.topics})
    if shared_codes:
        add("shared_topics", 1.0, shared_codes)
    shared_programmes = sorted(
        context.query_programmes & {topic.programme for topic in candidate.topics}
    )
    if shared_programmes:
        add("shared_programme", 1.0, shared_programmes)
        in_programme = sum(
            topic.programme in context.query_programmes for topic in candidate.topics
        )
        score += weights["programme_projects"] * math.log1p(in_programme)
    shared_sectors = sorted(set(query.sectors) & set(candidate.sectors))
    if shared_sectors:
        ask("shared_sectors", math.log1p(len(shared_sectors)), shared_sectors)
    topic_best = _best_text(candidate, context.topic_similarity)
    score += weights["similar_subject"] * max(0.0, topic_best[1] - TEXT_FLOOR)
    score += weights["subject_level"] * max(0.0, topic_best[1])
    free_best = _best_text(candidate, context.text_similarity)
    asked += weights["similar_subject"] * max(0.0, free_best[1] - TEXT_FLOOR)
    asked += weights["subject_level"] * max(0.0, free_best[1])
    best_text, best = max(topic_best, free_best, key=lambda found: found[1])
    # A subject whose text is the title of one of the query's topics repeats that topic.
    if best >= SIMILAR_SUBJECT and best_text not in context.query_titles:
        reasons.append(Reason("similar_subject", (best_text, round(best, 2))))
    # The data's part of the score does not depend on what is asked for: the ranker learnt it
    # from consortia that asked for nothing.
    sought = candidate.helix_role in query.roles_sought
    if sought:
        ask("role_sought", 1.0, (candidate.helix_role,))
    if candidate.helix_role in context.usual_roles:
        score += weights["usual_role"]
        if not sought and candidate.helix_role != query.helix_role:
            reasons.append(Reason("complementary_role", (query.helix_role, candidate.helix_role)))
    score += weights["role_affinity"] * context.role_affinity.get(candidate.helix_role, 0.0)
    if query.country and candidate.country == query.country:
        score += weights["same_country"]
    if candidate.country and candidate.country in query.countries_sought:
        ask("country_sought", 1.0, (candidate.country,))
    score += weights["activity"] * math.log1p(candidate.activity)
    return candidate.id, score, asked, tuple(reasons)


def _best_text(candidate, similarity):
    best_text, best = "", -1.0
    for text in candidate.text_items():
        value = similarity.get(text, -1.0)
        if value > best:
            best_text, best = text, value
    return best_text, best
