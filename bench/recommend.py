"""Partner recommendations on the CORDIS demo projects, against two baselines.

    python -m bench recommend      # writes bench/results/recommend.json
    python -m bench.recommend      # the same, on its own

For each project with at least 3 participants (roles coordinator and participant), only the
coordinator is kept: the recommender gets the coordinator (with its helix role and country) and
the project's call topic (code and title) and ranks the whole registry. The project is removed from
everything the recommender sees and every derived feature (co-participation, activity counts,
topics) is recomputed without it.
Organisations whose only project is the hidden one stay candidates, ranked last and tied (in this
file having no other project would give them away). Tied scores count as randomly ordered: a tie
group that straddles the cut-off counts its hidden partners by their expected share. Recall is
micro-averaged over all hidden partners. Both baselines run in the same process, on the same
recomputed data: the most active organisations, and those that took part in the same call topic.
The projects are split by position (even, odd). "helisa" is the platform's recommender
(score_candidates) with the learned ranker, cross-fitted: each half is ranked by a ranker trained
(bench/_ranker.py) on the other half only, never by the shipped one, which has seen every project.
"hand_set" is the hand-set score alone (recommend.py), for comparison.

Tried before the learned ranker and left out, none raising both halves by more than a few
thousandths over the hand-set score: linear and binned listwise rankers over 20-35 features,
a project-neighbourhood model, propagating scores over the co-participation graph, ensembles
of these, geographic distance and same city (docs/decisions/0003-learned-partner-ranker.md).
"""

import json
import sys
import time
from pathlib import Path

from bench import _ranker
from helisa.cooperation.ranker import FEATURES
from helisa.cooperation.recommend import score_candidates
from helisa.cooperation.recommend_cordis import load_cordis

BENCH_DIR = Path(__file__).resolve().parent
CUTOFFS = (10, 50)
METHODS = ("helisa", "hand_set", "most_active", "same_topic")
HAND_SET = FEATURES.index("hand_set_score")


def run():
    started = time.perf_counter()
    data = load_cordis()
    cases = benchmark_cases(data)
    # Cross-fitting: each half is ranked by a ranker trained on the other half only, so no
    # project is ranked by a model that saw its partners.
    examples = _ranker.examples(data, cases)
    rankers = [
        _ranker.ensemble([e for i, e in enumerate(examples) if i % 2 != half]) for half in (0, 1)
    ]
    found = {method: {cutoff: [0.0, 0.0] for cutoff in CUTOFFS} for method in METHODS}
    hidden_total = [0, 0]
    for index, (case, example) in enumerate(zip(cases, examples, strict=True)):
        half = index % 2
        hidden_total[half] += len(case["hidden"])
        for method, expected in evaluate(data, case, rankers[half], example).items():
            for cutoff in CUTOFFS:
                found[method][cutoff][half] += expected[cutoff]
    results = {"projects": len(cases), "hidden_partners": sum(hidden_total)}
    for method in METHODS:
        results[method] = {
            f"recall_at_{cutoff}": round(sum(found[method][cutoff]) / sum(hidden_total), 4)
            for cutoff in CUTOFFS
        }
        for half, name in enumerate(("even_half", "odd_half")):
            results[method][name] = {
                f"recall_at_{cutoff}": round(found[method][cutoff][half] / hidden_total[half], 4)
                for cutoff in CUTOFFS
            }
    results["seconds"] = round(time.perf_counter() - started, 1)
    print_table(results)
    return results


def benchmark_cases(data):
    cases = []
    for project, members in sorted(data.projects().items(), key=lambda item: int(item[0])):
        main = [member for member in members if member.role in ("coordinator", "participant")]
        coordinators = sorted({m.organisation for m in main if m.role == "coordinator"})
        if len(main) < 3 or not coordinators or project not in data.topics:
            continue
        coordinator = coordinators[0]
        hidden = {m.organisation for m in main if m.role == "participant"} - {coordinator}
        if hidden:
            cases.append({"project": project, "coordinator": coordinator, "hidden": hidden})
    return cases


def evaluate(data, case, ranker, example):
    """{method: {cutoff: expected hidden partners in the top cutoff}} for one hidden project."""
    pool, unseen, graph = _ranker.pool_of(data, case)
    topic = data.topics[case["project"]]
    scores = {
        "helisa": {
            item.candidate_id: item.score
            for item in score_candidates(
                _ranker.query_of(data, case), pool, graph=graph, ranker=ranker
            )
        },
        # The hand-set score alone is one of the ranker's features.
        "hand_set": {c.id: row[HAND_SET] for c, row in zip(pool, example["rows"], strict=True)},
        "most_active": {c.id: c.activity for c in pool},
        "same_topic": {c.id: sum(t.code == topic.code for t in c.topics) for c in pool},
    }
    return {
        method: {cutoff: expected_hits(by_id, unseen, case["hidden"], cutoff) for cutoff in CUTOFFS}
        for method, by_id in scores.items()
    }


def expected_hits(scores, unseen, hidden, cutoff):
    """Hidden partners expected in the top `cutoff` when tied scores come in random order."""
    groups = {}
    for candidate, score in scores.items():
        groups.setdefault(score, []).append(candidate)
    ordered = [groups[score] for score in sorted(groups, reverse=True)] + [unseen]
    expected, position = 0.0, 0
    for group in ordered:
        if position >= cutoff or not group:
            break
        hits = sum(candidate in hidden for candidate in group)
        expected += hits * min(1.0, (cutoff - position) / len(group))
        position += len(group)
    return expected


def print_table(results):
    print(f"{results['projects']} projects, {results['hidden_partners']} hidden partners")
    print(f"{'method':<12} {'R@10':>7} {'R@50':>7}   {'even R@10/50':>14}   {'odd R@10/50':>13}")
    for method in METHODS:
        row = results[method]
        halves = [
            f"{row[half]['recall_at_10']:.3f}/{row[half]['recall_at_50']:.3f}"
            for half in ("even_half", "odd_half")
        ]
        print(
            f"{method:<12} {row['recall_at_10']:>7.3f} {row['recall_at_50']:>7.3f}"
            f"   {halves[0]:>14}   {halves[1]:>13}"
        )


def main():
    results = run()
    (BENCH_DIR / "results").mkdir(exist_ok=True)
    path = BENCH_DIR / "results" / "recommend.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(path)


if __name__ == "__main__":
    sys.exit(main())
