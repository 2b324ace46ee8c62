"""Calendars of sessions in iCalendar (RFC 5545), written by hand: the format is small.

Times are local to the congress, with TZID and a VTIMEZONE built from zoneinfo's offsets in
the years of the sessions: calendar applications show them right even where the zone's rules
differ from their own tables. X-WR-TIMEZONE names the zone for the applications that read it.
"""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from helisa.core.translated import in_language

FEED_SALT = "helisa.congress.agenda-feed"


def feed_token(user):
    """The secret in a person's agenda feed URL; a new password makes a new one."""
    return salted_hmac(FEED_SALT, f"{user.pk}:{user.password}").hexdigest()[:32]


def feed_token_matches(user, token):
    return constant_time_compare(feed_token(user), token)


def utc_stamp(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def local_stamp(moment, zone):
    """`;TZID=…:` local time, or UTC where the local time happens twice (RFC 5545 takes the first)."""
    here = moment.astimezone(zone)
    if here.fold:
        return f":{utc_stamp(moment)}"
    return f";TZID={zone.key}:{here:%Y%m%dT%H%M%S}"


def _transitions(zone, start, end):
    """The UTC instants in [start, end) where the zone's offset changes, to the second."""
    found, day = [], timedelta(days=1)
    moment = start
    while moment < end:
        following = moment + day
        if moment.astimezone(zone).utcoffset() != following.astimezone(zone).utcoffset():
            low, high = moment, following  # offset of `low` is the old one, of `high` the new one
            while high - low > timedelta(seconds=1):
                middle = low + (high - low) / 2
                same = middle.astimezone(zone).utcoffset() == low.astimezone(zone).utcoffset()
                low, high = (middle, high) if same else (low, middle)
            found.append(high.replace(microsecond=0))
        moment = following
    return found


def _offset(delta):
    seconds = int(delta.total_seconds())
    sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02}{minutes:02}" + (f"{seconds:02}" if seconds else "")


def _observance(zone, onset):
    before = (onset - timedelta(seconds=1)).astimezone(zone)
    after = onset.astimezone(zone)
    kind = "DAYLIGHT" if after.dst() else "STANDARD"
    return [
        f"BEGIN:{kind}",
        f"DTSTART:{(onset + before.utcoffset()).replace(tzinfo=None):%Y%m%dT%H%M%S}",
        f"TZOFFSETFROM:{_offset(before.utcoffset())}",
        f"TZOFFSETTO:{_offset(after.utcoffset())}",
        f"TZNAME:{escape_text(after.tzname())}",
        f"END:{kind}",
    ]


def vtimezone(zone, years):
    """The zone's changes in those years, and the last one before them, which still holds."""
    first, last = min(years), max(years)
    onsets = _transitions(
        zone, datetime(first - 1, 1, 1, tzinfo=UTC), datetime(last + 1, 1, 2, tzinfo=UTC)
    )
    earlier = [onset for onset in onsets if onset.year < first]
    onsets = earlier[-1:] + [onset for onset in onsets if first <= onset.year <= last]
    lines = ["BEGIN:VTIMEZONE", f"TZID:{zone.key}"]
    if not onsets:  # a zone without changes: one standard time since ever
        offset = _offset(datetime(first, 1, 1, tzinfo=UTC).astimezone(zone).utcoffset())
        name = datetime(first, 1, 1, tzinfo=UTC).astimezone(zone).tzname()
        lines += ["BEGIN:STANDARD", "DTSTART:19700101T000000", f"TZOFFSETFROM:{offset}"]
        lines += [f"TZOFFSETTO:{offset}", f"TZNAME:{escape_text(name)}", "END:STANDARD"]
    for onset in onsets:
        lines += _observance(zone, onset)
    lines.append("END:VTIMEZONE")
    return lines


def escape_text(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold_line(line):
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    data = line.encode()
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # never cut a UTF-8 character in two
        parts.append(data[start:end].decode())
        start, limit = end, 74
    return "\r\n ".join(parts)


def session_uid(session):
    host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "helisa"
    return f"congress-session-{session.pk}@{host}"


def _location(session, congress):
    parts = [session.room.name if session.room else "", congress.venue, congress.city]
    return ", ".join(part for part in parts if part)


def _event(session, congress, language, stamp, zone):
    url = settings.SITE_URL + congress.get_absolute_url() + f"sessions/{session.pk}/"
    description = in_language(session.description, language).text
    lines = [
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART{local_stamp(session.starts_at, zone)}",
        f"DTEND{local_stamp(session.ends_at, zone)}",
        f"SUMMARY:{escape_text(in_language(session.title, language).text)}",
        f"LOCATION:{escape_text(_location(session, congress))}",
        f"URL:{url}",
        f"CATEGORIES:{escape_text(session.get_kind_display())}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description + chr(10) + chr(10) + url)}")
    lines.append("END:VEVENT")
    return lines


def calendar(*, congress, sessions, name, language):
    """The text of a VCALENDAR with one VEVENT per session."""
    stamp = utc_stamp(timezone.now())
    zone = ZoneInfo(congress.time_zone)
    sessions = list(sessions)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Helisa//Congress programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
        f"X-WR-TIMEZONE:{congress.time_zone}",
    ]
    years = {moment.astimezone(zone).year for s in sessions for moment in (s.starts_at, s.ends_at)}
    if years:
        lines += vtimezone(zone, years)
    for session in sessions:
        lines += _event(session, congress, language, stamp, zone)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)
