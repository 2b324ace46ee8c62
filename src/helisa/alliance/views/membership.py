"""Membership: the member list, applications, the secretariat's decisions, ballots, the log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.alliance import queries
from helisa.alliance.activity import activity_of
from helisa.alliance.forms import ApplicationForm, BallotForm, DecisionForm, VoteForm
from helisa.alliance.models import MemberCategory, MemberState
from helisa.alliance.rules import managed_active_members
from helisa.alliance.services import membership as services
from helisa.core.paging import paginate

from .alliances import require

FILTERS = ("state", "category", "country")


def members(request, slug):
    alliance = queries.alliance_by_slug(slug)
    runs = request.user.has_perm("alliance.run_alliance", alliance)
    current = {name: request.GET.get(name, "") for name in FILTERS}
    if not runs:
        # Only the secretariat sees applicants, refusals and past members.
        current["state"] = MemberState.MEMBER
    elif current["state"] not in MemberState.values:
        current["state"] = ""
    if current["category"] not in MemberCategory.values:
        current["category"] = ""
    template = "alliance/members.html"
    if request.htmx and not request.htmx.boosted:
        template += "#results"
    return render(
        request,
        template,
        {
            "alliance": alliance,
            "runs": runs,
            "page": paginate(queries.members_of(alliance, **current), request.GET.get("page")),
            "current": current,
            "states": MemberState.choices,
            "categories": MemberCategory.choices,
        },
    )


@login_required
def apply(request, slug):
    alliance = queries.alliance_by_slug(slug)
    if not queries.clusters_managed_by(request.user).exists():
        raise PermissionDenied
    clusters = queries.clusters_that_may_apply(request.user, alliance)
    form = ApplicationForm(request.POST or None, clusters=clusters)
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_for_membership(alliance=alliance, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The application is sent; the secretariat will tell you its decision.")
            )
            return redirect(alliance)
    return render(
        request,
        "alliance/apply.html",
        {"alliance": alliance, "form": form, "can_apply": clusters.exists()},
    )


@login_required
def applications(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    rows = [
        {
            "member": member,
            "ballot": next(iter(member.ballots.all()), None),
            "decision_form": DecisionForm(
                targets=services.allowed_targets(member), prefix=f"m{member.pk}"
            ),
            "ballot_form": BallotForm(prefix=f"b{member.pk}"),
        }
        for member in queries.applications_of(alliance)
    ]
    for row in rows:
        if row["ballot"] is not None:
            row["result"] = services.ballot_result(row["ballot"])
    return render(request, "alliance/applications.html", {"alliance": alliance, "rows": rows})


@login_required
def member(request, slug, pk):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    item = get_object_or_404(queries.members_of(alliance), pk=pk)
    form = DecisionForm(
        request.POST or None, targets=services.allowed_targets(item), prefix=f"m{item.pk}"
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_membership_state(member=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(cluster)s is now: %(state)s.")
                % {
                    "cluster": item.cluster,
                    "state": MemberState(form.cleaned_data["to_state"]).label,
                },
            )
            return redirect("alliance:member", alliance.slug, item.pk)
    return render(
        request,
        "alliance/member.html",
        {
            "alliance": alliance,
            "member": item,
            "form": form,
            "events": item.events.select_related("by"),
            "ballots": item.ballots.all(),
        },
    )


@login_required
@require_POST
def ballot_open(request, slug, pk):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    application = get_object_or_404(queries.applications_of(alliance), pk=pk)
    form = BallotForm(request.POST, prefix=f"b{application.pk}")
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("alliance:applications", alliance.slug)
    try:
        ballot = services.open_ballot(
            application=application, by=request.user, deadline=form.cleaned_data["deadline"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("alliance:applications", alliance.slug)
    messages.success(request, _("The members may now vote on the application."))
    return redirect("alliance:ballot", alliance.slug, ballot.pk)


def ballot(request, slug, pk):
    alliance = queries.alliance_by_slug(slug)
    item = queries.ballot_of(alliance, pk)
    runs = request.user.has_perm("alliance.run_alliance", alliance)
    if not (runs or request.user.has_perm("alliance.vote", item)):
        raise PermissionDenied
    voters = managed_active_members(request.user, alliance).exclude(
        Q(votes_cast__ballot=item) | Q(pk=item.application_id)
    )
    form = VoteForm(request.POST or None, voters=voters.select_related("cluster"))
    if request.method == "POST":
        require(request, "alliance.vote", item)
        if form.is_valid():
            try:
                services.cast_vote(
                    ballot=item,
                    voter_member=form.cleaned_data["voter"],
                    choice=form.cleaned_data["choice"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your vote is recorded."))
                return redirect("alliance:ballot", alliance.slug, item.pk)
    return render(
        request,
        "alliance/ballot.html",
        {
            "alliance": alliance,
            "ballot": item,
            "result": services.ballot_result(item),
            "form": form if voters.exists() else None,
            "runs": runs,
            "votes": item.votes.select_related("voter__cluster") if runs else (),
            "decision_form": DecisionForm(
                targets=services.allowed_targets(item.application), prefix=f"m{item.application_id}"
            )
            if runs
            else None,
        },
    )


@login_required
def activity(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    return render(
        request,
        "alliance/activity.html",
        {
            "alliance": alliance,
            "page": paginate(activity_of(alliance), request.GET.get("page")),
        },
    )


urlpatterns = [
    path("<slug:slug>/members/", members, name="members"),
    path("<slug:slug>/members/<int:pk>/", member, name="member"),
    path("<slug:slug>/apply/", apply, name="apply"),
    path("<slug:slug>/applications/", applications, name="applications"),
    path("<slug:slug>/applications/<int:pk>/ballot/", ballot_open, name="ballot_open"),
    path("<slug:slug>/ballots/<int:pk>/", ballot, name="ballot"),
    path("<slug:slug>/activity/", activity, name="activity"),
]
