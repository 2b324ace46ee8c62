"""Calendars of sessions in iCalendar (RFC 5545), written by hand: the format is small.

Times are in UTC with a Z, which every calendar application converts to its own zone; the
congress's zone is named in X-WR-TIMEZONE for the applications that display it.
"""

from datetime import UTC

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


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text):
    return (
        str(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line):
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


def _event(session, congress, language, stamp):
    url = settings.SITE_URL + congress.get_absolute_url() + f"sessions/{session.pk}/"
    description = in_language(session.description, language).text
    lines = [
        "BEGIN:VEVENT",
        f"UID:{session_uid(session)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(in_language(session.title, language).text)}",
        f"LOCATION:{_escape(_location(session, congress))}",
        f"URL:{url}",
        f"CATEGORIES:{_escape(session.get_kind_display())}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_escape(description + chr(10) + chr(10) + url)}")
    lines.append("END:VEVENT")
    return lines


def calendar(*, congress, sessions, name, language):
    """The text of a VCALENDAR with one VEVENT per session."""
    stamp = _utc(timezone.now())
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Helisa//Congress programme//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
        f"X-WR-TIMEZONE:{congress.time_zone}",
    ]
    for session in sessions:
        lines += _event(session, congress, language, stamp)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
