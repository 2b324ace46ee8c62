"""The programme: congresses, days, sessions, speakers, and each person's own agenda."""

from datetime import date
from itertools import groupby

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from helisa.congress import queries
from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.ical import feed_token
from helisa.congress.projects_shown import participants_projects
from helisa.congress.services.programme import toggle_favourite
from helisa.core.paging import paginate

from . import calendars, slides
from .debates import debate_context


def congress_list(request):
    page = paginate(queries.congresses(), request.GET.get("page"))
    return render(request, "congress/list.html", {"page": page})


def detail(request, slug):
    congress = queries.congress_by_slug(slug)
    return render(
        request,
        "congress/detail.html",
        {
            "congress": congress,
            "days": queries.days_of(congress),
            "registration": queries.registration_of(request.user, congress),
            "organises": request.user.has_perm("congress.organise", congress),
            "ceremonies": _declarations(congress),
            "participants_projects": participants_projects(congress),
        },
    )


def _declarations(congress):
    """The alliance's declarations, for the ceremony sessions where they are signed."""
    if congress.alliance_id is None:
        return []
    return list(congress.alliance.declarations.order_by("slug"))


def _parse_day(value, congress):
    try:
        day = date.fromisoformat(value or "")
    except ValueError:
        return None
    return day if congress.starts_on <= day <= congress.ends_on else None


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def by_day(sessions, congress):
    zone = queries.zone_of(congress)
    return [
        (day, list(group))
        for day, group in groupby(
            sessions, key=lambda s: timezone.localtime(s.starts_at, zone).date()
        )
    ]


def programme(request, slug):
    congress = queries.congress_by_slug(slug)
    filters = {
        "day": _parse_day(request.GET.get("day"), congress),
        "room": _int(request.GET.get("room")),
        "track": _int(request.GET.get("track")),
        "language": (request.GET.get("language") or "").strip()[:10],
    }
    sessions = list(queries.sessions_of(congress, **filters))
    context = {
        "congress": congress,
        "filters": filters,
        "days": queries.days_of(congress),
        "rooms": list(congress.rooms.all()),
        "tracks": list(congress.tracks.all()),
        "languages": queries.session_languages(congress),
        "schedule": by_day(sessions, congress),
        "favourites": queries.favourite_ids(request.user, congress),
        "zone": congress.time_zone,
    }
    template = "congress/programme.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(request, template, context)


def session_detail(request, slug, pk):
    congress = queries.congress_by_slug(slug)
    session = queries.session_of(congress, pk)
    organises = request.user.has_perm("congress.organise", congress)
    debate = debate_context(request, congress, session)
    return render(
        request,
        "congress/session.html",
        {
            **debate,
            "congress": congress,
            "session": session,
            "favourites": queries.favourite_ids(request.user, congress),
            "organises": organises,
            "declarations": _declarations(congress) if session.kind == "ceremony" else [],
            "zone": congress.time_zone,
            "uploads": {
                appearance.pk
                for appearance in session.session_speakers.all()
                if request.user.has_perm("congress.upload_slides", appearance)
            },
        },
    )


def speakers(request, slug):
    congress = queries.congress_by_slug(slug)
    page = paginate(queries.speakers_of(congress), request.GET.get("page"))
    return render(
        request,
        "congress/speakers.html",
        {"congress": congress, "page": page, "zone": congress.time_zone},
    )


@login_required
@require_POST
def favourite(request, slug, pk):
    congress = queries.congress_by_slug(slug)
    session = queries.session_of(congress, pk)
    is_favourite = toggle_favourite(user=request.user, session=session)
    return render(
        request,
        "congress/_star.html",
        {"congress": congress, "session": session, "is_favourite": is_favourite},
    )


@login_required
def my_agenda(request, slug):
    congress = queries.congress_by_slug(slug)
    sessions = list(queries.agenda_of(request.user, congress))
    return render(
        request,
        "congress/my_agenda.html",
        {
            "congress": congress,
            "schedule": by_day(sessions, congress),
            "favourites": {session.pk for session in sessions},
            "feed_token": feed_token(request.user),
            "zone": congress.time_zone,
        },
    )


urlpatterns = [
    path("", congress_list, name="list"),
    path("<slug:slug>/", detail, name="detail"),
    path("<slug:slug>/programme/", programme, name="programme"),
    path("<slug:slug>/sessions/<int:pk>/", session_detail, name="session"),
    path("<slug:slug>/sessions/<int:pk>/favourite/", favourite, name="favourite"),
    path("<slug:slug>/speakers/", speakers, name="speakers"),
    path("<slug:slug>/my-agenda/", my_agenda, name="my_agenda"),
    *calendars.urlpatterns,
    *slides.urlpatterns,
]
