import re
from datetime import timedelta

from django.urls import reverse

from helisa.congress.ical import calendar, feed_token
from helisa.congress.models import Favourite
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
    assert "DTSTART:20250909T080000Z" in events[0] and "DTSTAMP:" in events[0]
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
