"""Construction and move-based local search over slot assignments.

The construction places the hardest meetings first (fewest possible slots, busiest participants),
each in the slot that adds the fewest gaps and idle slots. The local search is simulated
annealing over Kempe-chain moves: a meeting goes from slot a to slot b, and whatever it then
clashes with in b goes to a, and so on, so no participant is ever double booked; an unscheduled
meeting may push the meetings it clashes with out of a slot. The cost is lexicographic through
its weights: unscheduled meetings, then moved earlier meetings, then gaps.
"""

import math

from helisa.congress.scheduling_model import MOVE_WEIGHT, UNPLACED_WEIGHT

CHAIN_LIMIT = 24


def bits(mask):
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def construct(state, rng):
    problem = state.problem
    for m, t in enumerate(problem.fixed_slot):
        if t >= 0:
            state.place(m, t)
    degree = [len(meetings) for meetings in problem.meetings_of]
    order = sorted(
        (m for m in state.unplaced if problem.allowed[m]),
        key=lambda m: (
            problem.allowed[m].bit_count(),
            -sum(degree[p] for p in problem.parts[m]),
            rng.random(),
        ),
    )
    for m in order:
        t = best_slot(state, m, rng)
        if t >= 0:
            state.place(m, t)
    repair(state, rng)


def best_slot(state, m, rng):
    problem = state.problem
    parts = problem.parts[m]
    session_of = derived(problem)["session_of"]
    busy = 0
    for p in parts:
        busy |= state.mask[p]
    best, best_score = -1, None
    previous = problem.previous_slot[m]
    for t in bits(problem.allowed[m] & ~busy):
        if state.load[t] + problem.table_need[m] > problem.tables:
            continue
        bit = 1 << t
        score = 0.0 if t == previous else (MOVE_WEIGHT if previous >= 0 else 0.0)
        for p in parts:
            mask = state.mask[p]
            near = mask & session_of[t]
            if near:
                score += 8 * (problem.gaps(mask | bit) - state.gap[p])
                low = (near & -near).bit_length() - 1
                high = near.bit_length() - 1
                score += low - t - 1 if t < low else t - high - 1 if t > high else -1
        score += rng.random() * 0.5
        if best_score is None or score < best_score:
            best, best_score = t, score
    return best


def derived(problem):
    cache = problem.cache
    if "movable" not in cache:
        cache["movable"] = [
            m
            for m in range(len(problem.allowed))
            if problem.fixed_slot[m] < 0 and problem.allowed[m]
        ]
        cache["allowed_slots"] = [list(bits(a)) for a in problem.allowed]
        cache["session_of"] = [
            next(s for s in problem.session_masks if s >> t & 1) for t in range(problem.slot_count)
        ]
    return cache


def repair(state, rng, *, attempts=3):
    """Place unscheduled meetings by moving one meeting in their way (by a Kempe chain)."""
    problem = state.problem
    parts, fixed, tables = problem.parts, problem.fixed_slot, problem.tables
    need = problem.table_need
    allowed_slots = derived(problem)["allowed_slots"]
    for _ in range(attempts):
        for m in list(state.unplaced):
            options = allowed_slots[m][:]
            rng.shuffle(options)
            for b in options:
                blockers = {state.occupant[p][b] for p in parts[m]} - {-1}
                if not blockers and state.load[b] + need[m] <= tables:
                    state.place(m, b)
                    break
                if any(fixed[e] >= 0 for e in blockers):
                    continue
                if blockers:
                    movers = list(blockers)
                else:
                    # a full slot: try moving a few of its meetings; fixed ones never move
                    movable = [
                        x
                        for x in range(len(state.slot))
                        if state.slot[x] == b and fixed[x] < 0 and need[x]
                    ]
                    if not movable:
                        continue
                    movers = rng.sample(movable, k=min(3, len(movable)))
                if _shift_one(state, m, b, movers, rng):
                    break


def _shift_one(state, m, b, movers, rng):
    problem = state.problem
    parts, allowed, tables = problem.parts, problem.allowed, problem.tables
    need = problem.table_need
    for e in movers:
        for c in derived(problem)["allowed_slots"][e]:
            if c == b:
                continue
            chain = kempe_chain(e, b, c, parts, state.occupant, state.slot, problem.fixed_slot)
            if chain is None or m in chain:
                continue
            targets = [c if state.slot[x] == b else b for x in chain]
            if not all(allowed[x] >> t & 1 for x, t in zip(chain, targets, strict=True)):
                continue
            to_c = sum(need[x] for x, t in zip(chain, targets, strict=True) if t == c)
            to_b = sum(need[x] for x in chain) - to_c
            if (
                state.load[c] + to_c - to_b > tables
                or state.load[b] + to_b - to_c > tables - need[m]
            ):
                continue
            after = {p for x, t in zip(chain, targets, strict=True) if t == b for p in parts[x]}
            left = {p for x in chain if state.slot[x] == b for p in parts[x]}
            if any(p in after or (state.occupant[p][b] >= 0 and p not in left) for p in parts[m]):
                continue
            for x in chain:
                state._take(x)
            for x, t in zip(chain, targets, strict=True):
                state._put(x, t)
            state.place(m, b)
            return True
    return False


