"""B2B matchmaking for participants: opting in, the profile, browsing, requests, meetings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.congress import b2b_queries as queries
from helisa.congress.b2b_forms import (
    FollowUpForm,
    OutcomeForm,
    PlaceForm,
    ProfileForm,
    RequestForm,
)
from helisa.congress.models import Congress, FollowUp, MeetingRequest, Registration
from helisa.congress.services import (
    b2b_follow_ups,
    b2b_meetings,
    b2b_participants,
    b2b_requests,
)
from helisa.core.paging import paginate
from helisa.registry.models import HelixRole

from . import b2b_documents


def congress_or_404(slug):
    return get_object_or_404(Congress.objects.select_related("country"), slug=slug)


def me_or_404(request, congress):
    participant = queries.participant_of(congress, request.user)
    if participant is None or participant.withdrawn_at is not None:
        raise PermissionDenied(_("Join the B2B meetings first."))
    return participant


def home(request, slug):
    congress = congress_or_404(slug)
    participant = queries.participant_of(congress, request.user)
    registration = (
        Registration.objects.filter(congress=congress, user=request.user).first()
        if request.user.is_authenticated
        else None
    )
    context = {
        "congress": congress,
        "participant": participant,
        "registration": registration,
        "matchmaking": b2b_participants.matchmaking_of(congress),
        "organises": request.user.has_perm("congress.run_b2b", congress),
    }
    if participant is not None:
        context["requests_left"] = b2b_requests.requests_left(participant)
        context["meeting_count"] = b2b_requests.meeting_count(participant)
    return render(request, "congress/b2b/home.html", context)


@login_required
@require_POST
def opt_in(request, slug):
    congress = congress_or_404(slug)
    registration = get_object_or_404(Registration, congress=congress, user=request.user)
    try:
        b2b_participants.opt_in(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("congress:b2b_home", slug)
    messages.success(request, _("You take part in the B2B meetings. Tell others what you offer."))
    return redirect("congress:b2b_profile", slug)


@login_required
@require_POST
def withdraw(request, slug):
    congress = congress_or_404(slug)
    participant = me_or_404(request, congress)
    b2b_participants.withdraw(participant=participant, by=request.user)
    messages.success(request, _("You no longer take part in the B2B meetings."))
    return redirect("congress:b2b_home", slug)


@login_required
def profile(request, slug):
    congress = congress_or_404(slug)
    participant = me_or_404(request, congress)
    form = ProfileForm(
        request.POST or None,
        participant=participant,
        slots_by_session=queries.slots_by_session(congress),
    )
    if request.method == "POST" and form.is_valid():
        try:
            b2b_participants.update_profile(
                participant=participant,
                by=request.user,
                offer=form.texts("offer"),
                looking_for=form.texts("looking_for"),
                available_slots=form.available_slots(),
                max_meetings=form.cleaned_data["max_meetings"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your B2B profile is saved."))
            return redirect("congress:b2b_profile", slug)
    return render(
        request,
        "congress/b2b/profile.html",
        {
            "congress": congress,
            "participant": queries.with_profile_details(participant),
            "form": form,
        },
    )


def participants(request, slug):
    congress = congress_or_404(slug)
    current = {
        "helix_role": request.GET.get("helix_role", ""),
        "country": request.GET.get("country", "")[:2],
        "text": request.GET.get("q", "").strip(),
    }
    if current["helix_role"] not in HelixRole.values:
        current["helix_role"] = ""
    rows = queries.filter_participants(queries.participants(congress), **current)
    template = "congress/b2b/participants.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        {
            "congress": congress,
            "page": paginate(rows, request.GET.get("page")),
            "current": current,
            "helix_roles": HelixRole.choices,
        },
    )


def participant(request, slug, pk):
    congress = congress_or_404(slug)
    other = get_object_or_404(queries.participants(congress), pk=pk)
    me = queries.participant_of(congress, request.user)
    form = RequestForm(request.POST or None)
    if request.method == "POST":
        if me is None:
            raise PermissionDenied(_("Join the B2B meetings first."))
        if form.is_valid():
            try:
                b2b_requests.send_request(
                    requester=me,
                    invitee=other,
                    message=form.cleaned_data["message"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your request is sent."))
                return redirect("congress:b2b_requests", slug)
    return render(
        request,
        "congress/b2b/participant.html",
        {"congress": congress, "other": other, "me": me, "form": form},
    )


@login_required
def requests(request, slug):
    congress = congress_or_404(slug)
    participant = me_or_404(request, congress)
    sent, received = queries.requests_of(participant)
    return render(
        request,
        "congress/b2b/requests.html",
        {
            "congress": congress,
            "participant": participant,
            "sent": sent,
            "received": received,
            "requests_left": b2b_requests.requests_left(participant),
        },
    )


@login_required
@require_POST
def answer(request, slug, pk):
    congress = congress_or_404(slug)
    item = get_object_or_404(MeetingRequest, congress=congress, pk=pk)
    try:
        b2b_requests.answer_request(
            request=item, accept=request.POST.get("accept") == "1", by=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your answer is sent."))
    return redirect("congress:b2b_requests", slug)


@login_required
@require_POST
def cancel(request, slug, pk):
    congress = congress_or_404(slug)
    item = get_object_or_404(MeetingRequest, congress=congress, pk=pk)
    try:
        b2b_requests.cancel_request(request=item, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("congress:b2b_requests", slug)


@login_required
def meetings(request, slug):
    congress = congress_or_404(slug)
    participant = me_or_404(request, congress)
    return render(
        request,
        "congress/b2b/meetings.html",
        {
            "congress": congress,
            "participant": participant,
            "meetings": [
                (meeting, [p for p in meeting.participants.all() if p.pk != participant.pk])
                for meeting in queries.meetings_of(participant)
            ],
        },
    )


@login_required
def meeting(request, slug, pk):
    congress = congress_or_404(slug)
    item = get_object_or_404(queries.active_meetings(congress), pk=pk)
    if not request.user.has_perm("congress.attend_meeting", item):
        raise PermissionDenied
    place = PlaceForm(
        request.POST if "mode" in request.POST else None,
        initial={"mode": item.mode, "video_link": item.video_link},
    )
    outcome = OutcomeForm(
        request.POST if "outcome" in request.POST else None, initial={"outcome": item.outcome}
    )
    for form, call in (
        (place, b2b_meetings.set_meeting_place),
        (outcome, b2b_meetings.record_outcome),
    ):
        if form.is_bound and form.is_valid():
            try:
                call(meeting=item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect("congress:b2b_meeting", slug, pk)
    return render(
        request,
        "congress/b2b/meeting.html",
        {"congress": congress, "meeting": item, "place_form": place, "outcome_form": outcome},
    )


@login_required
def follow_up(request, slug, pk):
    congress = congress_or_404(slug)
    item = get_object_or_404(
        FollowUp.objects.select_related("meeting", "participant__registration"),
        meeting__congress=congress,
        pk=pk,
    )
    if item.participant.registration.user_id != request.user.pk:
        raise PermissionDenied
    form = FollowUpForm(
        request.POST or None,
        initial={
            "negotiation_started": item.negotiation_started,
            "agreement_reached": item.agreement_reached,
            "agreement_type": item.agreement_type,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            b2b_follow_ups.answer_follow_up(follow_up=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your answer is saved."))
            return redirect("congress:b2b_meetings", slug)
    return render(
        request, "congress/b2b/follow_up.html", {"congress": congress, "item": item, "form": form}
    )


urlpatterns = [
    path("<slug:slug>/b2b/", home, name="b2b_home"),
    path("<slug:slug>/b2b/join/", opt_in, name="b2b_opt_in"),
    path("<slug:slug>/b2b/withdraw/", withdraw, name="b2b_withdraw"),
    path("<slug:slug>/b2b/profile/", profile, name="b2b_profile"),
    path("<slug:slug>/b2b/participants/", participants, name="b2b_participants"),
    path("<slug:slug>/b2b/participants/<int:pk>/", participant, name="b2b_participant"),
    path("<slug:slug>/b2b/requests/", requests, name="b2b_requests"),
    path("<slug:slug>/b2b/requests/<int:pk>/answer/", answer, name="b2b_answer"),
    path("<slug:slug>/b2b/requests/<int:pk>/cancel/", cancel, name="b2b_cancel"),
    path("<slug:slug>/b2b/meetings/", meetings, name="b2b_meetings"),
    path("<slug:slug>/b2b/meetings/<int:pk>/", meeting, name="b2b_meeting"),
    path("<slug:slug>/b2b/follow-ups/<int:pk>/", follow_up, name="b2b_follow_up"),
    *b2b_documents.urlpatterns,
]
