"""The organiser's settings of B2B matchmaking: sessions with their breaks, length, tables, caps."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from helisa.congress import b2b_rules  # noqa: F401  (registers the permissions)
from helisa.congress.models import MatchmakingSession
from helisa.congress.slots import parse_breaks

from .b2b_participants import matchmaking_of

SETTINGS_FIELDS = (
    "meeting_minutes",
    "tables",
    "max_requests_per_participant",
    "default_max_meetings",
    "requests_open",
)


def _require_organiser(user, congress):
    if user is None or not user.has_perm("congress.run_b2b", congress):
        raise PermissionDenied(_("Only the congress's organisers change its matchmaking."))


def update_settings(*, congress, by, **values):
    _require_organiser(by, congress)
    unknown = set(values) - set(SETTINGS_FIELDS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    matchmaking = matchmaking_of(congress)
    for name, value in values.items():
        setattr(matchmaking, name, value)
    matchmaking.full_clean()
    matchmaking.save()
    return matchmaking


def _session_times(congress, day, start, end):
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(congress.time_zone)
    starts_at = datetime.combine(day, start, tzinfo=zone)
    ends_at = datetime.combine(day, end, tzinfo=zone)
    if ends_at <= starts_at:
        raise ValidationError({"end": _("A session ends after it starts.")})
    return starts_at, ends_at


def _clean_breaks(breaks, start, end):
    try:
        pairs = parse_breaks(breaks)
    except (ValueError, TypeError) as error:
        raise ValidationError({"breaks": _("Write each break as HH:MM-HH:MM.")}) from error
    if any(b_start < start or b_end > end for b_start, b_end in pairs):
        raise ValidationError({"breaks": _("Breaks fall within the session.")})
    return [[s.strftime("%H:%M"), e.strftime("%H:%M")] for s, e in pairs]


def save_session(*, congress, by, label, day, start, end, breaks=(), session=None):
    """Add a session (a morning or an afternoon), or change `session`. Times are local."""
    _require_organiser(by, congress)
    starts_at, ends_at = _session_times(congress, day, start, end)
    session = session or MatchmakingSession(congress=congress)
    session.label = label.strip() or _("B2B meetings")
    session.starts_at, session.ends_at = starts_at, ends_at
    session.breaks = _clean_breaks(breaks, start, end)
    session.save()
    return session


def delete_session(*, session, by):
    _require_organiser(by, session.congress)
    session.delete()
