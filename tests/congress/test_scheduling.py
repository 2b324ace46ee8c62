"""The B2B scheduler: every schedule passes the independent checker and claims only proven bounds."""

import itertools
import json
from pathlib import Path

from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helisa.congress.schedule_check import check, count_gaps
from helisa.congress.scheduling import (
    Instance,
    Meeting,
    Participant,
    Slot,
    greedy,
    load_instance,
    solve,
)

FAMILY_60 = Path(__file__).resolve().parents[2] / "bench" / "instances" / "family-60.json"


def _solve(instance, **options):
    schedule = solve(instance, time_limit=10, workers=1, max_rounds=5, **options)
    assert check(instance, schedule) == []
    return schedule


def _instance(slots, tables, meetings, available=None, sessions=None):
    sessions = sessions or {}
    available = available or {}
    people = sorted({p for m in meetings for p in m[1]})
    return Instance(
        slots=tuple(Slot(id=s, session=sessions.get(s, "am")) for s in slots),
        tables=tables,
        participants=tuple(
            Participant(id=p, available=frozenset(available[p]) if p in available else None)
            for p in people
        ),
        meetings=tuple(
            Meeting(
                id=m[0],
                participants=tuple(m[1]),
                locked=m[2] if len(m) > 2 else None,
                online=len(m) > 3 and m[3],
            )
            for m in meetings
        ),
    )


def _exact(instance):
    """(most meetings any schedule holds, fewest gaps among schedules holding that many).

    A locked meeting is always at its lock when its slot exists (the scheduler keeps every lock
    that holds; _as_pinned turns the locks that cannot hold into locks to no slot).
    """
    slots = [s.id for s in instance.slots]
    available = {
        p.id: set(slots) if p.available is None else p.available for p in instance.participants
    }
    best = (-1, 0)
    for choice in itertools.product([None, *slots], repeat=len(instance.meetings)):
        busy, per_slot, locked_tables = set(), {}, set()
        feasible = True
        for meeting, slot in zip(instance.meetings, choice, strict=True):
            if slot is None:
                if meeting.locked and meeting.locked[0] in slots:
                    feasible = False
                    break
                continue
            if meeting.locked and meeting.locked[0] != slot:
                feasible = False
                break
            if meeting.locked and not meeting.online:
                if (slot, meeting.locked[1]) in locked_tables:
                    feasible = False
                    break
                locked_tables.add((slot, meeting.locked[1]))
            for p in meeting.participants:
                if (p, slot) in busy or slot not in available[p]:
                    feasible = False
                busy.add((p, slot))
            if not meeting.online:  # a video call takes no table
                per_slot[slot] = per_slot.get(slot, 0) + 1
            if not feasible or per_slot.get(slot, 0) > instance.tables:
                feasible = False
                break
        if not feasible:
            continue
        placed = [
            {"meeting": m.id, "slot": s}
            for m, s in zip(instance.meetings, choice, strict=True)
            if s is not None
        ]
        value = (len(placed), -sum(count_gaps(instance, placed).values()))
        best = max(best, value)
    return best[0], -best[1]


@st.composite
def tiny_instances(draw):
    slot_count = draw(st.integers(2, 4))
    slots = [f"s{i}" for i in range(slot_count)]
    split = draw(st.integers(1, slot_count))
    sessions = {s: ("am" if i < split else "pm") for i, s in enumerate(slots)}
    people = [f"p{i}" for i in range(draw(st.integers(2, 4)))]
    available = {
        p: draw(st.sets(st.sampled_from(slots), min_size=1)) for p in people if draw(st.booleans())
    }
    tables = draw(st.integers(1, 2))
    meetings = []
    for i in range(draw(st.integers(1, 5))):
        members = draw(st.lists(st.sampled_from(people), min_size=2, max_size=3, unique=True))
        online = draw(st.integers(0, 3)) == 0
        locked = None
        if draw(st.integers(0, 5)) == 0:
            slot = draw(st.sampled_from(slots))
            locked = (slot, None) if online else (slot, draw(st.integers(1, tables)))
        meetings.append((f"m{i}", members, locked, online))
    return _instance(slots, tables, meetings, available, sessions)


# how long the scheduler may work: no time at all, a blink, bounded rounds on one core, and
# enough rounds on two that the second process is spawned when the bounds are not met
RUNS = st.sampled_from(
    [
        {"time_limit": 0, "workers": 1},
        {"time_limit": 0.05, "workers": 2},
        {"time_limit": 10, "workers": 1, "max_rounds": 3},
        {"time_limit": 10, "workers": 2, "max_rounds": 8},
    ]
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tiny_instances(), RUNS)
def test_random_schedules_are_valid_and_claim_only_proven_bounds(instance, run):
    schedule = solve(instance, **run)
    assert check(instance, schedule) == []
    most, fewest_gaps = _exact(_as_pinned(instance, None, None))

    assert schedule.scheduled <= most <= schedule.upper_bound_scheduled
    assert schedule.lower_bound_gaps <= fewest_gaps
    if schedule.optimal:
        assert (schedule.scheduled, schedule.gaps) == (most, fewest_gaps)


