"""Workspace, secretariat and claims. (Owned by the accounts work.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.registry import queries_access
from helisa.registry.forms_access import ClaimForm, DecideClaimForm
from helisa.registry.models import Claim, ClaimStatus, Cluster, Organisation
from helisa.registry.services import claims, clusters

from . import personal_data, roles
from .access import first_error, require


@login_required
def my_workspace(request):
    user = request.user
    return render(
        request,
        "registry/workspace.html",
        {
            "entries": queries_access.workspace_entries(user),
            "claims": queries_access.claims_of(user),
        },
    )


@login_required
def secretariat(request):
    require(request, "registry.view_secretariat")
    return render(
        request,
        "registry/secretariat.html",
        {
            "claims": queries_access.pending_claims(),
            "clusters": queries_access.clusters_awaiting_review(),
            "decide_form": DecideClaimForm(),
        },
    )


@login_required
def claim_organisation(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("owner"), pk=pk)
    form = ClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claim = claims.claim_organisation(
                organisation=organisation, user=request.user, message=form.cleaned_data["message"]
            )
        except ValidationError as error:
            messages.error(request, first_error(error))
            return redirect(organisation)
        if claim.status == ClaimStatus.CONFIRMED:
            messages.success(
                request,
                _("Your email address matches the organisation's website: you now represent it."),
            )
        else:
            messages.success(
                request, _("Thank you. The secretariat will review your claim and email you.")
            )
        return redirect("registry:my_workspace")
    return render(request, "registry/claim.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def decide_claim(request, pk):
    require(request, "registry.decide_claim")
    claim = get_object_or_404(Claim, pk=pk)
    form = DecideClaimForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, errors[0])
        return redirect("registry:secretariat")
    try:
        claims.decide_claim(
            claim=claim,
            by=request.user,
            accept=form.cleaned_data["accept"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, first_error(error))
    else:
        messages.success(request, _("The claim was decided and the claimant informed."))
    return redirect("registry:secretariat")


@login_required
@require_POST
def review_cluster(request, pk):
    cluster = get_object_or_404(Cluster, pk=pk)
    require(request, "registry.review_cluster", cluster)
    clusters.review_cluster(cluster=cluster, by=request.user)
    messages.success(request, _("%(cluster)s is marked as reviewed.") % {"cluster": cluster})
    return redirect("registry:secretariat")


urlpatterns = [
    path("me/", my_workspace, name="my_workspace"),
    path("secretariat/", secretariat, name="secretariat"),
    path("secretariat/claims/<int:pk>/", decide_claim, name="decide_claim"),
    path("secretariat/clusters/<int:pk>/review/", review_cluster, name="review_cluster"),
    path("organisations/<int:pk>/claim/", claim_organisation, name="claim_organisation"),
    *roles.urlpatterns,
    *personal_data.urlpatterns,
]
