"""Reads of B2B matchmaking that the pages, the API, the PDFs and the calendar feeds share."""

from datetime import timedelta

from django.db.models import Count, Prefetch, Q, prefetch_related_objects

from helisa.congress.models import (
    B2BParticipant,
    MatchmakingSession,
    MatchmakingSettings,
    Meeting,
    MeetingRequest,
    RegistrationStatus,
    ScheduleRun,
    ScheduleRunStatus,
)
from helisa.congress.slots import SessionSpec, derive_slots, suggested_tables
from helisa.cooperation.queries import listed_profiles


def session_spec(session):
    return SessionSpec(
        id=str(session.pk),
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        breaks=tuple(tuple(pair) for pair in session.breaks or ()),
    )


def congress_slots(congress, *, sessions=None, minutes=None):
    """The congress's slots (slots.TimeSlot), in time order."""
    if sessions is None:
        sessions = MatchmakingSession.objects.filter(congress=congress)
    if minutes is None:
        minutes = meeting_minutes(congress)
    return derive_slots(
        [session_spec(s) for s in sessions], minutes=minutes, time_zone=congress.time_zone
    )


def slots_by_session(congress):
    """[(session, [slots])] for availability checkboxes and the table plan."""
    sessions = list(MatchmakingSession.objects.filter(congress=congress))
    slots = congress_slots(congress, sessions=sessions)
    return [(s, [slot for slot in slots if slot.session == str(s.pk)]) for s in sessions]


def cooperation_profiles():
    """The organisation's listed cooperation profiles (published, not expired), as
    organisation.active_cooperation_profiles: what a B2B profile shows of its offers and requests."""
    return Prefetch(
        "organisation__cooperation_profiles",
        queryset=listed_profiles().select_related(None).order_by("direction", "-published_at"),
        to_attr="active_cooperation_profiles",
    )


def participants(congress):
    """Active participants with what their profile shows, for browsing."""
    return (
        B2BParticipant.objects.filter(
            congress=congress,
            withdrawn_at__isnull=True,
            registration__status=RegistrationStatus.CONFIRMED,
        )
        .select_related("registration", "organisation", "organisation__country")
        .prefetch_related("organisation__sectors", "organisation__topics", cooperation_profiles())
        .order_by("registration__name_on_badge", "pk")
    )


def with_profile_details(participant):
    """One participant read elsewhere, given what participants() adds for its profile."""
    prefetch_related_objects(
        [participant], "organisation__sectors", "organisation__topics", cooperation_profiles()
    )
    return participant


def filter_participants(queryset, *, helix_role="", country="", text=""):
    if helix_role:
        queryset = queryset.filter(organisation__helix_role=helix_role)
    if country:
        queryset = queryset.filter(organisation__country_id=country.upper())
    if text:
        queryset = queryset.filter(
            Q(registration__name_on_badge__icontains=text)
            | Q(organisation__legal_name__icontains=text)
            | Q(organisation__short_name__icontains=text)
            | Q(offer__icontains=text)
            | Q(looking_for__icontains=text)
        )
    return queryset


def participant_of(congress, user):
    if not user.is_authenticated:
        return None
    return (
        B2BParticipant.objects.filter(congress=congress, registration__user=user)
        .select_related("registration", "organisation", "congress")
        .first()
    )


def requests_of(participant):
    base = MeetingRequest.objects.select_related(
        "requester__registration",
        "requester__organisation",
        "invitee__registration",
        "invitee__organisation",
    )
    return (
        base.filter(requester=participant).order_by("-created_at"),
        base.filter(invitee=participant).order_by("-created_at"),
    )


def active_meetings(congress):
    """Meetings not cancelled, with their participants."""
    return (
        Meeting.objects.filter(congress=congress, cancelled_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=B2BParticipant.objects.select_related("registration", "organisation"),
            )
        )
        .order_by("slot_start", "table", "pk")
    )


def meetings_of(participant, *, published_only=False):
    meetings = active_meetings(participant.congress).filter(participants=participant)
    if published_only:
        meetings = meetings.filter(published=True, slot_start__isnull=False)
    return meetings


def latest_published_run(congress):
    return (
        ScheduleRun.objects.filter(congress=congress, status=ScheduleRunStatus.PUBLISHED)
        .order_by("-published_at")
        .first()
    )


def table_plan(congress):
    """[(slot, [meetings at a table, by table])] of the published schedule."""
    meetings = list(active_meetings(congress).filter(published=True, slot_start__isnull=False))
    by_slot = {}
    for meeting in meetings:
        by_slot.setdefault(meeting.slot_start, []).append(meeting)
    slots = congress_slots(congress)
    return [
        (slot, sorted(by_slot.get(slot.starts_at, []), key=lambda m: (m.table or 0, m.pk)))
        for slot in slots
    ]


def request_counts(congress):
    return MeetingRequest.objects.filter(congress=congress).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(status="accepted")),
        declined=Count("pk", filter=Q(status="declined")),
        pending=Count("pk", filter=Q(status="pending")),
    )


def meeting_minutes(congress):
    """Read afresh, not from congress.matchmaking, which may be cached from before a change."""
    minutes = (
        MatchmakingSettings.objects.filter(congress=congress)
        .values_list("meeting_minutes", flat=True)
        .first()
    )
    return minutes or 20


def congress_minutes(congress):
    return timedelta(minutes=meeting_minutes(congress))


def matchmaking_plan(congress):
    """Sessions with their slots, the meetings expected and the tables the usual rule suggests:
    what the organiser's settings page and API show beside the settings."""
    sessions = slots_by_session(congress)
    slot_count = sum(len(slots) for _session, slots in sessions)
    expected = active_meetings(congress).count()
    return {
        "sessions": sessions,
        "slot_count": slot_count,
        "expected": expected,
        "suggestion": suggested_tables(expected_meetings=expected, slot_count=slot_count),
    }
