"""The scheduler's plan: construct, search on both cores, prove what can be proven, seat.

1. Bounds that cost nothing (scheduling_bounds) give the target: a schedule meeting them is
   optimal, and the search stops there.
2. The gap-aware construction, then simulated annealing (scheduling_search) in this process and,
   with workers=2, in a second process on another seed; the better schedule wins.
3. When meetings are left out, CP-SAT either places them or proves the upper bound; on small
   instances it also proves a lower bound on the gaps (scheduling_exact).
4. Tables (scheduling_tables), then every figure is counted by the independent checker.
"""

import multiprocessing
import random
import time

from helisa.congress.schedule_check import count_gaps, count_idle_slots
from helisa.congress.scheduling_bounds import lower_bound_gaps, upper_bound_scheduled
from helisa.congress.scheduling_model import MOVE_WEIGHT, UNPLACED_WEIGHT, State, build_problem
from helisa.congress.scheduling_search import anneal, construct

CHUNK = 20_000  # annealing moves between two looks at the clock, the target and the other core
TEMPERATURE = 0.12
PATIENCE = 50  # chunks without a new best before going back to the best
EXACT_SIZE = 800  # CP-SAT gap model only up to this many (meeting, slot) pairs
SOLO_SECONDS = 1.0
SOLO_ROUNDS = 5
SMALL_ROUNDS = 2
HANDOVER = 0.5  # seconds


def run(instance, *, time_limit, seed, progress, previous, published, workers, max_rounds, started):
    from helisa.congress.scheduling import Assignment, Schedule

    deadline = time.monotonic() + max(0.0, time_limit - (time.perf_counter() - started))
    problem = build_problem(instance, previous=previous, published=published)
    meeting_count = len(problem.meeting_ids)
    upper = sum(1 for mask in problem.allowed if mask)  # the flow bounds wait until needed
    forced_moves = sum(
        1
        for m, t in enumerate(problem.previous_slot)
        if t >= 0 and not (problem.allowed[m] >> t & 1)
    )
    # the per-participant bound holds only over schedules that place every meeting: it guides
    # the search while that may happen, and is reported only when the schedule places them all
    gap_floor = lower_bound_gaps(problem) if upper == meeting_count else 0
    exact_floor = 0  # proven by CP-SAT over schedules placing as many as the best one found

    def target():
        return (meeting_count - upper) * UNPLACED_WEIGHT + forced_moves * MOVE_WEIGHT + gap_floor

    rng = random.Random(seed)
    state = State(problem)
    construct(state, rng)
    best, best_cost = list(state.slot), state.cost

    def report(cost):
        if progress is not None:
            spent = time_limit - max(0.0, deadline - time.monotonic())
            progress(
                min(1.0, spent / time_limit) if time_limit else 1.0,
                meeting_count - cost // UNPLACED_WEIGHT,
                cost % MOVE_WEIGHT,  # the gaps
            )

    report(best_cost)
    small = sum(mask.bit_count() for mask in problem.allowed) <= EXACT_SIZE
    exact_workers = 1 if max_rounds is not None else max(1, workers)
    proven = False
    while best_cost > target():
        remaining = deadline - time.monotonic()
        if remaining <= 0.05 and max_rounds is None:
            break
        # leave time for CP-SAT when meetings are left out, or when it can prove the gaps
        share = 1.0 if proven else 0.3 if best_cost >= UNPLACED_WEIGHT else 0.6 if small else 1.0
        rounds = max_rounds
        if small and not proven:  # CP-SAT settles small instances faster than the search
            rounds = min(max_rounds or SMALL_ROUNDS, SMALL_ROUNDS)
        best, best_cost = _search_both(
            problem,
            best,
            seed,
            time.monotonic() + share * max(0.0, remaining),
            rounds,
            target(),
            workers,
            report,
        )
        if proven or best_cost <= target():
            break
        best, best_cost, upper, gap_floor, exact_floor = _prove(
            problem, best, best_cost, upper, gap_floor, small, deadline, exact_workers, seed
        )
        proven = True

    slots = best
    tables = _tables(problem, slots)
    assignments = [
        Assignment(meeting=problem.meeting_ids[m], slot=problem.slot_ids[t], table=tables.get(m))
        for m, t in enumerate(slots)
        if t >= 0
    ]
    gaps = count_gaps(instance, assignments)
    total_gaps = sum(gaps.values())
    if len(assignments) < meeting_count:
        gap_floor = 0  # some meeting is out: the per-participant bound proves nothing
    gap_floor = max(gap_floor, exact_floor)
    if len(assignments) < upper:
        gap_floor = min(gap_floor, total_gaps)  # bounds only ever proven, never claimed beyond
    moved = _moved(problem, slots, tables) if previous is not None else 0
    schedule = Schedule(
        assignments=assignments,
        unscheduled=[problem.meeting_ids[m] for m, t in enumerate(slots) if t < 0],
        gaps=total_gaps,
        idle_slots=sum(count_idle_slots(instance, assignments).values()),
        participants_with_gaps=sum(1 for g in gaps.values() if g),
        upper_bound_scheduled=max(upper, len(assignments)),
        lower_bound_gaps=min(gap_floor, total_gaps),
        optimal=len(assignments) == upper
        and total_gaps == gap_floor
        and _moved_slots(problem, slots) == forced_moves,
        seconds=time.perf_counter() - started,
        moved=moved,
        table_changes=_table_changes(problem, slots, tables),
    )
    report(best_cost)
    return schedule


