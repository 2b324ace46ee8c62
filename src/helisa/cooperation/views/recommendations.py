"""Recommended partners: for a free text ("Find partners"), a profile, an organisation, a cluster.

Shown to signed-in users: recommendations are built from public registry data, but computing
them costs a fraction of a second each and they are meant for people looking for partners.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import path

from helisa.cooperation import queries
from helisa.cooperation.forms_partners import FindPartnersForm
from helisa.cooperation.services import recommendations as services
from helisa.registry.models import Cluster, Organisation

from .profiles import _profile_or_404


@login_required
def find_partners(request):
    organisations = queries.organisations_represented_by(request.user)
    form = FindPartnersForm(request.GET or None, organisations=organisations)
    matches = None
    if form.is_bound and form.is_valid():
        matches = services.recommend_for_description(**form.values())
    return render(request, "cooperation/find_partners.html", {"form": form, "matches": matches})


def _page(request, *, subject, matches, kind):
    template = "cooperation/recommendations.html"
    if request.htmx and not request.htmx.boosted:
        template = "cooperation/_recommendations.html"
    return render(request, template, {"subject": subject, "matches": matches, "kind": kind})


@login_required
def for_profile(request, pk):
    profile = _profile_or_404(request, pk)
    return _page(
        request, subject=profile, matches=services.recommend_for_profile(profile), kind="profile"
    )


@login_required
def for_organisation(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    matches = services.recommend_for_organisation(organisation)
    return _page(request, subject=organisation, matches=matches, kind="organisation")


@login_required
def for_cluster(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=pk)
    matches = services.recommend_for_cluster(cluster)
    return _page(request, subject=cluster, matches=matches, kind="cluster")


urlpatterns = [
    path("partners/", find_partners, name="find_partners"),
    path("<int:pk>/partners/", for_profile, name="recommend_profile"),
    path("partners/organisation/<int:pk>/", for_organisation, name="recommend_organisation"),
    path("partners/cluster/<int:pk>/", for_cluster, name="recommend_cluster"),
]
