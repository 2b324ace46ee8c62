"""B2B meeting scheduler on the benchmark family, against the greedy baseline.

    python -m bench b2b        # writes bench/results/b2b.json
    python -m bench.b2b        # the same, on its own

Each instance gets the time of the goals (5, 20, 60 and 60 s); the solver stops earlier when it
has proven its schedule optimal. The greedy baseline runs in the same process.
"""

import json
import sys
import time
from pathlib import Path

from helisa.congress.schedule_check import check
from helisa.congress.scheduling import greedy, load_instance, solve

BENCH_DIR = Path(__file__).resolve().parent
FAMILY = [("family-60", 5.0), ("family-150", 20.0), ("family-500", 60.0), ("family-2000", 60.0)]


def run(seed=0):
    rows = []
    for name, time_limit in FAMILY:
        instance = load_instance(BENCH_DIR / "instances" / f"{name}.json")
        rows.append(_bench(instance, time_limit, seed))
        print(_line(name, rows[-1]), flush=True)
    print_table(rows)
    return {"instances": rows}


def _bench(instance, time_limit, seed):
    baseline = greedy(instance)
    started = time.perf_counter()
    all_placed = []

    def progress(_fraction, scheduled, _gaps):
        if not all_placed and scheduled == len(instance.meetings):
            all_placed.append(time.perf_counter() - started)

    schedule = solve(instance, time_limit=time_limit, seed=seed, progress=progress)
    for result in (baseline, schedule):
        violations = check(instance, result)
        if violations:
            raise AssertionError(f"invalid schedule: {violations[:3]}")
    return {
        "participants": len(instance.participants),
        "meetings": len(instance.meetings),
        "slots": len(instance.slots),
        "tables": instance.tables,
        "helisa": {
            "scheduled": schedule.scheduled,
            "gaps": schedule.gaps,
            "idle_slots": schedule.idle_slots,
            "participants_with_gaps": schedule.participants_with_gaps,
            "upper_bound_scheduled": schedule.upper_bound_scheduled,
            "lower_bound_gaps": schedule.lower_bound_gaps,
            "optimal": schedule.optimal,
            "seconds": round(schedule.seconds, 2),
        },
        "greedy": {
            "scheduled": baseline.scheduled,
            "gaps": baseline.gaps,
            "participants_with_gaps": baseline.participants_with_gaps,
            "seconds": round(baseline.seconds, 3),
        },
        # not part of the published shape: printed, then dropped by _published()
        "_all_placed_seconds": round(all_placed[0], 2) if all_placed else None,
    }


def _line(name, row):
    h = row["helisa"]
    return f"{name}: {h['scheduled']}/{row['meetings']} placed, {h['gaps']} gaps, {h['seconds']} s"


def print_table(rows):
    header = (
        f"{'P':>5} {'M':>6} {'T':>3} {'L':>4} | {'helisa placed':>14} {'all at s':>8} "
        f"{'gaps':>5} {'g/P':>5} {'P w/ gaps':>9} {'UB':>6} {'LB':>4} {'opt':>4} {'s':>6} | "
        f"{'greedy placed':>14} {'gaps':>5} {'g/P':>5} {'s':>6}"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        h, g, p = row["helisa"], row["greedy"], row["participants"]
        placed_at = row.get("_all_placed_seconds")
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
    for row in rows:
        row.pop("_all_placed_seconds", None)


def _share(scheduled, total):
    return f"{scheduled} {100 * scheduled / total:5.1f}%"


def main():
    results = run(seed=int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    path = BENCH_DIR / "results" / "b2b.json"
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"written to {path}")


if __name__ == "__main__":
    main()
