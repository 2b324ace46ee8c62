"""The organisers' B2B settings and figures through the API as on their pages
(congress/views/organiser.py): meeting length, tables and caps with the tables the usual rule
suggests, the sessions with their breaks, and the statistics as JSON or XLSX. Each endpoint asks
the pages' rule: congress.run_b2b."""

from zoneinfo import ZoneInfo

from django.shortcuts import get_object_or_404
from django.utils import translation
from django.utils.translation import gettext as _
from ninja import Router, Status

from helisa.congress import b2b_queries as queries
from helisa.congress import b2b_statistics
from helisa.congress.models import MatchmakingSession
from helisa.congress.services import b2b_participants, b2b_settings
from helisa.registry.exports import XLSX_TYPE

from .auth import signed_in
from .congress_b2b_access import organised
from .congress_b2b_settings_schemas import (
    SessionIn,
    SessionOut,
    SettingsIn,
    SettingsOut,
    StatisticsOut,
)
from .language import language_of
from .schemas import WRITE_ERRORS, Error

router = Router(tags=["B2B meetings: organisers"])


def _session_out(session, slots, zone):
    starts, ends = session.starts_at.astimezone(zone), session.ends_at.astimezone(zone)
    return {
        "id": session.pk,
        "label": session.label,
        "day": starts.date(),
        "start": starts.time(),
        "end": ends.time(),
        "breaks": session.breaks,
        "slots": len(slots),
    }


def _settings_out(request, congress):
    matchmaking = b2b_participants.matchmaking_of(congress)
    plan = queries.matchmaking_plan(congress)
    low, high = plan["suggestion"]
    zone = ZoneInfo(congress.time_zone)
    with translation.override(language_of(request)):
        rule = _(
            "Tables: expected meetings / slots, plus 10-20%%. With %(expected)s meetings and "
            "%(slots)s slots: %(low)s to %(high)s tables."
        ) % {"expected": plan["expected"], "slots": plan["slot_count"], "low": low, "high": high}
    return {
        **{name: getattr(matchmaking, name) for name in b2b_settings.SETTINGS_FIELDS},
        "sessions": [_session_out(s, slots, zone) for s, slots in plan["sessions"]],
        "slot_count": plan["slot_count"],
        "expected_meetings": plan["expected"],
        "tables_hint": {
            "fewest": low,
            "most": high,
            "rule": rule,
        },
    }


@router.get(
    "/congresses/{slug}/b2b/organise/settings",
    response={200: SettingsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="The matchmaking settings",
    description="Meeting length, tables, caps, the sessions with their slots, and the tables the "
    "usual rule suggests (expected meetings / slots, plus 10-20%).",
)
def get_settings(request, slug: str):
    return _settings_out(request, organised(request, slug))


@router.put(
    "/congresses/{slug}/b2b/organise/settings",
    response={200: SettingsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change the matchmaking settings",
    description="Fields left out stay as they are; meeting_minutes is 15, 20 or 30.",
)
def put_settings(request, slug: str, payload: SettingsIn):
    congress = organised(request, slug)
    b2b_settings.update_settings(
        congress=congress, by=request.auth, **payload.dict(exclude_none=True)
    )
    return _settings_out(request, congress)


def _saved_session(request, congress, payload, session=None):
    session = b2b_settings.save_session(
        congress=congress, by=request.auth, session=session, **payload.dict()
    )
    slots = queries.congress_slots(congress, sessions=[session])
    return _session_out(session, slots, ZoneInfo(congress.time_zone))


@router.post(
    "/congresses/{slug}/b2b/organise/sessions",
    response={201: SessionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Add a session of meetings",
    description="A day with its local start and end and breaks within it; 422 for a session "
    "that ends before it starts or a break outside it.",
)
def add_session(request, slug: str, payload: SessionIn):
    return Status(201, _saved_session(request, organised(request, slug), payload))


def _session(congress, session_id):
    return get_object_or_404(MatchmakingSession, congress=congress, pk=session_id)


@router.put(
    "/congresses/{slug}/b2b/organise/sessions/{int:session_id}",
    response={200: SessionOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a session of meetings",
    description="Its day, local start and end, and breaks; the slots follow from them.",
)
def put_session(request, slug: str, session_id: int, payload: SessionIn):
    congress = organised(request, slug)
    return _saved_session(request, congress, payload, _session(congress, session_id))


@router.delete(
    "/congresses/{slug}/b2b/organise/sessions/{int:session_id}",
    response={204: None, **WRITE_ERRORS},
    auth=signed_in,
    summary="Delete a session of meetings",
    description="Its slots are no longer offered to the next schedule.",
)
def delete_session(request, slug: str, session_id: int):
    congress = organised(request, slug)
    b2b_settings.delete_session(session=_session(congress, session_id), by=request.auth)
    return Status(204, None)


@router.get(
    "/congresses/{slug}/b2b/organise/statistics",
    response={200: StatisticsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="What came of the matchmaking",
    description="Requests, accepted, scheduled, held and agreements (by type), as on the "
    "statistics page.",
)
def get_statistics(request, slug: str):
    figures = b2b_statistics.statistics(organised(request, slug))
    with translation.override(language_of(request)):
        by_type = [
            {"type": value, "label": str(label), "count": count}
            for value, label, count in figures["agreements_by_type"]
        ]
    return {**figures, "agreements_by_type": by_type}


@router.get(
    "/congresses/{slug}/b2b/organise/statistics.xlsx",
    response={401: Error, 403: Error, 404: Error},
    auth=signed_in,
    openapi_extra={"responses": {"200": {"description": "XLSX", "content": {XLSX_TYPE: {}}}}},
    summary="The statistics as a spreadsheet",
    description="The figures, then every meeting with its time, table, participants, outcome "
    "and agreements.",
)
def statistics_xlsx(request, slug: str):
    congress = organised(request, slug)
    return b2b_statistics.xlsx_response(congress, b2b_statistics.statistics(congress))
