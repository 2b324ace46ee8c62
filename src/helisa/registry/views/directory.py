"""The public directory: lists, search, detail pages and the map. (Owned by the directory work.)"""

from django.shortcuts import get_object_or_404, render
from django.urls import path

from helisa.registry.models import Cluster, Organisation


def clusters(request):
    return render(
        request,
        "registry/clusters.html",
        {"clusters": Cluster.objects.select_related("organisation")[:25]},
    )


def organisations(request):
    return render(
        request, "registry/organisations.html", {"organisations": Organisation.objects.all()[:25]}
    )


def organisation(request, pk):
    return render(
        request,
        "registry/organisation.html",
        {"organisation": get_object_or_404(Organisation, pk=pk)},
    )


def cluster(request, pk):
    return render(request, "registry/cluster.html", {"cluster": get_object_or_404(Cluster, pk=pk)})


def regions_map(request):
    return render(request, "registry/map.html", {})


urlpatterns = [
    path("clusters/", clusters, name="clusters"),
    path("clusters/<int:pk>/", cluster, name="cluster"),
    path("organisations/", organisations, name="organisations"),
    path("organisations/<int:pk>/", organisation, name="organisation"),
    path("map/", regions_map, name="map"),
]
