"""The independent checker of B2B schedules.

Written apart from the solver and sharing none of its code, so that a bug in the solver cannot hide
itself: every schedule the solver returns is checked here in the tests, and the gaps it reports
are counted here.
"""

from collections import Counter, defaultdict


def _field(item, name):
    return item[name] if isinstance(item, dict) else getattr(item, name)


def _positions_by_session(instance, assignments):
    """participant -> session -> sorted positions (index within the session) of its meetings."""
    position, session_of = {}, {}
    counters = Counter()
    for slot in instance.slots:
        position[slot.id] = counters[slot.session]
        session_of[slot.id] = slot.session
        counters[slot.session] += 1
    members = {m.id: m.participants for m in instance.meetings}
    result = defaultdict(lambda: defaultdict(list))
    for a in assignments:
        slot = _field(a, "slot")
        for p in members.get(_field(a, "meeting"), ()):
            result[p][session_of[slot]].append(position[slot])
    for sessions in result.values():
        for positions in sessions.values():
            positions.sort()
    return result


def count_gaps(instance, assignments):
    """participant id -> number of gaps: idle periods between two of its meetings in a session."""
    gaps = {p.id: 0 for p in instance.participants}
    for participant, sessions in _positions_by_session(instance, assignments).items():
        gaps[participant] = sum(
            1
            for positions in sessions.values()
            for before, after in zip(positions, positions[1:], strict=False)
            if after - before > 1
        )
    return gaps


def count_idle_slots(instance, assignments):
    """participant id -> idle slots between its first and last meeting of each session."""
    idle = {p.id: 0 for p in instance.participants}
    for participant, sessions in _positions_by_session(instance, assignments).items():
        idle[participant] = sum(
            positions[-1] - positions[0] + 1 - len(positions)
            for positions in sessions.values()
            if positions
        )
    return idle


def check(instance, schedule):
    """Every way `schedule` breaks the rules of `instance`, as sentences; [] when it is valid."""
    problems = []
    slots = {s.id for s in instance.slots}
    meetings = {m.id: m for m in instance.meetings}
    available = {
        p.id: (slots if p.available is None else set(p.available)) for p in instance.participants
    }
    assignments = list(_field(schedule, "assignments"))
    unscheduled = list(_field(schedule, "unscheduled"))

    seen = Counter(_field(a, "meeting") for a in assignments) + Counter(unscheduled)
    for meeting_id, count in seen.items():
        if meeting_id not in meetings:
            problems.append(f"{meeting_id} is not a meeting of the instance")
        elif count > 1:
            problems.append(f"{meeting_id} appears {count} times")
    problems.extend(
        f"{meeting_id} is neither scheduled nor unscheduled"
        for meeting_id in meetings
        if meeting_id not in seen
    )

    at_table, busy = {}, {}
    per_slot = Counter()
    for a in assignments:
        meeting_id, slot, table = _field(a, "meeting"), _field(a, "slot"), _field(a, "table")
        meeting = meetings.get(meeting_id)
        if meeting is None:
            continue
        if slot not in slots:
            problems.append(f"{meeting_id} is in an unknown slot {slot}")
            continue
        online = getattr(meeting, "online", False)
        if online:  # a video call takes no table
            if table is not None:
                problems.append(f"{meeting_id} is online but is given table {table}")
            if meeting.locked and meeting.locked[0] != slot:
                problems.append(f"{meeting_id} is locked to {meeting.locked[0]} but is at {slot}")
        else:
            per_slot[slot] += 1
            if not (isinstance(table, int) and 1 <= table <= instance.tables):
                problems.append(
                    f"{meeting_id} is at table {table}, not one of 1..{instance.tables}"
                )
            if (slot, table) in at_table:
                problems.append(
                    f"{meeting_id} and {at_table[slot, table]} share table {table} in {slot}"
                )
            at_table[slot, table] = meeting_id
            if meeting.locked and tuple(meeting.locked) != (slot, table):
                problems.append(
                    f"{meeting_id} is locked to {meeting.locked} but is at {(slot, table)}"
                )
        for p in meeting.participants:
            if p not in available:
                problems.append(f"{meeting_id} has an unknown participant {p}")
                continue
            if slot not in available[p]:
                problems.append(f"{p} is not available in {slot} for {meeting_id}")
            if (p, slot) in busy:
                problems.append(f"{p} has {busy[p, slot]} and {meeting_id} at once in {slot}")
            busy[p, slot] = meeting_id
    problems.extend(
        f"{slot} holds {count} meetings for {instance.tables} tables"
        for slot, count in per_slot.items()
        if count > instance.tables
    )

    gaps = sum(count_gaps(instance, assignments).values())
    idle = sum(count_idle_slots(instance, assignments).values())
    claimed_gaps, claimed_idle = _field(schedule, "gaps"), _field(schedule, "idle_slots")
    if claimed_gaps != gaps:
        problems.append(f"the schedule claims {claimed_gaps} gaps but has {gaps}")
    if claimed_idle != idle:
        problems.append(f"the schedule claims {claimed_idle} idle slots but has {idle}")
    upper, lower = _field(schedule, "upper_bound_scheduled"), _field(schedule, "lower_bound_gaps")
    if upper < len(assignments) or upper > len(meetings):
        problems.append(
            f"upper bound {upper} is not between {len(assignments)} and {len(meetings)}"
        )
    if lower > gaps or lower < 0:
        problems.append(f"lower bound {lower} on gaps is not between 0 and {gaps}")
    if _field(schedule, "optimal") and (upper != len(assignments) or lower != gaps):
        problems.append("the schedule claims to be optimal but its bounds are not met")
    return problems
