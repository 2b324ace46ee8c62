"""The organiser's side of B2B matchmaking: settings and sessions, meetings and locks, schedule
runs (progress, review, publish), statistics."""

from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.congress import b2b_queries as queries
from helisa.congress import b2b_statistics
from helisa.congress.b2b_forms import LockForm, MeetingForm, RunForm, SessionForm, SettingsForm
from helisa.congress.b2b_review import review
from helisa.congress.models import MatchmakingSession, ScheduleRun
from helisa.congress.services import b2b_meetings, b2b_participants, b2b_scheduling, b2b_settings
from helisa.core.paging import paginate

from .b2b import congress_or_404


def _organised(request, slug):
    congress = congress_or_404(slug)
    if not request.user.has_perm("congress.run_b2b", congress):
        raise PermissionDenied
    return congress


def _fail(request, error):
    messages.error(request, " ".join(error.messages))


@login_required
def dashboard(request, slug):
    congress = _organised(request, slug)
    matchmaking = b2b_participants.matchmaking_of(congress)
    form = SettingsForm(request.POST or None, instance=matchmaking)
    if request.method == "POST" and form.is_valid():
        try:
            b2b_settings.update_settings(congress=congress, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The matchmaking settings are saved."))
            return redirect("congress:b2b_organise", slug)
    return render(
        request,
        "congress/b2b/organise.html",
        {
            "congress": congress,
            "form": form,
            **queries.matchmaking_plan(congress),
            "session_form": SessionForm(),
            "runs": ScheduleRun.objects.filter(congress=congress)[:10],
            "run_form": RunForm(),
        },
    )


@login_required
def session_edit(request, slug, pk=None):
    congress = _organised(request, slug)
    session = get_object_or_404(MatchmakingSession, congress=congress, pk=pk) if pk else None
    initial = {}
    if session is not None:
        zone = ZoneInfo(congress.time_zone)
        initial = {
            "label": session.label,
            "day": session.starts_at.astimezone(zone).date(),
            "start": session.starts_at.astimezone(zone).time(),
            "end": session.ends_at.astimezone(zone).time(),
            "breaks": ", ".join(f"{a}-{b}" for a, b in session.breaks),
        }
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            b2b_settings.save_session(
                congress=congress, by=request.user, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("congress:b2b_organise", slug)
    return render(
        request,
        "congress/b2b/session_form.html",
        {"congress": congress, "form": form, "session": session},
    )


@login_required
@require_POST
def session_delete(request, slug, pk):
    congress = _organised(request, slug)
    session = get_object_or_404(MatchmakingSession, congress=congress, pk=pk)
    b2b_settings.delete_session(session=session, by=request.user)
    messages.success(request, _("The session is deleted."))
    return redirect("congress:b2b_organise", slug)


@login_required
def meetings(request, slug):
    congress = _organised(request, slug)
    form = MeetingForm(request.POST or None, participants=queries.participants(congress))
    if request.method == "POST" and form.is_valid():
        try:
            b2b_meetings.add_meeting(congress=congress, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is added; the next schedule places it."))
            return redirect("congress:b2b_organise_meetings", slug)
    return render(
        request,
        "congress/b2b/organise_meetings.html",
        {
            "congress": congress,
            "form": form,
            "page": paginate(queries.active_meetings(congress), request.GET.get("page")),
        },
    )


@login_required
def lock(request, slug, pk):
    congress = _organised(request, slug)
    meeting = get_object_or_404(queries.active_meetings(congress), pk=pk)
    slots = queries.congress_slots(congress)
    form = LockForm(request.POST or None, slots=slots, time_zone=congress.time_zone)
    if request.method == "POST":
        if "unlock" in request.POST:
            b2b_meetings.unlock_meeting(meeting=meeting, by=request.user)
            return redirect("congress:b2b_organise_meetings", slug)
        if form.is_valid():
            try:
                b2b_meetings.lock_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting is locked."))
                return redirect("congress:b2b_organise_meetings", slug)
    return render(
        request, "congress/b2b/lock.html", {"congress": congress, "meeting": meeting, "form": form}
    )


@login_required
@require_POST
def run_start(request, slug):
    congress = _organised(request, slug)
    form = RunForm(request.POST)
    if not form.is_valid():
        return redirect("congress:b2b_organise", slug)
    try:
        run = b2b_scheduling.start_schedule_run(
            congress=congress, by=request.user, time_limit=form.cleaned_data["time_limit"]
        )
    except ValidationError as error:
        _fail(request, error)
        return redirect("congress:b2b_organise", slug)
    return redirect("congress:b2b_run", slug, run.pk)


def _run(request, slug, pk):
    congress = _organised(request, slug)
    return congress, get_object_or_404(ScheduleRun, congress=congress, pk=pk)


@login_required
def run_detail(request, slug, pk):
    congress, run = _run(request, slug, pk)
    working = run.status in b2b_scheduling.BUSY
    context = {"congress": congress, "run": run, "working": working}
    if request.htmx and working:
        return render(request, "congress/b2b/run.html#progress", context)
    if request.htmx:
        # The run finished while the page polled: load the whole page with the review.
        response = render(request, "congress/b2b/run.html#progress", context)
        response["HX-Refresh"] = "true"
        return response
    if run.result:
        context["review"] = review(run)
    return render(request, "congress/b2b/run.html", context)


@login_required
@require_POST
def run_publish(request, slug, pk):
    _congress, run = _run(request, slug, pk)
    try:
        b2b_scheduling.publish_run(run=run, by=request.user)
    except ValidationError as error:
        _fail(request, error)
        return redirect("congress:b2b_run", slug, pk)
    messages.success(request, _("The schedule is published; participants are told by email."))
    return redirect("congress:b2b_table_plan", slug)


@login_required
@require_POST
def run_discard(request, slug, pk):
    _congress, run = _run(request, slug, pk)
    try:
        b2b_scheduling.discard_run(run=run, by=request.user)
    except ValidationError as error:
        _fail(request, error)
    return redirect("congress:b2b_organise", slug)


@login_required
def statistics(request, slug):
    congress = _organised(request, slug)
    figures = b2b_statistics.statistics(congress)
    if request.GET.get("format") == "xlsx":
        return b2b_statistics.xlsx_response(congress, figures)
    funnel = b2b_statistics.funnel(figures)
    top = max([value for _label, value in funnel] + [1])
    top_types = max([count for *_rest, count in figures["agreements_by_type"]] + [1])
    return render(
        request,
        "congress/b2b/statistics.html",
        {
            "congress": congress,
            "figures": figures,
            "funnel": [(label, value, round(300 * value / top)) for label, value in funnel],
            "types": [
                (label, count, round(300 * count / top_types))
                for _value, label, count in figures["agreements_by_type"]
            ],
        },
    )


urlpatterns = [
    path("<slug:slug>/b2b/organise/", dashboard, name="b2b_organise"),
    path("<slug:slug>/b2b/organise/sessions/new/", session_edit, name="b2b_session_add"),
    path("<slug:slug>/b2b/organise/sessions/<int:pk>/", session_edit, name="b2b_session_edit"),
    path(
        "<slug:slug>/b2b/organise/sessions/<int:pk>/delete/",
        session_delete,
        name="b2b_session_delete",
    ),
    path("<slug:slug>/b2b/organise/meetings/", meetings, name="b2b_organise_meetings"),
    path("<slug:slug>/b2b/organise/meetings/<int:pk>/lock/", lock, name="b2b_lock"),
    path("<slug:slug>/b2b/organise/runs/", run_start, name="b2b_run_start"),
    path("<slug:slug>/b2b/organise/runs/<int:pk>/", run_detail, name="b2b_run"),
    path("<slug:slug>/b2b/organise/runs/<int:pk>/publish/", run_publish, name="b2b_run_publish"),
    path("<slug:slug>/b2b/organise/runs/<int:pk>/discard/", run_discard, name="b2b_run_discard"),
    path("<slug:slug>/b2b/organise/statistics/", statistics, name="b2b_statistics"),
]
