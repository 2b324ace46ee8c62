"""Expressing interest in a profile and answering it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.cooperation import queries
from helisa.cooperation.forms import InterestForm
from helisa.cooperation.models import CooperationProfile, ExpressionOfInterest
from helisa.cooperation.services.interest import (
    accept_interest,
    decline_interest,
    express_interest,
)
from helisa.cooperation.views.redirects import safe_next


def _eligible_organisations(profile, user):
    already = profile.interests.values("organisation_id")
    return (
        queries.organisations_represented_by(user)
        .exclude(pk=profile.organisation_id)
        .exclude(pk__in=already)
    )


def interest_form_for(profile, user, data=None):
    organisations = _eligible_organisations(profile, user)
    if not organisations.exists():
        return None
    return InterestForm(
        data, organisations=organisations, initial={"organisation": organisations.first()}
    )


@require_POST
@login_required
def interest_create(request, pk):
    profile = get_object_or_404(CooperationProfile.objects.select_related("organisation"), pk=pk)
    form = InterestForm(
        request.POST, organisations=queries.organisations_represented_by(request.user)
    )
    if form.is_valid():
        try:
            express_interest(
                profile=profile,
                organisation=form.cleaned_data["organisation"],
                by=request.user,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("Your interest has been sent. The owner will accept or decline it.")
            )
    else:
        messages.error(request, _("Choose your organisation and write a message."))
    return redirect(profile)


def _answer(request, pk, action, done):
    interest = get_object_or_404(
        ExpressionOfInterest.objects.select_related("profile__organisation"), pk=pk
    )
    if not request.user.has_perm("cooperation.answer_interest", interest):
        raise PermissionDenied
    try:
        action(interest=interest, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(safe_next(request, reverse("cooperation:my_profiles")))


@require_POST
@login_required
def interest_accept(request, pk):
    return _answer(
        request, pk, accept_interest, _("Accepted: you now see each other's contact details.")
    )


@require_POST
@login_required
def interest_decline(request, pk):
    return _answer(request, pk, decline_interest, _("Declined."))


@login_required
def my_interests(request):
    interests = list(queries.interests_of_user(request.user))
    return render(request, "cooperation/my_interests.html", {"interests": interests})


urlpatterns = [
    path("<int:pk>/interest/", interest_create, name="interest_create"),
    path("interests/", my_interests, name="my_interests"),
    path("interests/<int:pk>/accept/", interest_accept, name="interest_accept"),
    path("interests/<int:pk>/decline/", interest_decline, name="interest_decline"),
]