@settings(max_examples=20, deadline=None)
@given(tiny_instances())
def test_greedy_schedules_are_valid(instance):
    assert check(instance, greedy(instance)) == []


def test_the_checker_catches_double_booking_and_overfull_slots():
    instance = _instance(["s1", "s2"], 1, [("m1", ["a", "b"]), ("m2", ["a", "c"])])
    schedule = _solve(instance)
    schedule.assignments = [
        type(schedule.assignments[0])(meeting="m1", slot="s1", table=1),
        type(schedule.assignments[0])(meeting="m2", slot="s1", table=2),
    ]
    schedule.unscheduled = []

    problems = " ".join(check(instance, schedule))

    assert "a has m1 and m2 at once" in problems
    assert "not one of 1..1" in problems


def test_a_locked_meeting_stays_where_it_was_locked():
    instance = _instance(
        ["s1", "s2", "s3"],
        2,
        [("m1", ["a", "b"], ("s3", 2)), ("m2", ["a", "c"]), ("m3", ["b", "c"])],
    )

    schedule = _solve(instance)

    assert {(a.meeting, a.slot, a.table) for a in schedule.assignments} >= {("m1", "s3", 2)}
    assert schedule.optimal


def test_split_availability_forces_a_gap_that_the_bound_proves():
    slots = ["s1", "s2", "s3", "s4", "s5"]
    instance = _instance(
        slots,
        3,
        [("m1", ["a", "b"]), ("m2", ["a", "c"]), ("m3", ["a", "d"])],
        available={"a": {"s1", "s2", "s4", "s5"}},
    )

    schedule = _solve(instance)

    assert (schedule.gaps, schedule.lower_bound_gaps, schedule.optimal) == (1, 1, True)


def test_the_upper_bound_counts_what_a_participant_can_attend():
    instance = _instance(["s1", "s2"], 5, [(f"m{i}", ["a", f"b{i}"]) for i in range(3)])

    schedule = _solve(instance)

    assert (schedule.scheduled, schedule.upper_bound_scheduled, schedule.optimal) == (2, 2, True)
    assert len(schedule.unscheduled) == 1


def test_tables_are_numbered_from_one_and_a_busy_participant_keeps_its_table():
    instance = _instance(
        ["s1", "s2", "s3", "s4"],
        4,
        [("m1", ["host", "x"]), ("m2", ["host", "y"]), ("m3", ["host", "z"])]
        + [("m4", ["u", "v"]), ("m5", ["u", "w"]), ("m6", ["v", "w"])],
    )

    schedule = _solve(instance)

    assert all(1 <= a.table <= 4 for a in schedule.assignments)
    host_tables = {a.table for a in schedule.assignments if a.meeting in {"m1", "m2", "m3"}}
    assert len(host_tables) == 1
    # u, v and w meet pairwise: in three slots one of them waits, and the bound proves it
    assert (schedule.gaps, schedule.lower_bound_gaps, schedule.optimal) == (1, 1, True)


def test_rescheduling_keeps_published_meetings_and_places_new_ones():
    meetings = [(f"m{i}", [f"p{i % 4}", f"q{i % 3}"]) for i in range(8)]
    before = _instance([f"s{i}" for i in range(6)], 3, meetings)
    published = _solve(before)
    # q2 withdrew: its meetings go; a new meeting arrives
    after = _instance(
        [f"s{i}" for i in range(6)],
        3,
        [m for m in meetings if "q2" not in m[1]] + [("new", ["p1", "p3"])],
    )

    schedule = _solve(after, previous=published)

    kept = {(a.meeting, a.slot, a.table) for a in published.assignments}
    now = {(a.meeting, a.slot, a.table) for a in schedule.assignments}
    assert {k for k in kept if k[0] in {m.id for m in after.meetings}} <= now
    assert "new" in {a.meeting for a in schedule.assignments}
    assert schedule.moved == 0


def test_rescheduling_moves_few_unpublished_meetings():
    meetings = [(f"m{i}", [f"p{i % 5}", f"q{i % 4}"]) for i in range(12)]
    before = _instance([f"s{i}" for i in range(8)], 3, meetings)
    first = _solve(before)
    after = _instance(
        [f"s{i}" for i in range(8)], 3, [*meetings, ("new1", ["p0", "p1"]), ("new2", ["q0", "q3"])]
    )

    schedule = _solve(after, previous=first, published=set())

    assert schedule.unscheduled == []
    assert schedule.moved <= 2


