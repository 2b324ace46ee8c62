"""The clusters-by-region map: projected shapes (cached) and the counts for the current filters."""

from urllib.parse import urlencode

from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import ngettext

from helisa.core.countries import to_iso
from helisa.registry import svgmap
from helisa.registry.models import Cluster, NutsRegion
from helisa.registry.queries import filter_clusters

# The shapes depend only on the reference data; bump the version when the drawing changes.
SHAPES_CACHE_VERSION = 1
SHAPES_CACHE_SECONDS = 24 * 3600
# Filters the map passes on to the cluster counts; country and region decide what is drawn.
COUNT_FILTERS = ("q", "validated", "kind", "sector", "topic")


def _shapes(regions):
    return [
        item
        for item in (svgmap.shape(code, name, boundary) for code, name, boundary in regions)
        if item is not None
    ]


def _load_shapes(country):
    regions = NutsRegion.objects.exclude(boundary=None).order_by("code")
    level = 3 if country else 2
    areas = regions.filter(level=level, country_id=country) if country else regions.filter(level=2)
    areas = list(areas.values_list("code", "name_latin", "boundary"))
    outlines = regions.filter(level=0)
    if country:
        outlines = outlines.filter(country_id=country)
    drawn = _shapes(areas)
    return {
        "level": level,
        "regions": drawn,
        "outlines": [
            item.path for item in _shapes(outlines.values_list("code", "name_latin", "boundary"))
        ],
        "view_box": svgmap.view_box(drawn) if drawn else "0 0 4500 3800",
        "names": {code: name for code, name, _boundary in areas},
    }


def map_shapes(country=None):
    key = f"registry:map:shapes:v{SHAPES_CACHE_VERSION}:{country or 'europe'}"
    shapes = cache.get(key)
    if shapes is None:
        shapes = _load_shapes(country)
        cache.set(key, shapes, SHAPES_CACHE_SECONDS)
    return shapes


def cluster_counts(params, *, length):
    """{region code of `length` characters: number of matching clusters in it}.

    A cluster counts in a region when its organisation's region or a region it covers lies in
    it, the same rule as filter_clusters(region=...), so a region's link lists as many clusters
    as its count says.
    """
    filters = {name: params.get(name) for name in COUNT_FILTERS if params.get(name)}
    clusters = filter_clusters(filters)
    codes = {}
    for pk, region in clusters.order_by().values_list("pk", "organisation__region_id"):
        codes[pk] = {region} if region else set()
    covered = Cluster.regions.through.objects.values_list("cluster_id", "nutsregion_id")
    if filters:
        covered = covered.filter(cluster_id__in=clusters.values("pk"))
    for pk, region in covered:
        if pk in codes:
            codes[pk].add(region)
    counts = {}
    for regions in codes.values():
        for prefix in {code[:length] for code in regions if len(code) >= length}:
            counts[prefix] = counts.get(prefix, 0) + 1
    return counts


def regions_map(params):
    try:
        country = to_iso(params.get("country")) if params.get("country") else None
    except ValueError:
        country = None
    if country and not NutsRegion.objects.filter(country_id=country, level=0).exists():
        country = None
    shapes = map_shapes(country)
    counts = cluster_counts(params, length=shapes["level"] + 2)
    list_url = reverse("registry:clusters")
    passed_on = {name: params.get(name) for name in COUNT_FILTERS if params.get(name)}

    def row(code, name):
        count = counts.get(code, 0)
        query = {**({"country": country} if country else {}), "region": code, **passed_on}
        return {
            "code": code,
            "name": name,
            "count": count,
            "href": f"{list_url}?{urlencode(query)}",
            "title": ngettext(
                "%(name)s (%(code)s): %(count)s cluster",
                "%(name)s (%(code)s): %(count)s clusters",
                count,
            )
            % {"name": name, "code": code, "count": count},
        }

    regions = [
        {
            **row(item.code, item.name),
            "path": item.path,
            "colour": svgmap.colour_class(counts.get(item.code, 0)),
        }
        for item in shapes["regions"]
    ]
    table = sorted(
        (row(code, name) for code, name in shapes["names"].items() if counts.get(code)),
        key=lambda item: (-item["count"], item["code"]),
    )
    return {
        "country": country,
        "level": shapes["level"],
        "regions": regions,
        "outlines": shapes["outlines"],
        "view_box": shapes["view_box"],
        "legend": svgmap.legend(),
        "table": table,
    }
