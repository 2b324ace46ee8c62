"""Time slots of B2B meetings, derived from the sessions, the meeting length and the breaks.

Plain data in, plain data out. A slot is named by its start time in ISO 8601 UTC
("2025-09-09T07:00:00Z"), so a schedule keeps its meaning when the settings change; its session
is the MatchmakingSession's primary key, as a string.
"""

import math
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class SessionSpec:
    id: str
    starts_at: datetime  # aware
    ends_at: datetime  # aware
    breaks: tuple[tuple[str, str], ...] = ()  # ("10:30", "10:45") in the congress's local time


@dataclass(frozen=True)
class TimeSlot:
    id: str
    session: str
    starts_at: datetime  # UTC
    ends_at: datetime  # UTC


def slot_id(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_slot_id(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def parse_breaks(breaks):
    """[["10:30", "10:45"], ...] as pairs of times; a malformed entry raises ValueError."""
    pairs = []
    for entry in breaks or ():
        start, end = (time.fromisoformat(str(part)) for part in entry)
        if end <= start:
            raise ValueError(f"break {start}-{end} ends before it starts")
        pairs.append((start, end))
    return sorted(pairs)


def _break_intervals(session, zone):
    day = session.starts_at.astimezone(zone).date()
    return [
        (
            datetime.combine(day, start, tzinfo=zone).astimezone(UTC),
            datetime.combine(day, end, tzinfo=zone).astimezone(UTC),
        )
        for start, end in parse_breaks(session.breaks)
    ]


def session_slots(session, *, minutes, time_zone="UTC"):
    """Consecutive slots of `minutes` from the start; a slot that would overlap a break starts
    after the break instead, and none runs past the end."""
    zone = ZoneInfo(time_zone)
    length = timedelta(minutes=minutes)
    breaks = _break_intervals(session, zone)
    start, end = session.starts_at.astimezone(UTC), session.ends_at.astimezone(UTC)
    slots = []
    while start + length <= end:
        clash = next((b for b in breaks if start < b[1] and b[0] < start + length), None)
        if clash is not None:
            start = clash[1]
            continue
        slots.append(
            TimeSlot(id=slot_id(start), session=session.id, starts_at=start, ends_at=start + length)
        )
        start += length
    return slots


def derive_slots(sessions, *, minutes, time_zone="UTC"):
    """Every slot of every session, in time order."""
    slots = [
        s
        for session in sessions
        for s in session_slots(session, minutes=minutes, time_zone=time_zone)
    ]
    return sorted(slots, key=lambda s: s.starts_at)


def suggested_tables(*, expected_meetings, slot_count):
    """The b2match rule: meetings over slots, plus 10 to 20%; (fewest, most), each at least 1."""
    if slot_count <= 0 or expected_meetings <= 0:
        return (0, 0)
    base = expected_meetings / slot_count
    return (max(1, math.ceil(base * 1.1)), max(1, math.ceil(base * 1.2)))


def local_label(slot, time_zone):
    """ "09:00–09:20" in the congress's time zone."""
    zone = ZoneInfo(time_zone)
    return f"{slot.starts_at.astimezone(zone):%H:%M}–{slot.ends_at.astimezone(zone):%H:%M}"
