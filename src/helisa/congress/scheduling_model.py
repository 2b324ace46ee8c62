"""The scheduler's internal, index-based view of an instance, and the search state over it.

Slots become bit positions, with each session's slots made contiguous (in time order), so that a
participant's slots are one integer and its gaps are counted with a few bit operations: a run of
meetings starts at every busy slot whose predecessor in the same session is idle, and a
participant has one gap fewer than runs in every session it meets in.
"""

from dataclasses import dataclass, field

UNPLACED_WEIGHT = 10**12
MOVE_WEIGHT = 10**6  # more gaps than this never happen; the weights make the cost lexicographic


@dataclass
class Problem:
    slot_ids: list  # internal slot index -> slot id
    session_masks: list  # one bit mask per session
    follow_mask: int  # bit t is set when slot t-1 is in the same session as t
    tables: int
    participant_ids: list
    available: list  # participant -> mask of available slots
    meeting_ids: list
    parts: list  # meeting -> tuple of participant indices
    allowed: list  # meeting -> mask of slots it may take
    fixed_slot: list  # meeting -> slot it must keep (locked or published), or -1
    fixed_table: list  # meeting -> table it must keep, or 0
    previous_slot: list  # meeting -> slot it had in the previous schedule (not fixed), or -1
    previous_table: list  # meeting -> table in the previous schedule, or 0
    meetings_of: list  # participant -> meeting indices
    online: list = field(default_factory=list)  # meeting -> True when it needs no table
    cache: dict = field(default_factory=dict, repr=False)  # lists the search derives once

    @property
    def slot_count(self):
        return len(self.slot_ids)

    @property
    def table_need(self):
        """meeting -> tables it takes: 1, or 0 for an online meeting (state.load counts tables)."""
        need = self.cache.get("table_need")
        if need is None:
            online = self.online or [False] * len(self.meeting_ids)
            need = self.cache["table_need"] = [0 if o else 1 for o in online]
        return need

    def gaps(self, mask):
        runs = (mask & ~((mask << 1) & self.follow_mask)).bit_count()
        return runs - sum(1 for session in self.session_masks if mask & session)

    def idle(self, mask):
        total = 0
        for session in self.session_masks:
            busy = mask & session
            if busy:
                low = (busy & -busy).bit_length()
                total += busy.bit_length() - low + 1 - busy.bit_count()
        return total


def build_problem(instance, *, previous=None, published=None):
    order = []
    for session in dict.fromkeys(s.session for s in instance.slots):
        order.extend(s for s in instance.slots if s.session == session)
    slot_index = {s.id: index for index, s in enumerate(order)}
    session_masks, follow_mask = [], 0
    for index, slot in enumerate(order):
        if index and order[index - 1].session == slot.session:
            follow_mask |= 1 << index
            session_masks[-1] |= 1 << index
        else:
            session_masks.append(1 << index)
    everything = (1 << len(order)) - 1
    participant_index = {p.id: index for index, p in enumerate(instance.participants)}
    available = [
        everything
        if p.available is None
        else sum(1 << slot_index[s] for s in p.available if s in slot_index)
        for p in instance.participants
    ]
    meeting_count = len(instance.meetings)
    parts, allowed = [], []
    meetings_of = [[] for _ in instance.participants]
    for m, meeting in enumerate(instance.meetings):
        members = tuple(dict.fromkeys(participant_index.get(p, -1) for p in meeting.participants))
        mask = everything if -1 not in members else 0
        members = tuple(p for p in members if p >= 0)
        for p in members:
            mask &= available[p]
            meetings_of[p].append(m)
        parts.append(members)
        allowed.append(mask)

    fixed_slot, fixed_table = [-1] * meeting_count, [0] * meeting_count
    taken_tables, busy = set(), set()

    online = [bool(getattr(meeting, "online", False)) for meeting in instance.meetings]

    def pin(m, slot, table):
        t = slot_index.get(slot, -1)
        if online[m]:
            table = 0  # a video call keeps its time only
        if (
            t < 0
            or not allowed[m] >> t & 1
            or not (online[m] or (table is not None and 1 <= table <= instance.tables))
            or (t, table) in taken_tables
            or any((p, t) in busy for p in parts[m])
        ):
            return False
        fixed_slot[m], fixed_table[m] = t, table
        if not online[m]:
            taken_tables.add((t, table))
        busy.update((p, t) for p in parts[m])
        allowed[m] = 1 << t
        return True

    for m, meeting in enumerate(instance.meetings):
        if meeting.locked and not pin(m, *meeting.locked):
            allowed[m] = 0  # a lock that cannot hold: the meeting stays unscheduled
    previous_slot, previous_table = [-1] * meeting_count, [0] * meeting_count
    if previous is not None:
        meeting_index = {meeting.id: m for m, meeting in enumerate(instance.meetings)}
        for a in previous.assignments:
            m = meeting_index.get(a.meeting)
            if m is None or fixed_slot[m] >= 0 or instance.meetings[m].locked:
                continue
            if (published is None or a.meeting in published) and pin(m, a.slot, a.table):
                continue
            previous_slot[m] = slot_index.get(a.slot, -1)
            previous_table[m] = 0 if online[m] or a.table is None else a.table
            if previous_slot[m] < 0:
                previous_slot[m] = len(order)  # a slot that no longer exists: a forced move

    return Problem(
        slot_ids=[s.id for s in order],
        session_masks=session_masks,
        follow_mask=follow_mask,
        tables=instance.tables,
        participant_ids=[p.id for p in instance.participants],
        available=available,
        meeting_ids=[m.id for m in instance.meetings],
        parts=parts,
        allowed=allowed,
        fixed_slot=fixed_slot,
        fixed_table=fixed_table,
        previous_slot=previous_slot,
        previous_table=previous_table,
        meetings_of=meetings_of,
        online=online,
    )