def test_the_same_seed_gives_the_same_schedule():
    instance = load_instance(FAMILY_60)

    runs = [solve(instance, time_limit=30, seed=3, workers=1, max_rounds=2) for _ in range(2)]

    assert runs[0].assignments == runs[1].assignments


def test_the_command_writes_a_valid_schedule_without_a_database(tmp_path):
    output = tmp_path / "schedule.json"

    call_command("b2b-solve", str(FAMILY_60), "-o", str(output), "--time-limit", "5")

    instance = load_instance(FAMILY_60)
    written = json.loads(output.read_text())
    assert set(written) == {
        "assignments",
        "unscheduled",
        "gaps",
        "idle_slots",
        "upper_bound_scheduled",
        "lower_bound_gaps",
        "optimal",
        "seconds",
    }
    assert check(instance, written) == []
    assert written["unscheduled"] == []
    assert len(written["assignments"]) == 200


def test_a_gap_bound_that_needs_every_meeting_placed_is_not_claimed_when_one_is_out():
    # p2 can meet in s0 and s2 only, so one of its three meetings stays out; placing m0 and m1
    # (p4 meets once) leaves one gap, though p2 and p4 alone would each force one with all placed
    instance = _instance(
        ["s0", "s1", "s2"],
        2,
        [("m0", ["p4", "p2"]), ("m1", ["p3", "p2"]), ("m2", ["p4", "p2"])],
        available={"p2": {"s0", "s2"}},
    )
    assert _exact(instance) == (2, 1)

    for run in ({"time_limit": 0}, {"time_limit": 0.05}, {"time_limit": 10, "max_rounds": 3}):
        schedule = solve(instance, workers=1, **run)
        assert check(instance, schedule) == []
        assert schedule.lower_bound_gaps <= 1
        assert schedule.upper_bound_scheduled >= 2


def test_a_full_slot_of_locked_meetings_leaves_the_new_one_out_without_failing():
    instance = _instance(
        ["s0", "s1"],
        1,
        [("m1", ["a", "b"], ("s0", 1)), ("m2", ["c", "d"], ("s1", 1)), ("m3", ["e", "f"])],
    )

    schedule = solve(instance, time_limit=10, workers=1, max_rounds=3)

    assert check(instance, schedule) == []
    assert (schedule.unscheduled, schedule.upper_bound_scheduled, schedule.optimal) == (
        ["m3"],
        2,
        True,
    )


def _as_pinned(instance, previous, published):
    """The instance with every meeting that must stay put locked, as the rules say.

    Locks hold in the order of the meetings, then the published meetings of `previous` in its
    order, each while its slot exists, its participants are available there and free, and its
    table exists and is free; a lock that cannot hold pins the meeting nowhere.
    """
    slots = {s.id for s in instance.slots}
    available = {p.id: p.available for p in instance.participants}
    taken, busy, pins = set(), set(), {}

    def holds(meeting, slot, table):
        if meeting.online:
            table = None  # a video call keeps its time only
        return (
            slot in slots
            and (meeting.online or (table is not None and 1 <= table <= instance.tables))
            and (slot, table) not in taken
            and all(
                p in available
                and (available[p] is None or slot in available[p])
                and (p, slot) not in busy
                for p in meeting.participants
            )
        )

    def pin(meeting, slot, table):
        pins[meeting.id] = (slot, None) if meeting.online else (slot, table)
        if not meeting.online:
            taken.add((slot, table))
        busy.update((p, slot) for p in meeting.participants)

    for meeting in instance.meetings:
        if meeting.locked:
            if holds(meeting, *meeting.locked):
                pin(meeting, *meeting.locked)
            else:
                pins[meeting.id] = ("nowhere", 1)
    meetings = {m.id: m for m in instance.meetings}
    for a in previous.assignments if previous is not None else ():
        meeting = meetings.get(a.meeting)
        if meeting is None or meeting.id in pins:
            continue
        if (published is None or a.meeting in published) and holds(meeting, a.slot, a.table):
            pin(meeting, a.slot, a.table)
    return Instance(
        slots=instance.slots,
        tables=instance.tables,
        participants=instance.participants,
        meetings=tuple(
            Meeting(id=m.id, participants=m.participants, locked=pins.get(m.id), online=m.online)
            for m in instance.meetings
        ),
    )


