"""What can be proven about any schedule, whatever the search finds (docs/b2b-scheduling.md).

Upper bound on scheduled meetings: the best of (a) the meetings that have a possible slot at all,
(b) a maximum flow that sends each meeting to one of its possible slots with at most `tables`
meetings a slot (it forgets that participants clash), (c) for every participant, its meetings
minus a maximum matching of them to distinct possible slots (a participant meets once a slot).

Lower bound on gaps when every meeting is scheduled: every participant needs, on its own, at
least the gaps that its meeting count forces given the runs of slots its meetings can take; gaps
are counted per participant, so the sum is a lower bound for the whole schedule.
"""


def bits(mask):
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def upper_bound_scheduled(problem):
    possible = [m for m, mask in enumerate(problem.allowed) if mask]
    need = problem.table_need
    at_tables = [m for m in possible if need[m]]  # online meetings take no table
    bound = min(len(possible), len(possible) - len(at_tables) + _slot_flow(problem, at_tables))
    worst = 0
    for meetings in problem.meetings_of:
        mine = [m for m in meetings if problem.allowed[m]]
        if len(mine) > 1:
            worst = max(worst, len(mine) - _matching(problem, mine))
    return min(bound, len(possible) - worst)


def _slot_flow(problem, meetings):
    """Maximum number of meetings sent to possible slots, `tables` per slot, clashes ignored."""
    capacity = problem.tables
    holders = [[] for _ in range(problem.slot_count)]

    def augment(m, seen):
        for t in bits(problem.allowed[m]):
            if t in seen:
                continue
            seen.add(t)
            if len(holders[t]) < capacity:
                holders[t].append(m)
                return True
            for index, holder in enumerate(holders[t]):
                if augment(holder, seen):
                    holders[t][index] = m
                    return True
        return False

    return sum(1 for m in meetings if augment(m, set()))


def _matching(problem, meetings):
    """Maximum matching of one participant's meetings to distinct possible slots."""
    owner = {}

    def augment(m, seen):
        for t in bits(problem.allowed[m]):
            if t in seen:
                continue
            seen.add(t)
            if t not in owner or augment(owner[t], seen):
                owner[t] = m
                return True
        return False

    return sum(1 for m in meetings if augment(m, set()))


def lower_bound_gaps(problem):
    """Valid only over schedules that place every meeting."""
    total = 0
    for meetings in problem.meetings_of:
        usable = 0
        for m in meetings:
            usable |= problem.allowed[m]
        total += _forced_gaps(problem, usable, len(meetings))
    return total


def _forced_gaps(problem, usable, count):
    """Fewest gaps for `count` meetings in the slots of `usable`, for a participant alone.

    A participant's meetings in a session form runs; a run lies inside one run of usable slots,
    so touching r runs of usable slots in a session costs at least r - 1 gaps. The cheapest way
    to seat `count` meetings is the longest run of each session for free, then the longest
    remaining runs at one gap each.
    """
    longest, others = [], []
    for session in problem.session_masks:
        runs = sorted(_runs(usable & session), reverse=True)
        if runs:
            longest.append(runs[0])
            others.extend(runs[1:])
    room = sum(longest)
    gaps = 0
    for run in sorted(others, reverse=True):
        if room >= count:
            break
        room += run
        gaps += 1
    return gaps


def _runs(mask):
    lengths, length = [], 0
    while mask:
        if mask & 1:
            length += 1
        elif length:
            lengths.append(length)
            length = 0
        mask >>= 1
    if length:
        lengths.append(length)
    return lengths
