"""The learned partner ranker: its trees read as LightGBM does, its features leak nothing, and
what a query asks for lifts a candidate by the same amount whatever the ranker says."""

import json
from dataclasses import replace

import numpy as np
import pytest
from bench import _ranker
from bench.recommend import benchmark_cases
from hypothesis import given, settings
from hypothesis import strategies as st

from helisa.cooperation.ranker import FEATURES, MODEL_FILE, TreeEnsemble, partner_ranker
from helisa.cooperation.recommend import (
    ASKED_SCALE,
    WEIGHTS,
    Candidate,
    Query,
    Topic,
    ranking_features,
    score_candidates,
)
from helisa.cooperation.recommend_cordis import Cordis, load_cordis


@pytest.fixture(scope="module")
def cordis():
    return load_cordis()


def _booster(seed, rounds=30, leaves=5):
    lightgbm = pytest.importorskip("lightgbm")
    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(600, len(FEATURES)))
    rows[:, 3] = rng.integers(0, 4, size=600)  # a few distinct values, as counts have
    labels = (rows[:, 0] + rows[:, 3] * rows[:, 1] + rng.normal(size=600) > 1.5).astype(int)
    dataset = lightgbm.Dataset(rows, labels, group=[60] * 10)
    parameters = {**_ranker.PARAMETERS, "num_leaves": leaves, "min_data_in_leaf": 5}
    return lightgbm.train(parameters, dataset, rounds), rows


@settings(max_examples=5, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_the_trees_read_with_numpy_score_as_lightgbm_does(seed):
    booster, rows = _booster(seed)
    ensemble = TreeEnsemble(_ranker.export(booster)["trees"])

    assert np.allclose(ensemble.predict(rows), booster.predict(rows), atol=1e-9)


def test_a_tree_that_is_a_single_leaf_adds_its_value():
    ensemble = TreeEnsemble(
        [
            {"feature": [], "threshold": [], "left": [], "right": [], "leaf": [0.5]},
            {"feature": [2], "threshold": [1.0], "left": [-1], "right": [-2], "leaf": [1, 2]},
        ]
    )
    rows = np.zeros((2, len(FEATURES)))
    rows[1, 2] = 3.0

    assert ensemble.predict(rows).tolist() == [1.5, 2.5]


def test_a_model_of_other_features_is_refused():
    with pytest.raises(ValueError, match="other features"):
        TreeEnsemble([], features=[*FEATURES, "acronym"])


def test_the_shipped_model_is_the_one_this_code_computes_features_for():
    model = json.loads(MODEL_FILE.read_text(encoding="utf-8"))

    assert model["features"] == list(FEATURES)
    assert len(model["trees"]) == _ranker.ROUNDS
    assert partner_ranker() is not None


def test_hiding_a_project_gives_the_features_of_a_registry_that_never_had_it(cordis):
    """The benchmark's no-leak rule: every feature comes out as if the project had not existed."""
    cases = benchmark_cases(cordis)
    for case in (cases[0], cases[len(cases) // 2], max(cases, key=lambda c: len(c["hidden"]))):
        without = Cordis(
            organisations=cordis.organisations,
            participations=[p for p in cordis.participations if p.project != case["project"]],
            topics={k: v for k, v in cordis.topics.items() if k != case["project"]},
        )
        pool, _unseen, graph = _ranker.pool_of(cordis, case)
        others, never_graph = without.candidates()
        never_pool = [c for c in others if c.id != case["coordinator"] and c.activity > 0]
        query = _ranker.query_of(cordis, case)

        assert [c.id for c in pool] == [c.id for c in never_pool]
        hidden_view = np.asarray(ranking_features(query, pool, graph=graph))
        never_view = np.asarray(ranking_features(query, never_pool, graph=never_graph))
        # Only the order of float sums may differ.
        assert np.allclose(hidden_view, never_view, rtol=0, atol=1e-9)


HYDROGEN = Topic("FCH-01-1-2016", "Hydrogen storage in high-pressure composite tanks")
CANDIDATES = [
    Candidate("lab", "research", "FR", (HYDROGEN,), frozenset({"C20"}), {}, 4),
    Candidate("uni", "university", "PL", (), frozenset(), {"pl": "Chemia i fizyka"}, 2),
    Candidate("firm", "business", "DE", (), frozenset({"C20"}), {"en": "Pressure tanks"}, 1),
]
GRAPH = {"me": {"lab": 2}, "lab": {"me": 2, "uni": 1}, "uni": {"lab": 1}}


@pytest.mark.parametrize(
    ("asked", "lift"),
    [
        ({"countries_sought": frozenset({"PL"})}, {"uni": WEIGHTS["country_sought"]}),
        ({"roles_sought": frozenset({"business"})}, {"firm": WEIGHTS["role_sought"]}),
        ({"sectors": frozenset({"C20"})}, {"lab": 0.75 * np.log(2), "firm": 0.75 * np.log(2)}),
    ],
)
def test_what_a_query_asks_for_lifts_a_candidate_by_its_weight(asked, lift):
    query = Query(requester="me", helix_role="business", country="PL", topics=(HYDROGEN,))
    plain = {r.candidate_id: r.score for r in score_candidates(query, CANDIDATES, graph=GRAPH)}
    asking = {
        r.candidate_id: r.score
        for r in score_candidates(replace(query, **asked), CANDIDATES, graph=GRAPH)
    }

    for candidate, before in plain.items():
        expected = ASKED_SCALE * lift.get(candidate, 0.0)
        assert asking[candidate] - before == pytest.approx(expected, abs=1e-6)


def test_the_ranker_changes_the_order_not_the_reasons():
    query = Query(
        requester="me",
        helix_role="business",
        topics=(HYDROGEN,),
        texts={"en": "Composite tanks for hydrogen"},
        countries_sought=frozenset({"DE"}),
    )
    learned = score_candidates(query, CANDIDATES, graph=GRAPH)
    hand_set = score_candidates(query, CANDIDATES, graph=GRAPH, ranker=None)

    assert [r.reasons for r in learned] == [r.reasons for r in hand_set]
    assert [r.score for r in learned] != [r.score for r in hand_set]