def _prove(problem, best, best_cost, upper, gap_floor, small, deadline, workers, seed):
    placed = sum(1 for t in best if t >= 0)
    exact_floor = 0
    if placed == upper and not small:
        return best, best_cost, upper, gap_floor, exact_floor
    from helisa.congress import scheduling_exact  # ortools loads only when a proof is needed

    meeting_count = len(problem.meeting_ids)
    remaining = max(0.0, deadline - time.monotonic())
    if placed < upper:
        upper = min(upper, upper_bound_scheduled(problem))
        if upper < meeting_count:
            gap_floor = 0  # the per-participant bound holds only when all can be placed
    if placed < upper:
        slots, bound = scheduling_exact.place(
            problem,
            best,
            time_limit=remaining * (0.5 if small else 1.0),
            workers=workers,
            seed=seed,
        )
        if slots is not None:
            if bound < upper:
                upper = bound
                gap_floor = 0  # the per-participant bound holds only when all can be placed
            if sum(1 for t in slots if t >= 0) > placed:
                best = slots
                best_cost = State(problem, best).cost
                placed = sum(1 for t in best if t >= 0)
    if small and not any(t >= 0 for t in problem.previous_slot):
        remaining = max(0.0, deadline - time.monotonic())
        slots, bound = scheduling_exact.fewest_gaps(
            problem, best, at_least=placed, time_limit=remaining, workers=workers, seed=seed
        )
        # every schedule placing the most meetings places at least `placed` of them
        exact_floor = bound
        if slots is not None:
            candidate = State(problem, slots)
            if candidate.cost < best_cost:
                best, best_cost = list(candidate.slot), candidate.cost
    return best, best_cost, upper, gap_floor, exact_floor


def _search_both(problem, start, seed, stop_at, max_rounds, target, workers, report):
    if workers < 2 or max_rounds is not None and max_rounds <= SOLO_ROUNDS:
        return _search(problem, start, seed, stop_at, max_rounds, target, None, report)
    # alone first: most instances that are easy are done before a second process is up
    solo_until = min(stop_at, time.monotonic() + SOLO_SECONDS)
    if max_rounds is None:
        start, cost = _search(problem, start, seed, solo_until, None, target, None, report)
    else:
        start, cost = _search(problem, start, seed, stop_at, SOLO_ROUNDS, target, None, report)
        max_rounds -= SOLO_ROUNDS
    if cost <= target or time.monotonic() >= stop_at:
        return start, cost
    context = multiprocessing.get_context("spawn")
    stop, results = context.Event(), context.Queue()
    other = context.Process(
        target=_search_elsewhere,
        # the helper stops a little early, so that its answer is back by the deadline
        args=(problem, start, seed + 7919, stop_at - HANDOVER, max_rounds, target, stop, results),
        daemon=True,
    )
    other.start()
    mine, mine_cost = _search(problem, start, seed + 1, stop_at, max_rounds, target, stop, report)
    stop.set()
    if mine_cost <= target:
        other.terminate()
        other.join()
        return mine, mine_cost
    try:
        theirs, theirs_cost = results.get(timeout=30)
    except Exception:  # noqa: BLE001 - a lost helper process leaves this one's result
        theirs, theirs_cost = None, None
    other.join(timeout=5)
    if other.is_alive():
        other.terminate()
    if theirs is not None and (theirs_cost <= target or theirs_cost < mine_cost):
        return theirs, theirs_cost
    return mine, mine_cost


def _search_elsewhere(problem, start, seed, stop_at, max_rounds, target, stop, results):
    best, cost = _search(problem, start, seed, stop_at, max_rounds, target, stop, None)
    if cost <= target:
        stop.set()
    results.put((best, cost))


def _search(problem, start, seed, stop_at, max_rounds, target, stop, report):
    rng = random.Random(seed)
    state = State(problem, start)
    best, best_cost = list(state.slot), state.cost
    rounds = idle = 0
    timed = max_rounds is None
    while best_cost > target:
        if (max_rounds is not None and rounds >= max_rounds) or (
            timed and time.monotonic() >= stop_at
        ):
            break
        if stop is not None and stop.is_set():
            break
        slots, cost = anneal(
            state,
            rng,
            iterations=CHUNK,
            temperature=TEMPERATURE,
            target=target,
            deadline=stop_at if timed else None,
            clock=time.monotonic,
        )
        rounds += 1
        if cost < best_cost:
            best, best_cost, idle = slots, cost, 0
        else:
            idle += 1
            if idle >= PATIENCE:
                state, idle = State(problem, best), 0
        if report is not None:
            report(best_cost)
    if best_cost <= target and stop is not None:
        stop.set()
    return best, best_cost


def _tables(problem, slots):
    from helisa.congress.scheduling_tables import assign_tables

    return assign_tables(problem, slots)


def _moved_slots(problem, slots):
    return sum(1 for m, t in enumerate(problem.previous_slot) if t >= 0 and slots[m] != t)


def _moved(problem, slots, tables):
    return sum(
        1
        for m, t in enumerate(problem.previous_slot)
        if t >= 0 and (slots[m] != t or tables.get(m, 0) != problem.previous_table[m])
    )


def _table_changes(problem, slots, tables):
    changes = 0
    for meetings in problem.meetings_of:
        seated = sorted((slots[m], tables[m]) for m in meetings if slots[m] >= 0 and m in tables)
        changes += sum(1 for a, b in zip(seated, seated[1:], strict=False) if a[1] != b[1])
    return changes
