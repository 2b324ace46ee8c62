"""Reads that the congress pages, the API, the calendar feeds and the PDFs share."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from .models import (
    Congress,
    Favourite,
    Poll,
    PollOption,
    Question,
    QuestionStatus,
    QuestionVote,
    Registration,
    RegistrationKind,
    RegistrationStatus,
    Session,
    SessionSpeaker,
    Speaker,
)


def congresses():
    return Congress.objects.select_related("country").order_by("-starts_on", "slug")


def congress_by_slug(slug):
    return get_object_or_404(Congress.objects.select_related("country", "alliance"), slug=slug)


def zone_of(congress):
    return ZoneInfo(congress.time_zone)


def days_of(congress):
    days, day = [], congress.starts_on
    while day <= congress.ends_on:
        days.append(day)
        day += timedelta(days=1)
    return days


def day_bounds(congress, day):
    """The start and end of a congress day in its own time zone, as aware datetimes."""
    start = datetime.combine(day, time.min, tzinfo=zone_of(congress))
    return start, start + timedelta(days=1)


def _with_speakers(sessions):
    appearances = SessionSpeaker.objects.select_related("speaker__organisation")
    return sessions.select_related("room", "track").prefetch_related(
        Prefetch("session_speakers", queryset=appearances)
    )


def sessions_of(congress, *, day=None, room=None, track=None, language=None):
    sessions = _with_speakers(Session.objects.filter(congress=congress))
    if day:
        start, end = day_bounds(congress, day)
        sessions = sessions.filter(starts_at__gte=start, starts_at__lt=end)
    if room:
        sessions = sessions.filter(room_id=room)
    if track:
        sessions = sessions.filter(track_id=track)
    if language:
        sessions = sessions.filter(language=language)
    return sessions.order_by("starts_at", "room__name", "pk")


def session_of(congress, pk):
    return get_object_or_404(_with_speakers(Session.objects.filter(congress=congress)), pk=pk)


def session_languages(congress):
    return sorted(set(congress.sessions.values_list("language", flat=True)))


def speakers_of(congress):
    return (
        Speaker.objects.filter(congress=congress)
        .select_related("organisation", "person")
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=SessionSpeaker.objects.select_related("session").order_by(
                    "session__starts_at"
                ),
            )
        )
        .order_by("name", "pk")
    )


def favourite_ids(user, congress):
    if not user.is_authenticated:
        return set()
    return set(
        Favourite.objects.filter(user=user, session__congress=congress).values_list(
            "session_id", flat=True
        )
    )


def agenda_of(user, congress):
    return sessions_of(congress).filter(favourites__user=user)


def registration_of(user, congress):
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.select_related("category", "organisation")
        .filter(congress=congress, user=user)
        .first()
    )


def registrations_of(congress, *, search="", status=RegistrationStatus.CONFIRMED):
    registrations = Registration.objects.filter(congress=congress).select_related(
        "category", "congress", "organisation", "user"
    )
    if status:
        registrations = registrations.filter(status=status)
    if search:
        registrations = registrations.filter(
            Q(name_on_badge__icontains=search)
            | Q(user__email__icontains=search)
            | Q(organisation__legal_name__icontains=search)
        )
    return registrations.order_by("name_on_badge", "pk")


def registration_by_code(congress, code):
    return (
        Registration.objects.select_related("category", "organisation", "checked_in_by")
        .filter(congress=congress, badge_code=code)
        .first()
    )


def attendance_counts(congress):
    """{"registered", "checked_in", "waiting", "by_category": [(label, registered, checked_in)]}."""
    confirmed = Q(registrations__status=RegistrationStatus.CONFIRMED)
    rows = congress.categories.annotate(
        registered=Count("registrations", filter=confirmed),
        checked_in=Count(
            "registrations", filter=confirmed & Q(registrations__checked_in_at__isnull=False)
        ),
        waiting=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)),
    ).order_by("kind")
    by_category = [(str(row), row.registered, row.checked_in, row.waiting) for row in rows]
    return {
        "registered": sum(row[1] for row in by_category),
        "checked_in": sum(row[2] for row in by_category),
        "waiting": sum(row[3] for row in by_category),
        "by_category": by_category,
    }


def open_categories(congress):
    """Categories a participant may choose: speakers, press and organisers are added by staff."""
    return congress.categories.filter(
        kind__in=[RegistrationKind.PARTICIPANT, RegistrationKind.PRESS]
    )


def questions_of(session, *, user=None, moderating=False):
    visible = [QuestionStatus.APPROVED, QuestionStatus.ANSWERED]
    questions = Question.objects.filter(session=session).annotate(vote_count=Count("votes"))
    if not moderating:
        questions = questions.filter(status__in=visible)
    if user is not None and user.is_authenticated:
        questions = questions.annotate(
            voted=Exists(QuestionVote.objects.filter(question=OuterRef("pk"), user=user))
        )
    return questions.order_by("-vote_count", "created_at", "pk")


def polls_of(session, *, moderating=False):
    polls = (
        Poll.objects.filter(session=session)
        .annotate(vote_total=Count("votes"))
        .prefetch_related(
            Prefetch("options", queryset=PollOption.objects.annotate(vote_count=Count("votes")))
        )
    )
    if not moderating:
        polls = polls.filter(Q(is_open=True) | Q(vote_total__gt=0))
    return polls.order_by("-created_at", "-pk")
