"""Train the partner ranker on the CORDIS demo projects and write the trees the platform ships.

    python -m bench._ranker      # writes src/helisa/cooperation/data/partner_ranker.json

A training example is a benchmark case (bench/recommend.py): one project with its partners
hidden, the recommender's view recomputed without it, the coordinator asking. Its rows are the
ranker's features (helisa.cooperation.ranker) for every candidate, labelled by whether the
candidate was a hidden partner. LightGBM's LambdaRank fits the trees; they are written as plain
arrays that helisa reads with numpy, so LightGBM is needed here only (the `dev` extra).

Per case, the rows kept are the hidden partners, the 1,000 best by the hand-set score and 200
others at random (seeded): the order deep in the list does not matter to recall@50, and the
sample keeps training to seconds. Training is deterministic (one thread, fixed seeds).
"""

import json
import sys

from helisa.cooperation.ranker import FEATURES, MODEL_FILE, TreeEnsemble
from helisa.cooperation.recommend import Query, ranking_features

PARAMETERS = {
    "objective": "lambdarank",
    "lambdarank_truncation_level": 60,
    "num_leaves": 7,
    "learning_rate": 0.05,
    "min_data_in_leaf": 50,
    "feature_fraction": 0.8,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "seed": 1,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "verbose": -1,
}
ROUNDS = 200
BEST_KEPT, RANDOM_KEPT = 1000, 200


def query_of(data, case):
    facts = data.organisations[case["coordinator"]]
    return Query(
        requester=case["coordinator"],
        helix_role=facts["helix_role"],
        country=facts["country"],
        topics=(data.topics[case["project"]],),
    )


def pool_of(data, case):
    """(candidates the recommender ranks, ids tied last, graph) with the project hidden."""
    candidates, graph = data.candidates(without=case["project"])
    coordinator = case["coordinator"]
    pool = [c for c in candidates if c.id != coordinator and c.activity > 0]
    unseen = [c.id for c in candidates if c.id != coordinator and c.activity == 0]
    return pool, unseen, graph


def examples(data, cases):
    """Per case: its feature rows and labels (1 for a hidden partner), in the pool's order."""
    found = []
    for case in cases:
        pool, _unseen, graph = pool_of(data, case)
        rows = ranking_features(query_of(data, case), pool, graph=graph)
        labels = [int(candidate.id in case["hidden"]) for candidate in pool]
        found.append({"rows": rows, "labels": labels})
    return found


def train(training):
    import lightgbm
    import numpy as np

    matrices, labels, groups = [], [], []
    for index, example in enumerate(training):
        rows, wanted = np.asarray(example["rows"]), np.asarray(example["labels"])
        best = np.argsort(-rows[:, FEATURES.index("hand_set_score")], kind="stable")[:BEST_KEPT]
        rest = np.random.default_rng(index).choice(
            len(rows), size=min(RANDOM_KEPT, len(rows)), replace=False
        )
        kept = sorted(set(best.tolist()) | set(rest.tolist()) | set(np.flatnonzero(wanted)))
        matrices.append(rows[kept])
        labels.append(wanted[kept])
        groups.append(len(kept))
    dataset = lightgbm.Dataset(
        np.vstack(matrices), np.concatenate(labels), group=groups, feature_name=list(FEATURES)
    )
    return lightgbm.train(PARAMETERS, dataset, ROUNDS)


def export(booster):
    """The booster's trees as arrays: for inner node i, feature[i] <= threshold[i] goes to
    left[i], else right[i]; a child < 0 is the leaf ~child."""
    trees = []
    for info in booster.dump_model()["tree_info"]:
        tree = {"feature": [], "threshold": [], "left": [], "right": [], "leaf": []}
        root = info["tree_structure"]
        if "leaf_value" in root:
            tree["leaf"].append(root["leaf_value"])
            trees.append(tree)
            continue
        _flatten(root, tree)
        trees.append(tree)
    return {"features": list(FEATURES), "trees": trees}


def _flatten(node, tree):
    if "leaf_value" in node:
        tree["leaf"].append(node["leaf_value"])
        return ~(len(tree["leaf"]) - 1)
    if node["decision_type"] != "<=":
        raise ValueError(f"Unexpected split {node['decision_type']!r}.")
    index = len(tree["feature"])
    tree["feature"].append(node["split_feature"])
    tree["threshold"].append(node["threshold"])
    tree["left"].append(None)
    tree["right"].append(None)
    tree["left"][index] = _flatten(node["left_child"], tree)
    tree["right"][index] = _flatten(node["right_child"], tree)
    return index


def ensemble(training):
    return TreeEnsemble(export(train(training))["trees"])


def main():
    from bench.recommend import benchmark_cases
    from helisa.cooperation.recommend_cordis import load_cordis

    data = load_cordis()
    cases = benchmark_cases(data)
    model = export(train(examples(data, cases)))
    model["trained_on"] = f"{len(cases)} CORDIS demo projects (bench/recommend.py cases)"
    MODEL_FILE.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{MODEL_FILE}: {len(model['trees'])} trees from {len(cases)} projects")


if __name__ == "__main__":
    sys.exit(main())
