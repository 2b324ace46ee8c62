from helisa.cooperation.recommend import (
    TEXT_FLOOR,
    USUAL_PARTNERS,
    Candidate,
    Query,
    Topic,
    recommend,
)
from helisa.cooperation.recommend_text import SIMILAR_SUBJECT, similarities

HYDROGEN = Topic("FCH-01-1-2016", "Hydrogen storage in high-pressure composite tanks")
FARMING = Topic("SFS-05-2017", "Sensors for precision agriculture and soil monitoring")

CANDIDATES = [
    Candidate("lab", "research", "FR", (HYDROGEN,), frozenset({"C20"}), {}, 4),
    Candidate("uni", "university", "PL", (FARMING,), frozenset({"A01"}), {}, 2),
    Candidate(
        "firm", "business", "DE", (), frozenset({"C20"}), {"en": "Composite pressure tanks"}, 1
    ),
    Candidate("city", "public", "PL", (), frozenset(), {"pl": "Urząd miasta"}, 0),
    Candidate("ngo", "civil_society", "ES", (FARMING,), frozenset(), {}, 3),
]
GRAPH = {
    "me": {"lab": 2, "ngo": 1},
    "lab": {"me": 2, "uni": 1},
    "ngo": {"me": 1, "uni": 1},
    "uni": {"lab": 1, "ngo": 1},
}
QUERY = Query(
    requester="me",
    helix_role="business",
    topics=(HYDROGEN,),
    sectors=frozenset({"C20"}),
    texts={"en": "We look for partners for hydrogen storage"},
    countries_sought=frozenset({"PL"}),
)


def _claim_holds(reason, query, candidate):
    values = reason.values
    if reason.kind == "earlier_cooperation":
        return GRAPH[query.requester].get(candidate.id) == values[0] > 0
    if reason.kind == "partners_of_partners":
        return all(
            partner in GRAPH[query.requester] and partner in GRAPH[candidate.id]
            for partner in values
        )
    if reason.kind == "shared_topics":
        return set(values) <= {t.code for t in query.topics} & {t.code for t in candidate.topics}
    if reason.kind == "shared_programme":
        return set(values) <= {t.programme for t in query.topics} & {
            t.programme for t in candidate.topics
        }
    if reason.kind == "shared_sectors":
        return set(values) <= query.sectors & candidate.sectors
    if reason.kind == "similar_subject":
        text, value = values
        query_texts = [t.title for t in query.topics] + list(query.texts.values())
        measured = similarities(query_texts, [text])[text]
        return text in candidate.text_items() and measured >= SIMILAR_SUBJECT
    if reason.kind == "complementary_role":
        return (
            values == (query.helix_role, candidate.helix_role)
            and candidate.helix_role in USUAL_PARTNERS[query.helix_role]
            and candidate.helix_role != query.helix_role
        )
    if reason.kind == "country_sought":
        return values == (candidate.country,) and candidate.country in query.countries_sought
    if reason.kind == "role_sought":
        return candidate.helix_role in query.roles_sought
    return False


def test_every_reason_given_is_true():
    results = recommend(QUERY, CANDIDATES, limit=None, graph=GRAPH)
    by_id = {candidate.id: candidate for candidate in CANDIDATES}
    kinds = set()
    for result in results:
        for reason in result.reasons:
            kinds.add(reason.kind)
            assert _claim_holds(reason, QUERY, by_id[result.candidate_id]), reason
    assert {
        "earlier_cooperation",
        "partners_of_partners",
        "shared_topics",
        "shared_sectors",
        "similar_subject",
        "complementary_role",
        "country_sought",
    } <= kinds


def test_the_obvious_partner_comes_first_with_its_reasons():
    best = recommend(QUERY, CANDIDATES, limit=1, graph=GRAPH)[0]
    assert best.candidate_id == "lab"
    kinds = {reason.kind for reason in best.reasons}
    assert kinds >= {"earlier_cooperation", "shared_topics", "complementary_role"}
    # Its closest subject is the title of the topic both share: said once, as a shared topic.
    assert "similar_subject" not in kinds


def test_requester_and_excluded_never_recommended():
    query = Query(requester="lab", topics=(HYDROGEN,))
    ids = [r.candidate_id for r in recommend(query, CANDIDATES, limit=None, exclude={"firm"})]
    assert "lab" not in ids and "firm" not in ids
    assert sorted(ids) == ["city", "ngo", "uni"]


def test_limit_and_order():
    results = recommend(QUERY, CANDIDATES, limit=3, graph=GRAPH)
    assert len(results) == 3
    assert [r.score for r in results] == sorted((r.score for r in results), reverse=True)


def test_ranking_is_deterministic_whatever_the_input_order():
    first = recommend(QUERY, CANDIDATES, limit=None, graph=GRAPH)
    second = recommend(QUERY, list(reversed(CANDIDATES)), limit=None, graph=GRAPH)
    assert first == second


def test_no_reason_without_evidence():
    query = Query(texts={"en": "Medieval poetry translation"})
    for result in recommend(query, CANDIDATES, limit=None):
        assert all(reason.kind == "similar_subject" for reason in result.reasons)
        assert TEXT_FLOOR < SIMILAR_SUBJECT


def test_the_text_vector_cache_keeps_the_most_recently_used(monkeypatch):
    from helisa.cooperation import recommend_text

    monkeypatch.setattr(recommend_text, "MAX_CACHED_TEXTS", 2)
    encoder = recommend_text._Encoder()
    encoder.multilingual = False
    encoder.vectors(["hydrogen storage", "smart grids"])
    encoder.vectors(["hydrogen storage"])
    encoder.vectors(["food packaging"])
    assert list(encoder._vectors) == ["hydrogen storage", "food packaging"]
