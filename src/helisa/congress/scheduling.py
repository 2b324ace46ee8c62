"""The B2B meeting scheduler: plain data in, plain data out (no ORM).

solve() gives each accepted meeting a slot and a table so that nobody has two meetings at once,
availability holds and no slot holds more meetings than there are tables. Its priorities, in
order: place as many meetings as possible, (when re-scheduling) move as few earlier meetings as
possible, leave as few gaps as possible, keep participants at the same table. Every schedule
carries what was proven about it: an upper bound on the meetings any schedule could place and a
lower bound on the gaps. docs/b2b-scheduling.md explains the method and the bounds.
"""

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from helisa.congress.schedule_check import count_gaps, count_idle_slots


@dataclass(frozen=True)
class Slot:
    id: str
    session: str


@dataclass(frozen=True)
class Participant:
    id: str
    available: frozenset[str] | None = None  # None: every slot


@dataclass(frozen=True)
class Assignment:
    meeting: str
    slot: str
    table: int | None  # None for an online meeting


@dataclass(frozen=True)
class Meeting:
    id: str
    participants: tuple[str, ...]
    locked: tuple[str, int | None] | None = None  # (slot, table); an online meeting: (slot, None)
    online: bool = False  # held by video call: it needs a time but no table


@dataclass(frozen=True)
class Instance:
    slots: tuple[Slot, ...]  # in time order
    tables: int
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]

    @classmethod
    def from_dict(cls, data):
        return cls(
            slots=tuple(Slot(id=str(s["id"]), session=str(s["session"])) for s in data["slots"]),
            tables=int(data["tables"]),
            participants=tuple(
                Participant(
                    id=str(p["id"]),
                    available=frozenset(map(str, p["available"])) if "available" in p else None,
                )
                for p in data["participants"]
            ),
            meetings=tuple(
                Meeting(
                    id=str(m["id"]),
                    participants=tuple(map(str, m["participants"])),
                    locked=_lock(m),
                    online=bool(m.get("online", False)),
                )
                for m in data["meetings"]
            ),
        )

    def to_dict(self):
        return {
            "slots": [{"id": s.id, "session": s.session} for s in self.slots],
            "tables": self.tables,
            "participants": [
                {"id": p.id}
                if p.available is None
                else {"id": p.id, "available": [s.id for s in self.slots if s.id in p.available]}
                for p in self.participants
            ],
            "meetings": [
                {"id": m.id, "participants": list(m.participants)}
                | ({"online": True} if m.online else {})
                | (
                    {"locked": {"slot": m.locked[0]} | _table_field(m.locked[1])}
                    if m.locked
                    else {}
                )
                for m in self.meetings
            ],
        }


def _lock(meeting):
    locked = meeting.get("locked")
    if not locked:
        return None
    if meeting.get("online"):
        return (str(locked["slot"]), None)  # an online meeting keeps its time only
    return (str(locked["slot"]), int(locked["table"]))


def _table_field(table):
    return {} if table is None else {"table": table}


def _table(value):
    return None if value is None else int(value)


@dataclass
class Schedule:
    assignments: list[Assignment]
    unscheduled: list[str]
    gaps: int
    idle_slots: int
    upper_bound_scheduled: int
    lower_bound_gaps: int
    optimal: bool
    seconds: float
    participants_with_gaps: int = 0
    moved: int = 0  # earlier assignments (of `previous`) no longer at the same slot and table
    table_changes: int = 0  # times a participant changes table between consecutive meetings
    extra: dict = field(default_factory=dict)

    @property
    def scheduled(self):
        return len(self.assignments)

    @classmethod
    def from_dict(cls, data):
        return cls(
            assignments=[
                Assignment(
                    meeting=str(a["meeting"]), slot=str(a["slot"]), table=_table(a.get("table"))
                )
                for a in data["assignments"]
            ],
            unscheduled=[str(m) for m in data.get("unscheduled", [])],
            gaps=int(data.get("gaps", 0)),
            idle_slots=int(data.get("idle_slots", 0)),
            upper_bound_scheduled=int(data.get("upper_bound_scheduled", 0)),
            lower_bound_gaps=int(data.get("lower_bound_gaps", 0)),
            optimal=bool(data.get("optimal", False)),
            seconds=float(data.get("seconds", 0.0)),
        )

    def to_dict(self):
        return {
            "assignments": [
                {"meeting": a.meeting, "slot": a.slot, "table": a.table} for a in self.assignments
            ],
            "unscheduled": list(self.unscheduled),
            "gaps": self.gaps,
            "idle_slots": self.idle_slots,
            "upper_bound_scheduled": self.upper_bound_scheduled,
            "lower_bound_gaps": self.lower_bound_gaps,
            "optimal": self.optimal,
            "seconds": round(self.seconds, 3),
        }


