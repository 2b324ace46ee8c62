"""Tables, given slots: fixed tables stay, everyone else stays where they sat if they can.

Tables are interchangeable for the rules, so they are given after the slots, slot by slot in time
order. A meeting prefers, in turn, the table it had in the previous schedule, then the table its
participants last sat at (the busiest participant first: it is the one who would otherwise walk
most). A free table where a participant with meetings still to come last sat is given last.
"""


def assign_tables(problem, slots):
    """meeting -> table (1..tables) for every placed meeting at a table (online ones take none)."""
    table = {}
    by_slot = [[] for _ in range(problem.slot_count)]
    need = problem.table_need
    for m, t in enumerate(slots):
        if t >= 0 and need[m]:
            by_slot[t].append(m)
    degree = [len(meetings) for meetings in problem.meetings_of]
    last_table = {}
    later = {}  # participant -> number of its meetings still to come
    for m, t in enumerate(slots):
        if t >= 0 and need[m]:
            for p in problem.parts[m]:
                later[p] = later.get(p, 0) + 1
    for t, meetings in enumerate(by_slot):
        taken = set()
        for m in meetings:
            if problem.fixed_slot[m] == t:
                table[m] = problem.fixed_table[m]
                taken.add(table[m])
        claimed = {last_table[p] for p in last_table if later.get(p)}
        wishes = []
        for m in meetings:
            if m in table:
                continue
            if problem.previous_slot[m] == t and problem.previous_table[m]:
                wishes.append((0, 0, problem.previous_table[m], m))
            for p in problem.parts[m]:
                if p in last_table:
                    wishes.append((1, -degree[p], last_table[p], m))
        for _rank, _weight, wish, m in sorted(wishes):
            if m not in table and wish not in taken and 1 <= wish <= problem.tables:
                table[m] = wish
                taken.add(wish)
        free = [k for k in range(1, problem.tables + 1) if k not in taken]
        unclaimed = [k for k in free if k not in claimed]
        spare = unclaimed + [k for k in free if k in claimed]
        spare.reverse()
        for m in meetings:
            if m not in table:
                table[m] = spare.pop()
        for m in meetings:
            for p in problem.parts[m]:
                last_table[p] = table[m]
                later[p] -= 1
    return table
