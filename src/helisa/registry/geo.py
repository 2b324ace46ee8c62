"""Which NUTS 3 region holds a point: the polygon that contains it, else the nearest in the country.

Boundaries are the 1:60 million GISCO ones, coarse enough that a coastal point can fall just
outside every polygon: then the region whose boundary is nearest, within the same country (the
label point is only a fallback for a region without a boundary: on a long coast the nearest
label point can belong to an inland region).
"""

import math
from dataclasses import dataclass
from functools import lru_cache

from helisa.registry.models import NutsRegion

# Without a country, a point further than this from every region is in none of them.
MAX_DISTANCE_WITHOUT_COUNTRY_KM = 50


@dataclass(frozen=True)
class _Region:
    code: str
    country: str
    polygons: list
    bbox: tuple
    label: tuple


@lru_cache(maxsize=1)
def _level3_regions_by_country():
    by_country = {}
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
    for code, country, boundary, min_lon, min_lat, max_lon, max_lat, label_lon, label_lat in rows:
        by_country.setdefault(country, []).append(
            _Region(
                code=code,
                country=country,
                polygons=_polygons(boundary),
                bbox=(min_lon, min_lat, max_lon, max_lat),
                label=(label_lon, label_lat),
            )
        )
    return by_country


def forget_cached_regions():
    _level3_regions_by_country.cache_clear()


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
    """The NUTS 3 region (unsaved, code and country only) for a point, or None."""
    if latitude is None or longitude is None:
        return None
    by_country = _level3_regions_by_country()
    if country:
        candidates = by_country.get(country, [])
    else:
        candidates = [region for regions in by_country.values() for region in regions]
    for region in candidates:
        min_lon, min_lat, max_lon, max_lat = region.bbox
        if min_lon is None or not (
            min_lon <= longitude <= max_lon and min_lat <= latitude <= max_lat
        ):
            continue
        if any(polygon_contains(polygon, longitude, latitude) for polygon in region.polygons):
            return _found(region)
    nearest = min(
        ((_distance_km(region, latitude, longitude), region) for region in candidates),
        key=lambda pair: pair[0],
        default=None,
    )
    if nearest is None or math.isinf(nearest[0]):
        return None
    if not country and nearest[0] > MAX_DISTANCE_WITHOUT_COUNTRY_KM:
        return None
    return _found(nearest[1])


def _found(region):
    return NutsRegion(code=region.code, country_id=region.country, level=3)


def _distance_km(region, lat, lon):
    if region.polygons:
        return min(
            _distance_to_ring_km(ring, lat, lon)
            for polygon in region.polygons
            for ring in polygon[:1]
        )
    label_lon, label_lat = region.label
    if label_lon is None:
        return math.inf
    return _haversine_km(lat, lon, label_lat, label_lon)


def _distance_to_ring_km(ring, lat, lon):
    """Distance to the nearest edge, in a local equirectangular projection (fine at this scale)."""
    kx = 111.32 * math.cos(math.radians(lat))
    ky = 110.57
    best = math.inf
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        ax, ay = (x1 - lon) * kx, (y1 - lat) * ky
        bx, by = (x2 - lon) * kx, (y2 - lat) * ky
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        px, py = ax + t * dx, ay + t * dy
        best = min(best, px * px + py * py)
    return math.sqrt(best)


def _haversine_km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(math.sqrt(a))