@st.composite
def late_changes(draw):
    """An instance, and what changes before it is scheduled again."""
    instance = draw(tiny_instances())
    people = sorted({p for m in instance.meetings for p in m.participants})
    slots = [s.id for s in instance.slots]
    withdrawn = draw(st.sets(st.sampled_from(people), max_size=1))
    unavailable = {}
    if draw(st.booleans()):  # someone can no longer come to one slot
        unavailable[draw(st.sampled_from(people))] = draw(st.sampled_from(slots))
    new = []
    for i in range(draw(st.integers(0, 2))):
        members = draw(st.lists(st.sampled_from(people), min_size=2, max_size=2, unique=True))
        locked = None
        if draw(st.integers(0, 3)) == 0:
            locked = (draw(st.sampled_from(slots)), draw(st.integers(1, instance.tables)))
        online = draw(st.integers(0, 3)) == 0
        if locked and online:
            locked = (locked[0], None)
        new.append(Meeting(id=f"new{i}", participants=tuple(members), locked=locked, online=online))
    ids = [m.id for m in instance.meetings]
    relock = draw(st.sets(st.sampled_from(ids), max_size=1))
    switched = draw(st.sets(st.sampled_from(ids), max_size=1))
    published = draw(st.none() | st.sets(st.sampled_from(ids)))
    return instance, withdrawn, unavailable, new, relock, switched, published


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(late_changes(), RUNS)
def test_rescheduling_after_late_changes_keeps_what_must_stay_and_claims_only_proven_bounds(
    case, run
):
    instance, withdrawn, unavailable, new, relock, switched, published = case
    first = solve(instance, time_limit=10, workers=1, max_rounds=3)
    placed = {a.meeting: (a.slot, a.table) for a in first.assignments}
    meetings = [
        Meeting(
            id=m.id,
            participants=m.participants,
            # the organiser locks a meeting where the first schedule put it
            locked=placed[m.id] if m.id in relock and m.id in placed else m.locked,
            # and some meetings turn into video calls, or back
            online=m.online != (m.id in switched),
        )
        for m in (*instance.meetings, *new)
        if not withdrawn & set(m.participants)
    ]
    everyone = {p.id: p.available for p in instance.participants}
    people = sorted({p for m in meetings for p in m.participants})
    slots = frozenset(s.id for s in instance.slots)

    def still_available(p):
        if p not in unavailable:
            return everyone[p]
        return (everyone[p] if everyone[p] is not None else slots) - {unavailable[p]}

    later = Instance(
        slots=instance.slots,
        tables=instance.tables,
        participants=tuple(Participant(id=p, available=still_available(p)) for p in people),
        meetings=tuple(meetings),
    )
    if len(later.meetings) > 6:  # keep the brute force quick
        later = Instance(later.slots, later.tables, later.participants, later.meetings[:6])

    schedule = solve(later, previous=first, published=published, **run)

    assert check(later, schedule) == []
    pinned = _as_pinned(later, first, published)
    assert check(pinned, schedule) == []  # published and locked meetings stayed where they were
    most, fewest_gaps = _exact(pinned)
    assert schedule.scheduled <= most <= schedule.upper_bound_scheduled
    assert schedule.lower_bound_gaps <= fewest_gaps
    if schedule.optimal:
        assert (schedule.scheduled, schedule.gaps) == (most, fewest_gaps)


def test_online_meetings_take_no_table():
    instance = _instance(
        ["s1"],
        1,
        [
            ("m1", ["a", "b"]),
            ("m2", ["c", "d"], None, True),
            ("m3", ["e", "f"], ("s1", None), True),
        ],
    )

    schedule = _solve(instance)

    assert {(a.meeting, a.slot, a.table) for a in schedule.assignments} == {
        ("m1", "s1", 1),
        ("m2", "s1", None),
        ("m3", "s1", None),
    }
    assert schedule.optimal
    written = schedule.to_dict()
    assert {"meeting": "m2", "slot": "s1", "table": None} in written["assignments"]
    assert check(instance, written) == []


def test_an_online_meeting_in_the_instance_file_is_marked_and_locked_by_slot_only():
    data = {
        "slots": [{"id": "s1", "session": "am"}, {"id": "s2", "session": "am"}],
        "tables": 1,
        "participants": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
        "meetings": [
            {"id": "m1", "participants": ["a", "b"], "online": True, "locked": {"slot": "s2"}},
            {"id": "m2", "participants": ["a", "c"], "locked": {"slot": "s1", "table": 1}},
        ],
    }
    instance = Instance.from_dict(data)

    assert instance.meetings[0].online and instance.meetings[0].locked == ("s2", None)
    assert Instance.from_dict(instance.to_dict()) == instance
    schedule = _solve(instance)
    assert {(a.meeting, a.slot, a.table) for a in schedule.assignments} == {
        ("m1", "s2", None),
        ("m2", "s1", 1),
    }