Progress = Callable[[float, int, int], None]  # (fraction of the time used, scheduled, gaps)


def load_instance(path):
    return Instance.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))


def save_schedule(schedule, path):
    Path(path).write_text(json.dumps(schedule.to_dict(), indent=1) + "\n", encoding="utf-8")


def solve(
    instance,
    *,
    time_limit,
    seed=0,
    progress=None,
    previous=None,
    published=None,
    workers=2,
    max_rounds=None,
):
    """Schedule `instance` within `time_limit` seconds (less when proven optimal).

    previous: an earlier Schedule to re-schedule from. Its meetings in `published` (a set of
    meeting ids; default: all of them) stay at their slot and table while that is still
    possible (every participant still available there); the others move as little as possible.
    max_rounds bounds the search by work rather than time, so that a seed gives one result.
    """
    from helisa.congress.scheduling_solver import run

    started = time.perf_counter()
    return run(
        instance,
        time_limit=time_limit,
        seed=seed,
        progress=progress,
        previous=previous,
        published=published,
        workers=workers,
        max_rounds=max_rounds,
        started=started,
    )


def greedy(instance):
    """The baseline: meetings in order, each in the first slot and table that fit."""
    started = time.perf_counter()
    order = {s.id: index for index, s in enumerate(instance.slots)}
    available = {
        p.id: (p.available if p.available is not None else frozenset(order))
        for p in instance.participants
    }
    busy = {p.id: set() for p in instance.participants}
    used_tables = {s.id: set() for s in instance.slots}
    assignments, unscheduled = [], []
    for meeting in instance.meetings:
        if meeting.locked:
            slot, table = meeting.locked
            candidates = [(slot, table)]
        else:
            candidates = [(s.id, None) for s in instance.slots]
        placed = None
        for slot, table in candidates:
            if slot not in order or any(
                p not in busy or slot in busy[p] or slot not in available[p]
                for p in meeting.participants
            ):
                continue
            if meeting.online:
                placed = Assignment(meeting=meeting.id, slot=slot, table=None)
                break
            if table is None:
                table = next(
                    (t for t in range(1, instance.tables + 1) if t not in used_tables[slot]), None
                )
            if table is None or table in used_tables[slot] or not 1 <= table <= instance.tables:
                continue
            placed = Assignment(meeting=meeting.id, slot=slot, table=table)
            break
        if placed is None:
            unscheduled.append(meeting.id)
            continue
        assignments.append(placed)
        if placed.table is not None:
            used_tables[placed.slot].add(placed.table)
        for p in meeting.participants:
            busy[p].add(placed.slot)
    gaps = count_gaps(instance, assignments)
    return Schedule(
        assignments=assignments,
        unscheduled=unscheduled,
        gaps=sum(gaps.values()),
        idle_slots=sum(count_idle_slots(instance, assignments).values()),
        participants_with_gaps=sum(1 for g in gaps.values() if g),
        upper_bound_scheduled=len(instance.meetings),
        lower_bound_gaps=0,
        optimal=False,
        seconds=time.perf_counter() - started,
    )
