"""The profile list, a profile's page, and writing, renewing and withdrawing profiles."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.cooperation import queries
from helisa.cooperation.forms import (
    OrganisationChoiceForm,
    ProfileForm,
    RenewForm,
    SavedSearchForm,
)
from helisa.cooperation.models import CooperationProfile, ExpressionOfInterest, Follow
from helisa.cooperation.services import profiles as services
from helisa.cooperation.services.interest import deadline_passed
from helisa.cooperation.services.profile_expiry import expiry_on_publishing
from helisa.core.paging import paginate

from .interest import interest_form_for


def profile_list(request):
    context = {
        "page": paginate(queries.filter_profiles(request.GET), request.GET.get("page")),
        "options": queries.filter_choices(request.GET),
        "current": {name: request.GET.get(name, "") for name in queries.FILTER_NAMES},
        "has_filters": bool(queries.clean_params(request.GET)),
        "save_form": SavedSearchForm(),
    }
    template = "cooperation/list.html"
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#results"
    return render(request, template, context)


def _profile_or_404(request, pk):
    profile = get_object_or_404(
        CooperationProfile.objects.select_related("organisation").prefetch_related(
            "sectors", "topics", "countries_sought"
        ),
        pk=pk,
    )
    if not request.user.has_perm("cooperation.view_profile", profile):
        raise Http404
    return profile


def profile_detail(request, pk):
    profile = _profile_or_404(request, pk)
    user = request.user
    can_change = user.has_perm("cooperation.change_profile", profile)
    context = {
        "profile": profile,
        "can_change": can_change,
        "contact": queries.contact_of(profile, user),
        "is_listed": queries.listed_profiles().filter(pk=profile.pk).exists(),
    }
    if user.is_authenticated:
        context["is_following"] = Follow.objects.filter(profile=profile, user=user).exists()
        context["my_interests"] = list(
            ExpressionOfInterest.objects.filter(
                profile=profile, organisation__in=queries.organisations_represented_by(user)
            ).select_related("organisation")
        )
        context["deadline_passed"] = deadline_passed(profile)
        context["interest_form"] = (
            interest_form_for(profile, user)
            if context["is_listed"] and not context["deadline_passed"]
            else None
        )
    if can_change:
        context["received"] = list(profile.interests.select_related("organisation", "created_by"))
    return render(request, "cooperation/detail.html", context)


@login_required
def profile_create(request):
    organisations = queries.organisations_represented_by(request.user)
    if not organisations.exists():
        messages.info(request, _("Register or claim your organisation first."))
        return redirect("registry:organisations")
    choice = OrganisationChoiceForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": organisations.first()},
    )
    form = ProfileForm(request.POST or None)
    if request.method == "POST" and choice.is_valid() and form.is_valid():
        organisation = choice.cleaned_data["organisation"]
        if not request.user.has_perm("cooperation.add_profile", organisation):
            raise PermissionDenied
        try:
            profile = services.create_profile(
                organisation=organisation,
                by=request.user,
                publish="publish" in request.POST,
                **form.values(),
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The cooperation profile has been saved."))
            return redirect(profile)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "choice": choice, "title": _("New cooperation profile")},
    )


def _managed_profile(request, pk):
    profile = get_object_or_404(CooperationProfile.objects.select_related("organisation"), pk=pk)
    if not request.user.has_perm("cooperation.change_profile", profile):
        raise PermissionDenied
    return profile


@login_required
def profile_edit(request, pk):
    profile = _managed_profile(request, pk)
    form = ProfileForm(request.POST or None, profile=profile)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(profile=profile, by=request.user, **form.values())
            if "publish" in request.POST:
                services.publish_profile(profile=profile, by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The cooperation profile has been saved."))
            return redirect(profile)
    return render(
        request,
        "cooperation/form.html",
        {"form": form, "profile": profile, "title": _("Change the cooperation profile")},
    )


def _state_change(request, pk, action, done, form=None):
    profile = _managed_profile(request, pk)
    if request.method == "POST" and (form is None or form.is_valid()):
        values = form.cleaned_data if form is not None else {}
        try:
            action(profile=profile, by=request.user, **values)
        except ValidationError as exc:
            if form is None:
                messages.error(request, " ".join(exc.messages))
                return redirect(profile)
            form.add_error(None, exc)
        else:
            messages.success(request, done(profile))
            return redirect(profile)
    context = {"profile": profile, "action": request.resolver_match.url_name, "form": form}
    if context["action"] == "publish":
        context["listed_until"] = _listed_until(profile)
    return render(request, "cooperation/confirm.html", context)


def _listed_until(profile):
    try:
        return expiry_on_publishing(profile, today=timezone.localdate())
    except ValidationError:
        return None  # the owner's date has passed: publishing says so


@login_required
def profile_publish(request, pk):
    return _state_change(
        request,
        pk,
        services.publish_profile,
        lambda profile: _("The profile is published until %(date)s.") % _until(profile),
    )


@login_required
def profile_renew(request, pk):
    return _state_change(
        request,
        pk,
        services.renew_profile,
        lambda profile: _("The profile is renewed until %(date)s.") % _until(profile),
        # Bound even to an empty POST: an empty date asks for the default period.
        form=RenewForm(request.POST if request.method == "POST" else None),
    )


def _until(profile):
    return {"date": date_format(profile.expires_on, "DATE_FORMAT")}


@login_required
def profile_withdraw(request, pk):
    return _state_change(
        request, pk, services.withdraw_profile, lambda profile: _("The profile is withdrawn.")
    )


@login_required
def my_profiles(request):
    profiles = list(
        queries.profiles_managed_by(request.user).prefetch_related("interests__organisation")
    )
    return render(request, "cooperation/my_profiles.html", {"profiles": profiles})


@require_POST
@login_required
def follow(request, pk):
    from helisa.cooperation.services.interest import follow_profile, unfollow_profile

    profile = _profile_or_404(request, pk)
    following = request.POST.get("follow") == "1"
    if following:
        follow_profile(profile=profile, user=request.user)
    else:
        unfollow_profile(profile=profile, user=request.user)
    if request.htmx:
        return render(
            request,
            "cooperation/_follow.html",
            {"profile": profile, "is_following": following},
        )
    return redirect(profile)


urlpatterns = [
    path("", profile_list, name="list"),
    path("new/", profile_create, name="create"),
    path("mine/", my_profiles, name="my_profiles"),
    path("<int:pk>/", profile_detail, name="profile"),
    path("<int:pk>/edit/", profile_edit, name="edit"),
    path("<int:pk>/publish/", profile_publish, name="publish"),
    path("<int:pk>/renew/", profile_renew, name="renew"),
    path("<int:pk>/withdraw/", profile_withdraw, name="withdraw"),
    path("<int:pk>/follow/", follow, name="follow"),
]
