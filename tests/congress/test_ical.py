import re
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from django.urls import reverse

from helisa.congress.ical import calendar, feed_token
from helisa.congress.models import Favourite
from tests.congress.factories import CongressFactory
from tests.congress.programme_cast import SessionFactory
from tests.factories import UserFactory


def _unfold(text):
    return text.replace("\r\n ", "")


def test_programme_calendar_is_valid_icalendar(client, open_congress):
    first = SessionFactory(congress=open_congress, title={"en": "Opening, with; commas"})
    SessionFactory(congress=open_congress, starts_at=first.starts_at + timedelta(hours=2))
    answer = client.get(reverse("congress:programme_ical", args=[open_congress.slug]))
    assert answer["Content-Type"].startswith("text/calendar")
    text = answer.content.decode()
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") and text.endswith(
        "END:VCALENDAR\r\n"
    )
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    events = _unfold(text).split("BEGIN:VEVENT")[1:]
    assert len(events) == 2
    uids = re.findall(r"^UID:(.+)$", _unfold(text), re.M)
    assert len(set(uids)) == 2
    assert "DTSTART;TZID=Europe/Warsaw:20250909T100000" in events[0]
    assert re.search(r"^DTSTAMP:\d{8}T\d{6}Z\r$", events[0], re.M)
    assert "X-WR-TIMEZONE:Europe/Warsaw" in text
    assert "SUMMARY:Opening\\, with\\; commas" in events[0]
    assert f"LOCATION:{first.room.name}\\, Warszawa" in events[0]


def test_uid_is_stable_between_downloads(open_congress):
    session = SessionFactory(congress=open_congress)
    one = calendar(congress=open_congress, sessions=[session], name="x", language="en")
    two = calendar(congress=open_congress, sessions=[session], name="x", language="en")
    assert re.findall("UID:.*", one) == re.findall("UID:.*", two)


def test_agenda_feed_is_in_the_persons_language_behind_a_secret(client, open_congress):
    user = UserFactory(language="pl")
    mine = SessionFactory(congress=open_congress, title={"en": "Debate", "pl": "Debata"})
    SessionFactory(congress=open_congress)
    Favourite.objects.create(user=user, session=mine)
    url = reverse("congress:agenda_feed", args=[open_congress.slug, user.pk, feed_token(user)])
    text = _unfold(client.get(url).content.decode())
    assert text.count("BEGIN:VEVENT") == 1 and "SUMMARY:Debata" in text
    wrong = reverse("congress:agenda_feed", args=[open_congress.slug, user.pk, "0" * 32])
    assert client.get(wrong).status_code == 404


def test_long_lines_fold_without_cutting_characters(open_congress):
    session = SessionFactory(congress=open_congress, title={"en": "Żółć " * 40})
    text = calendar(congress=open_congress, sessions=[session], name="x", language="en")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    assert "Żółć Żółć" in _unfold(text)


WINTER = datetime(2025, 1, 15, 9, 30, tzinfo=UTC)
SUMMER = datetime(2025, 7, 15, 9, 30, tzinfo=UTC)
NEXT_SPRING = datetime(2026, 3, 20, 16, 0, tzinfo=UTC)


@pytest.mark.parametrize("zone", ["Europe/Warsaw", "Europe/Lisbon"])
def test_each_start_through_its_tzid_and_the_vtimezone_is_the_sessions_moment(db, zone):
    congress = CongressFactory(time_zone=zone)
    sessions = [SessionFactory(congress=congress, starts_at=at) for at in (WINTER, SUMMER)]
    sessions.append(SessionFactory(congress=congress, starts_at=NEXT_SPRING))
    text = calendar(congress=congress, sessions=sessions, name="x", language="en")
    parsed = icalendar.Calendar.from_ical(text)
    (vtimezone,) = parsed.walk("VTIMEZONE")
    assert vtimezone["TZID"] == zone
    assert {c.name for c in vtimezone.subcomponents} == {"STANDARD", "DAYLIGHT"}
    own_rules = vtimezone.to_tz(lookup_tzid=False)  # from the VTIMEZONE alone, not zoneinfo
    events = parsed.walk("VEVENT")
    for event, session in zip(events, sessions, strict=True):
        assert event["DTSTART"].params["TZID"] == zone
        assert event.decoded("DTSTART") == session.starts_at
        assert event.decoded("DTEND") == session.ends_at
        wall_clock = event.decoded("DTSTART").replace(tzinfo=None)
        assert wall_clock.replace(tzinfo=own_rules) == session.starts_at
    summer_offset = events[1].decoded("DTSTART").utcoffset()
    assert summer_offset - events[0].decoded("DTSTART").utcoffset() == timedelta(hours=1)


def test_the_second_of_a_repeated_hour_is_written_in_utc(open_congress):
    first = datetime(2025, 10, 26, 0, 30, tzinfo=UTC)  # 02:30 summer time in Warsaw
    second = first + timedelta(hours=1)  # 02:30 again, winter time
    sessions = [SessionFactory(congress=open_congress, starts_at=at) for at in (first, second)]
    text = calendar(congress=open_congress, sessions=sessions, name="x", language="en")
    assert "DTSTART;TZID=Europe/Warsaw:20251026T023000" in text
    assert "DTSTART:20251026T013000Z" in text
    starts = [
        e.decoded("DTSTART").astimezone(UTC)
        for e in icalendar.Calendar.from_ical(text).walk("VEVENT")
    ]
    assert starts == [first, second]


def test_a_zone_without_daylight_saving_has_one_standard_time(db):
    congress = CongressFactory(time_zone="Asia/Tokyo")
    session = SessionFactory(congress=congress, starts_at=SUMMER)
    text = calendar(congress=congress, sessions=[session], name="x", language="en")
    (vtimezone,) = icalendar.Calendar.from_ical(text).walk("VTIMEZONE")
    assert [c.name for c in vtimezone.subcomponents] == ["STANDARD"]
    assert "DTSTART;TZID=Asia/Tokyo:20250715T183000" in text


def test_an_empty_agenda_is_a_calendar_without_a_time_zone_block(open_congress):
    text = calendar(congress=open_congress, sessions=[], name="x", language="en")
    assert "BEGIN:VTIMEZONE" not in text and "BEGIN:VEVENT" not in text
