from datetime import UTC, datetime

from helisa.congress.slots import (
    SessionSpec,
    derive_slots,
    parse_slot_id,
    session_slots,
    slot_id,
    suggested_tables,
)


def morning(breaks=()):
    return SessionSpec(
        id="1",
        starts_at=datetime(2025, 9, 9, 7, 0, tzinfo=UTC),  # 09:00 in Warsaw
        ends_at=datetime(2025, 9, 9, 10, 0, tzinfo=UTC),
        breaks=breaks,
    )


def test_a_three_hour_session_of_twenty_minute_meetings_has_nine_slots():
    slots = session_slots(morning(), minutes=20, time_zone="Europe/Warsaw")
    assert len(slots) == 9
    assert slots[0].id == "2025-09-09T07:00:00Z"
    assert slots[-1].ends_at == datetime(2025, 9, 9, 10, 0, tzinfo=UTC)


def test_a_break_in_local_time_removes_the_slots_it_overlaps():
    slots = session_slots(
        morning(breaks=(("10:30", "10:50"),)), minutes=20, time_zone="Europe/Warsaw"
    )
    ids = [s.id for s in slots]
    # 10:20-10:40 would overlap the break: the next slot starts when it ends, at 10:50 local.
    assert "2025-09-09T08:20:00Z" not in ids
    assert "2025-09-09T08:50:00Z" in ids
    assert all(
        not (
            s.starts_at < datetime(2025, 9, 9, 8, 50, tzinfo=UTC)
            and s.ends_at > datetime(2025, 9, 9, 8, 30, tzinfo=UTC)
        )
        for s in slots
    )
    assert len(slots) == 7


def test_no_slot_runs_past_the_end_of_the_session():
    slots = session_slots(morning(), minutes=30, time_zone="UTC")
    assert len(slots) == 6
    slots = session_slots(
        SessionSpec(
            id="2",
            starts_at=datetime(2025, 9, 9, 7, 0, tzinfo=UTC),
            ends_at=datetime(2025, 9, 9, 7, 50, tzinfo=UTC),
        ),
        minutes=30,
    )
    assert len(slots) == 1


def test_slots_of_several_sessions_come_in_time_order_with_their_session():
    afternoon = SessionSpec(
        id="2",
        starts_at=datetime(2025, 9, 9, 12, 0, tzinfo=UTC),
        ends_at=datetime(2025, 9, 9, 13, 0, tzinfo=UTC),
    )
    slots = derive_slots([afternoon, morning()], minutes=30)
    assert [s.session for s in slots] == ["1"] * 6 + ["2"] * 2
    assert slots == sorted(slots, key=lambda s: s.starts_at)


def test_slot_ids_are_utc_iso_and_read_back():
    moment = datetime(2025, 9, 9, 9, 15, tzinfo=UTC)
    assert slot_id(moment) == "2025-09-09T09:15:00Z"
    assert parse_slot_id(slot_id(moment)) == moment


def test_the_table_rule_is_meetings_over_slots_plus_ten_to_twenty_percent():
    assert suggested_tables(expected_meetings=500, slot_count=20) == (28, 30)
    assert suggested_tables(expected_meetings=0, slot_count=20) == (0, 0)
    assert suggested_tables(expected_meetings=3, slot_count=20) == (1, 1)
