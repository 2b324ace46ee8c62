"""Which NUTS 3 region holds a point: the polygon that contains it, else the nearest in the country.

Boundaries are the 1:60 million GISCO ones, coarse enough that a coastal point can fall just
outside every polygon: then the region whose label point is nearest, within the same country.
"""

import math
from functools import lru_cache

from helisa.registry.models import NutsRegion


@lru_cache(maxsize=1)
def _level3_regions():
    rows = NutsRegion.objects.filter(level=3).values_list(
        "code",
        "country_id",
        "boundary",
        "min_lon",
        "min_lat",
        "max_lon",
        "max_lat",
        "label_lon",
        "label_lat",
    )
    return [
        (
            code,
            country,
            _polygons(boundary),
            (min_lon, min_lat, max_lon, max_lat),
            (label_lon, label_lat),
        )
        for code, country, boundary, min_lon, min_lat, max_lon, max_lat, label_lon, label_lat in rows
    ]


def forget_cached_regions():
    _level3_regions.cache_clear()


def _polygons(geometry):
    if not geometry:
        return []
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _ring_contains(ring, lon, lat):
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def polygon_contains(polygon, lon, lat):
    """A polygon is an outer ring followed by its holes."""
    if not polygon or not _ring_contains(polygon[0], lon, lat):
        return False
    return not any(_ring_contains(hole, lon, lat) for hole in polygon[1:])


def region_for_point(*, latitude, longitude, country=None):
    if latitude is None or longitude is None:
        return None
    regions = _level3_regions()
    for code, region_country, polygons, (min_lon, min_lat, max_lon, max_lat), _label in regions:
        if min_lon is None or not (
            min_lon <= longitude <= max_lon and min_lat <= latitude <= max_lat
        ):
            continue
        if country and region_country != country:
            continue
        if any(polygon_contains(polygon, longitude, latitude) for polygon in polygons):
            return NutsRegion(code=code, country_id=region_country, level=3)
    nearest = None
    for code, region_country, _shapes, _bbox, (label_lon, label_lat) in regions:
        if (country and region_country != country) or label_lon is None:
            continue
        distance = _haversine_km(latitude, longitude, label_lat, label_lon)
        if nearest is None or distance < nearest[0]:
            nearest = (distance, code, region_country)
    if nearest is None:
        return None
    return NutsRegion(code=nearest[1], country_id=nearest[2], level=3)


def _haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))
