"""The members-by-country map: country outlines (cached) coloured by number of active members."""

from django.core.cache import cache
from django.utils.translation import ngettext

from helisa.core.countries import country_name
from helisa.registry import svgmap
from helisa.registry.models import NutsRegion

SHAPES_CACHE_KEY = "alliance:map:countries:v1"
SHAPES_CACHE_SECONDS = 24 * 3600


def _load_countries():
    rows = (
        NutsRegion.objects.filter(level=0)
        .exclude(boundary=None)
        .order_by("code")
        .values_list("country_id", "name_latin", "boundary")
    )
    shapes = [svgmap.shape(code, name, boundary) for code, name, boundary in rows]
    return [item for item in shapes if item is not None]


def country_shapes():
    shapes = cache.get(SHAPES_CACHE_KEY)
    if shapes is None:
        shapes = _load_countries()
        cache.set(SHAPES_CACHE_KEY, shapes, SHAPES_CACHE_SECONDS)
    return shapes


def members_map(counts):
    """What the template draws, from {ISO country code: number of members}."""
    shapes = country_shapes()
    countries = []
    for item in shapes:
        count = counts.get(item.code, 0)
        name = country_name(item.code)
        countries.append(
            {
                "code": item.code,
                "path": item.path,
                "colour": svgmap.colour_class(count),
                "title": ngettext(
                    "%(name)s: %(count)s member", "%(name)s: %(count)s members", count
                )
                % {"name": name, "count": count},
            }
        )
    return {
        "countries": countries,
        "view_box": svgmap.view_box(shapes) if shapes else "0 0 4500 3800",
        "legend": svgmap.legend(),
    }
