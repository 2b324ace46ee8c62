"""B2B meeting scheduler on the benchmark family, against the greedy baseline.

    python -m bench b2b                        # seed 0; writes bench/results/b2b.json
    B2B_SEEDS=5 python -m bench b2b            # seeds 0..4, the goals checked on every one
    python -m bench.b2b --seeds 5 [--only family-150 ...]

Each instance gets the time of its goals (5, 20, 60 and 60 s); the solver stops earlier when it
has proven its schedule optimal. The greedy baseline runs in the same process. For every run the
time at which every meeting was placed is recorded (all_placed_seconds), and the goals are
checked and printed. With --only the results are printed but not written (the file holds the
whole family).
"""

import argparse
import json
import os
import time
from pathlib import Path

from helisa.congress.schedule_check import check
from helisa.congress.scheduling import greedy, load_instance, solve

BENCH_DIR = Path(__file__).resolve().parent
FAMILY = [("family-60", 5.0), ("family-150", 20.0), ("family-500", 60.0), ("family-2000", 60.0)]
# the goals, per instance: proven optimal within (seconds), or every meeting placed within
# (seconds) and at most so many gaps per participant by the end of the time limit
GOALS = {
    "family-60": {"optimal_within": 5.0},
    "family-150": {"optimal_within": 20.0},
    "family-500": {"all_placed_within": 1.0, "gaps_per_participant": 0.08},
    "family-2000": {"all_placed_within": 2.0, "gaps_per_participant": 0.2},
}


def run(seeds=None, only=None):
    seeds = int(os.environ.get("B2B_SEEDS", "1")) if seeds is None else seeds
    rows = []
    for name, time_limit in FAMILY:
        if only and name not in only:
            continue
        instance = load_instance(BENCH_DIR / "instances" / f"{name}.json")
        baseline = greedy(instance)
        _valid(instance, baseline)
        runs = []
        for seed in range(seeds):
            runs.append(_bench(instance, time_limit, seed))
            print(_line(name, seed, runs[-1], len(instance.meetings)), flush=True)
        row = {
            "name": name,
            "participants": len(instance.participants),
            "meetings": len(instance.meetings),
            "slots": len(instance.slots),
            "tables": instance.tables,
            "helisa": runs[0],
            "greedy": {
                "scheduled": baseline.scheduled,
                "gaps": baseline.gaps,
                "participants_with_gaps": baseline.participants_with_gaps,
                "seconds": round(baseline.seconds, 3),
            },
        }
        if seeds > 1:
            row["seeds"] = [{"seed": seed} | result for seed, result in enumerate(runs)]
        row["goals"] = check_goals(name, row, runs)
        rows.append(row)
    print_table(rows)
    print_goals(rows)
    return {"instances": rows}


def _valid(instance, schedule):
    violations = check(instance, schedule)
    if violations:
        raise AssertionError(f"invalid schedule: {violations[:3]}")


def _bench(instance, time_limit, seed):
    started = time.perf_counter()
    all_placed = []

    def progress(_fraction, scheduled, _gaps):
        if not all_placed and scheduled == len(instance.meetings):
            all_placed.append(time.perf_counter() - started)

    schedule = solve(instance, time_limit=time_limit, seed=seed, progress=progress)
    _valid(instance, schedule)
    if not all_placed and schedule.scheduled == len(instance.meetings):
        all_placed.append(schedule.seconds)  # placed only by the last step
    return {
        "scheduled": schedule.scheduled,
        "gaps": schedule.gaps,
        "idle_slots": schedule.idle_slots,
        "participants_with_gaps": schedule.participants_with_gaps,
        "upper_bound_scheduled": schedule.upper_bound_scheduled,
        "lower_bound_gaps": schedule.lower_bound_gaps,
        "optimal": schedule.optimal,
        "seconds": round(schedule.seconds, 2),
        "all_placed_seconds": round(all_placed[0], 2) if all_placed else None,
    }


def check_goals(name, row, runs):
    """[{"goal": sentence, "met": bool}] for the instance's goals, over every seed run."""
    goal, results = GOALS.get(name, {}), []
    suffix = f" on every seed ({len(runs)})" if len(runs) > 1 else ""
    if "optimal_within" in goal:
        limit = goal["optimal_within"]
        results.append(
            {
                "goal": f"proven optimal within {limit:g} s{suffix}",
                "met": all(r["optimal"] and r["seconds"] <= limit for r in runs),
            }
        )
    if "all_placed_within" in goal:
        limit = goal["all_placed_within"]
        results.append(
            {
                "goal": f"every meeting placed within {limit:g} s{suffix}",
                "met": all(
                    r["all_placed_seconds"] is not None and r["all_placed_seconds"] <= limit
                    for r in runs
                ),
            }
        )
    if "gaps_per_participant" in goal:
        most = goal["gaps_per_participant"]
        results.append(
            {
                "goal": f"at most {most:g} gaps per participant{suffix}",
                "met": all(
                    r["scheduled"] == row["meetings"] and r["gaps"] / row["participants"] <= most
                    for r in runs
                ),
            }
        )
    return results


def _line(name, seed, result, meetings):
    return (
        f"{name} seed {seed}: {result['scheduled']}/{meetings} placed"
        f" (all at {result['all_placed_seconds']} s), {result['gaps']} gaps"
        f" (bound {result['lower_bound_gaps']}), {'optimal, ' if result['optimal'] else ''}"
        f"{result['seconds']} s"
    )


def print_table(rows):
    header = (
        f"{'P':>5} {'M':>6} {'T':>3} {'L':>4} | {'helisa placed':>14} {'all at s':>8} "
        f"{'gaps':>5} {'g/P':>5} {'P w/ gaps':>9} {'UB':>6} {'LB':>4} {'opt':>4} {'s':>6} | "
        f"{'greedy placed':>14} {'gaps':>5} {'g/P':>5} {'s':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        g, p = row["greedy"], row["participants"]
        for h in row.get("seeds", [row["helisa"]]):
            placed_at = h["all_placed_seconds"]
            print(
                f"{p:>5} {row['meetings']:>6} {row['slots']:>3} {row['tables']:>4} | "
                f"{_share(h['scheduled'], row['meetings']):>14} "
                f"{'-' if placed_at is None else placed_at:>8} "
                f"{h['gaps']:>5} {h['gaps'] / p:>5.2f} {h['participants_with_gaps']:>9} "
                f"{h['upper_bound_scheduled']:>6} {h['lower_bound_gaps']:>4} "
                f"{'yes' if h['optimal'] else 'no':>4} {h['seconds']:>6.2f} | "
                f"{_share(g['scheduled'], row['meetings']):>14} {g['gaps']:>5} "
                f"{g['gaps'] / p:>5.2f} {g['seconds']:>6.3f}"
            )


def print_goals(rows):
    for row in rows:
        for goal in row["goals"]:
            print(f"{row['name']}: {goal['goal']}: {'met' if goal['met'] else 'NOT met'}")


def _share(scheduled, total):
    return f"{scheduled} {100 * scheduled / total:5.1f}%"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=None, help="seeds 0..N-1 (default 1)")
    parser.add_argument("--only", nargs="+", choices=[name for name, _ in FAMILY])
    options = parser.parse_args(argv)
    results = run(seeds=options.seeds, only=options.only)
    if options.only:
        print("not written: only part of the family ran")
        return
    path = BENCH_DIR / "results" / "b2b.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
