"""The public directory: lists, search, detail pages and the map."""

from django.http import Http404
from django.shortcuts import render
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import path

from helisa.core.paging import paginate
from helisa.registry import queries
from helisa.registry.regions_map import regions_map
from helisa.registry.services.clusters import validation_report

MANAGE_LINKS_TEMPLATE = "registry/_manage_links.html"
FILTER_NAMES = ("q", "country", "region", "helix_role", "sector", "topic", "validated", "kind")


def _list_page(request, *, template, queryset, kind):
    context = {
        "page": paginate(queryset, request.GET.get("page")),
        "options": queries.filter_options(request.GET, kind=kind),
        "current": {name: request.GET.get(name, "") for name in FILTER_NAMES},
        "kind": kind,
    }
    if request.htmx and not request.htmx.boosted:
        template = f"{template}#results"
    return render(request, template, context)


def organisations(request):
    return _list_page(
        request,
        template="registry/organisations.html",
        queryset=queries.filter_organisations(request.GET),
        kind="organisations",
    )


def clusters(request):
    return _list_page(
        request,
        template="registry/clusters.html",
        queryset=queries.filter_clusters(request.GET),
        kind="clusters",
    )


def _manage_links_template():
    try:
        get_template(MANAGE_LINKS_TEMPLATE)
    except TemplateDoesNotExist:
        return None
    return MANAGE_LINKS_TEMPLATE


def organisation(request, pk):
    context = queries.organisation_detail(pk)
    if context is None:
        raise Http404
    context["can_change"] = request.user.has_perm(
        "registry.change_organisation", context["organisation"]
    )
    context["people"] = queries.people_listed_for(
        request.user, context["organisation"], can_manage=context["can_change"]
    )
    context["manage_links_template"] = _manage_links_template()
    return render(request, "registry/organisation.html", context)


def cluster(request, pk):
    context = queries.cluster_detail(pk, members_page=request.GET.get("page"))
    if context is None:
        raise Http404
    context["report"] = validation_report(context["cluster"])
    context["can_change"] = request.user.has_perm("registry.change_cluster", context["cluster"])
    context["manage_links_template"] = _manage_links_template()
    return render(request, "registry/cluster.html", context)


def regions_map_page(request):
    return render(request, "registry/map.html", {"map": regions_map(request.GET)})


urlpatterns = [
    path("clusters/", clusters, name="clusters"),
    path("clusters/<int:pk>/", cluster, name="cluster"),
    path("organisations/", organisations, name="organisations"),
    path("organisations/<int:pk>/", organisation, name="organisation"),
    path("map/", regions_map_page, name="map"),
]