class State:
    """A slot for every meeting (-1: unscheduled) with everything derived from it kept current."""

    def __init__(self, problem, slots=None):
        self.problem = problem
        size = problem.slot_count
        self.slot = [-1] * len(problem.meeting_ids)
        self.mask = [0] * len(problem.participant_ids)
        self.gap = [0] * len(problem.participant_ids)
        self.occupant = [[-1] * size for _ in problem.participant_ids]
        self.load = [0] * size
        self.total_gaps = 0
        self.moved = sum(1 for t in problem.previous_slot if t >= 0)
        self.unplaced = list(range(len(problem.meeting_ids)))
        self.unplaced_at = {m: i for i, m in enumerate(self.unplaced)}
        self.gappy, self.gappy_at = [], {}
        if slots is not None:
            for m, t in enumerate(slots):
                if t >= 0:
                    self.place(m, t)

    @property
    def cost(self):
        return len(self.unplaced) * UNPLACED_WEIGHT + self.moved * MOVE_WEIGHT + self.total_gaps

    def _set_mask(self, p, mask):
        self.mask[p] = mask
        gaps = self.problem.gaps(mask)
        old = self.gap[p]
        if gaps != old:
            self.gap[p] = gaps
            self.total_gaps += gaps - old
            if old == 0:
                self.gappy_at[p] = len(self.gappy)
                self.gappy.append(p)
            elif gaps == 0:
                index = self.gappy_at.pop(p)
                last = self.gappy.pop()
                if last != p:
                    self.gappy[index] = last
                    self.gappy_at[last] = index

    def place(self, m, t):
        index = self.unplaced_at.pop(m)
        last = self.unplaced.pop()
        if last != m:
            self.unplaced[index] = last
            self.unplaced_at[last] = index
        self._put(m, t)

    def unplace(self, m):
        self._take(m)
        self.unplaced_at[m] = len(self.unplaced)
        self.unplaced.append(m)

    def move(self, m, t):
        self._take(m)
        self._put(m, t)

    def _put(self, m, t):
        self.slot[m] = t
        self.load[t] += self.problem.table_need[m]
        bit = 1 << t
        for p in self.problem.parts[m]:
            self.occupant[p][t] = m
            self._set_mask(p, self.mask[p] | bit)
        previous = self.problem.previous_slot[m]
        if previous >= 0 and previous == t:
            self.moved -= 1

    def _take(self, m):
        t = self.slot[m]
        self.slot[m] = -1
        self.load[t] -= self.problem.table_need[m]
        bit = 1 << t
        for p in self.problem.parts[m]:
            self.occupant[p][t] = -1
            self._set_mask(p, self.mask[p] & ~bit)
        previous = self.problem.previous_slot[m]
        if previous >= 0 and previous == t:
            self.moved += 1