def anneal(state, rng, *, iterations, temperature, target=0, deadline=None, clock=None):
    """Improve `state` in place; returns the best slot list seen and its cost."""
    problem = state.problem
    parts, allowed, fixed = problem.parts, problem.allowed, problem.fixed_slot
    previous, tables = problem.previous_slot, problem.tables
    need = problem.table_need
    occupant, load, slot, mask = state.occupant, state.load, state.slot, state.mask
    gaps = problem.gaps
    cache = derived(problem)
    movable, allowed_slots, session_of = (
        cache["movable"],
        cache["allowed_slots"],
        cache["session_of"],
    )
    best_cost, best = state.cost, list(slot)
    if not movable or best_cost <= target:
        return best, best_cost
    random, choice = rng.random, rng.choice
    for iteration in range(iterations):
        if deadline is not None and iteration & 255 == 0 and clock() > deadline:
            break
        if state.unplaced and random() < 0.5:
            m = choice(state.unplaced)
            options = allowed_slots[m]
            if not options:
                continue
            b = choice(options)
            bit = 1 << b
            ejected = {occupant[p][b] for p in parts[m]} - {-1}
            if (
                any(fixed[e] >= 0 for e in ejected)
                or load[b] - sum(need[e] for e in ejected) + need[m] > tables
            ):
                continue
            new = {}
            for e in ejected:
                for p in parts[e]:
                    new[p] = new.get(p, mask[p]) & ~bit
            for p in parts[m]:
                new[p] = new.get(p, mask[p]) | bit
            delta = (len(ejected) - 1) * UNPLACED_WEIGHT
            delta += sum(gaps(v) - state.gap[p] for p, v in new.items())
            delta += MOVE_WEIGHT * (
                sum(1 for e in ejected if previous[e] == b) - (previous[m] == b)
            )
            if delta <= 0 or random() < math.exp(-delta / temperature):
                for e in ejected:
                    state.unplace(e)
                state.place(m, b)
        else:
            gappy = state.gappy
            if gappy and random() < 0.6:
                p = choice(gappy)
                a = choice(list(bits(mask[p])))
                m = occupant[p][a]
                if fixed[m] >= 0:
                    continue
                if random() < 0.5:
                    # towards the holes: a free slot of p within one of its span in a's session
                    busy = mask[p] & session_of[a]
                    low = (busy & -busy).bit_length() - 1
                    near = ((1 << (busy.bit_length() + 1)) - (1 << max(0, low - 1))) & session_of[a]
                    near &= ~mask[p] & allowed[m]
                    if not near:
                        continue
                    b = choice(list(bits(near)))
                else:
                    b = choice(allowed_slots[m])
            else:
                m = choice(movable)
                a = slot[m]
                if a < 0:
                    continue
                b = choice(allowed_slots[m])
            if b == a:
                continue
            chain = kempe_chain(m, a, b, parts, occupant, slot, fixed)
            if chain is None:
                continue
            bit_a, bit_b = 1 << a, 1 << b
            to_b = to_a = 0  # tables taken to b and to a
            flips = {}
            ok = True
            for x in chain:
                target = b if slot[x] == a else a
                if not allowed[x] >> target & 1:
                    ok = False
                    break
                if target == b:
                    to_b += need[x]
                else:
                    to_a += need[x]
                for p in parts[x]:
                    flips[p] = flips.get(p, 0) + 1
            if not ok:
                continue
            if load[b] + to_b - to_a > tables or load[a] + to_a - to_b > tables:
                continue
            both = bit_a | bit_b
            delta = 0
            for p, count in flips.items():
                if count == 1:
                    delta += gaps(mask[p] ^ both) - state.gap[p]
            if any(previous[x] >= 0 for x in chain):
                for x in chain:
                    was = slot[x]
                    target = b if was == a else a
                    delta += MOVE_WEIGHT * ((previous[x] == was) - (previous[x] == target))
            if delta <= 0 or random() < math.exp(-delta / temperature):
                targets = [b if slot[x] == a else a for x in chain]
                for x in chain:
                    state._take(x)
                for x, target in zip(chain, targets, strict=True):
                    state._put(x, target)
        cost = state.cost
        if cost < best_cost:
            best_cost, best = cost, list(slot)
            if best_cost <= target:
                break
    return best, best_cost


def kempe_chain(m, a, b, parts, occupant, slot, fixed):
    chain, seen, stack = [m], {m}, [m]
    while stack:
        x = stack.pop()
        other = b if slot[x] == a else a
        for p in parts[x]:
            y = occupant[p][other]
            if y >= 0 and y not in seen:
                if fixed[y] >= 0 or len(chain) >= CHAIN_LIMIT:
                    return None
                seen.add(y)
                chain.append(y)
                stack.append(y)
    return chain
