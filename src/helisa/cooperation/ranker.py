"""The learned partner ranker: pairwise features and a small tree ensemble read with numpy.

The hand-set score (recommend.py) weighs each signal on its own; who ends up in a consortium
depends on how they combine (a partner of the requester's partners counts for more when the
candidate is active in few projects, an active organisation for less when its projects are
huge). A LambdaRank gradient-boosted ensemble over the features below, trained on the CORDIS demo
projects with each project's partners hidden in turn (bench/_ranker.py), ranks by those
combinations. Only the trees ship (data/partner_ranker.json); training needs LightGBM, ranking
needs numpy alone.

Every feature is computed from what the recommender sees (the graph, the candidates, the query),
never from a hidden project, so the benchmark's protocol holds for it as for the hand-set score.
"""

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np

from helisa.cooperation.recommend_text import SIMILAR_SUBJECT

MODEL_FILE = Path(__file__).resolve().parent / "data" / "partner_ranker.json"

FEATURES = (
    "hand_set_score",
    "times_together",
    "shared_partners",
    "shared_partners_weighted",
    "best_subject",
    "similar_subjects",
    "mean_subject",
    "helix_role",
    "requester_helix_role",
    "same_country",
    "activity",
    "partners",
    "requester_partners",
    "years_apart",
    "full_partner_share",  # CORDIS third parties; the registry's partners are all full: 1.0
    "country_among_partners",
    "role_among_partners",
    "same_call_topic",
    "same_programme",
)
# The registry's helix roles, in the order the model was trained on (a feature is the index).
HELIX_ROLES = ("business", "university", "research", "public", "civil_society", "other")
_YEAR = re.compile(r"(?<![0-9A-Za-z])(20[1-3][0-9])(?![0-9])")
# A candidate with no dated topic sits this many years from any call.
_NO_YEAR = 9.0


def feature_rows(query, candidates, context, hand_set_scores):
    """One row of FEATURES per candidate, in the candidates' order."""
    graph, own, own_ids = context.graph, context.own_partners, context.own_ids
    by_id = {candidate.id: candidate for candidate in candidates}
    partner_countries = Counter(by_id[p].country for p in own if p in by_id)
    partner_roles = Counter(by_id[p].helix_role for p in own if p in by_id)
    partners_known = max(1, len(own))
    query_years = [year for topic in query.topics if (year := _year(topic.code))]
    requester_role = _role_index(query.helix_role)
    rows = []
    for candidate, hand_set in zip(candidates, hand_set_scores, strict=True):
        partners = graph.get(candidate.id, {})
        shared = own_ids & partners.keys() - {candidate.id}
        subjects = [context.topic_similarity.get(text, 0.0) for text in candidate.text_items()]
        years = [year for topic in candidate.topics if (year := _year(topic.code))]
        rows.append(
            [
                hand_set,
                own.get(candidate.id, 0),
                len(shared),
                # fsum: the same total whatever order the set yields (string hashes vary).
                math.fsum(1 / math.log(2 + len(graph.get(partner, {}))) for partner in shared),
                max(subjects, default=0.0),
                sum(value >= SIMILAR_SUBJECT for value in subjects),
                math.fsum(subjects) / len(subjects) if subjects else 0.0,
                _role_index(candidate.helix_role),
                requester_role,
                float(bool(query.country) and candidate.country == query.country),
                candidate.activity,
                len(partners),
                len(own),
                min(
                    (abs(a - b) for a in years for b in query_years),
                    default=_NO_YEAR,
                ),
                candidate.full_partner_share,
                partner_countries[candidate.country] / partners_known,
                partner_roles[candidate.helix_role] / partners_known,
                sum(topic.code in context.query_codes for topic in candidate.topics),
                sum(topic.programme in context.query_programmes for topic in candidate.topics),
            ]
        )
    return rows


def _role_index(role):
    return HELIX_ROLES.index(role) if role in HELIX_ROLES else -1


@lru_cache(maxsize=4096)
def _year(code):
    found = _YEAR.search(code or "")
    return int(found.group(1)) if found else None


class TreeEnsemble:
    """Sum of regression trees; a node sends a row left when its feature is <= the threshold.

    Each tree is kept as arrays over its inner nodes then its leaves in one index space, a leaf
    sending every row back to itself, so that a fixed number of steps (the tree's depth) takes
    all rows to their leaves at once."""

    def __init__(self, trees, features=FEATURES):
        if tuple(features) != FEATURES:
            raise ValueError("The model was trained on other features than this code computes.")
        self._trees = [_as_arrays(tree) for tree in trees]

    @classmethod
    def from_file(cls, path):
        with open(path, encoding="utf-8") as file:
            model = json.load(file)
        return cls(model["trees"], model["features"])

    def predict(self, rows):
        matrix = np.asarray(rows, dtype=float).reshape(-1, len(FEATURES))
        everyone = np.arange(len(matrix))
        total = np.zeros(len(matrix))
        for feature, threshold, left, right, value, depth in self._trees:
            node = np.zeros(len(matrix), dtype=int)
            for _level in range(depth):
                goes_left = matrix[everyone, feature[node]] <= threshold[node]
                node = np.where(goes_left, left[node], right[node])
            total += value[node]
        return total


def _as_arrays(tree):
    inner, leaves = len(tree["feature"]), len(tree["leaf"])
    loops = list(range(inner, inner + leaves))
    return (
        np.asarray(list(tree["feature"]) + [0] * leaves),
        np.asarray(list(tree["threshold"]) + [math.inf] * leaves),
        np.asarray([_node(child, inner) for child in tree["left"]] + loops, dtype=int),
        np.asarray([_node(child, inner) for child in tree["right"]] + loops, dtype=int),
        np.asarray([0.0] * inner + list(tree["leaf"])),
        _depth(tree),
    )


def _node(child, inner):
    return child if child >= 0 else inner + ~child


def _depth(tree, node=0):
    if not tree["feature"] or node < 0:
        return 0
    return 1 + max(_depth(tree, tree["left"][node]), _depth(tree, tree["right"][node]))


@lru_cache(maxsize=1)
def partner_ranker():
    """The shipped ranker, or None when its file is missing (the hand-set score then ranks)."""
    if not MODEL_FILE.exists():
        return None
    return TreeEnsemble.from_file(MODEL_FILE)
