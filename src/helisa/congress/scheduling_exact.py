"""CP-SAT models of the whole slot assignment, for proofs the local search cannot give.

place(): the most meetings any schedule can hold (its proven bound is an upper bound).
fewest_gaps(): the fewest gaps of a schedule that places at least a given number of meetings
(its proven bound is a lower bound on the gaps of every schedule placing as many).
Both start from the local search's schedule as a hint and use only a bounded time.
"""

import math

from ortools.sat.python import cp_model

from helisa.congress.scheduling_bounds import bits


def _base(problem):
    model = cp_model.CpModel()
    x = {}
    for m, mask in enumerate(problem.allowed):
        for t in bits(mask):
            x[m, t] = model.new_bool_var(f"x{m}_{t}")
        chosen = [x[m, t] for t in bits(mask)]
        if problem.fixed_slot[m] >= 0:
            model.add(x[m, problem.fixed_slot[m]] == 1)
        elif chosen:
            model.add_at_most_one(chosen)
    by_slot = [[] for _ in range(problem.slot_count)]
    occupancy = {}
    need = problem.table_need
    for (m, t), var in x.items():
        if need[m]:  # an online meeting takes no table
            by_slot[t].append(var)
        for p in problem.parts[m]:
            occupancy.setdefault((p, t), []).append(var)
    for variables in by_slot:
        if len(variables) > problem.tables:
            model.add(sum(variables) <= problem.tables)
    for variables in occupancy.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    return model, x, occupancy


def _solve(model, x, hint, *, time_limit, workers, seed):
    for (m, t), var in x.items():
        model.add_hint(var, 1 if hint[m] == t else 0)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None, None, status
    slots = list(hint)
    for (m, t), var in x.items():
        if solver.boolean_value(var):
            slots[m] = t
    placed = {m for (m, _t), var in x.items() if solver.boolean_value(var)}
    slots = [t if m in placed else -1 for m, t in enumerate(slots)]
    return slots, solver.best_objective_bound, status


def place(problem, hint, *, time_limit, workers=1, seed=0):
    """(best slots found or None, proven upper bound on placed meetings)."""
    model, x, _occupancy = _base(problem)
    model.maximize(sum(x.values()))
    slots, bound, status = _solve(model, x, hint, time_limit=time_limit, workers=workers, seed=seed)
    if slots is None:
        return None, None
    return slots, int(bound + 1e-6)


def fewest_gaps(problem, hint, *, at_least, time_limit, workers=1, seed=0):
    """(best slots found or None, proven lower bound on gaps given `at_least` placed meetings)."""
    model, x, occupancy = _base(problem)
    model.add(sum(x.values()) >= at_least)
    terms = []
    for p in range(len(problem.participant_ids)):
        for session in problem.session_masks:
            slots = list(bits(session))
            busy = [sum(occupancy.get((p, t), [])) for t in slots]
            if not any(occupancy.get((p, t)) for t in slots):
                continue
            starts = []
            for index, t in enumerate(slots):
                if not occupancy.get((p, t)):
                    continue
                start = model.new_bool_var("")
                model.add(start >= busy[index] - (busy[index - 1] if index else 0))
                starts.append(start)
            present = model.new_bool_var("")
            model.add(present <= sum(busy))
            terms.append(sum(starts) - present)
    model.minimize(sum(terms))
    slots, bound, status = _solve(model, x, hint, time_limit=time_limit, workers=workers, seed=seed)
    if slots is None:
        return None, 0
    return slots, max(0, math.ceil(bound - 1e-6))
