"""Drawing NUTS boundaries as SVG paths: plain data in, plain strings out (no ORM here).

The projection is Lambert azimuthal equal-area centred at 52° N 10° E, the one Eurostat's own
maps use (ETRS89-LAEA, on a sphere here): areas are true, so a large region does not look more
important than it is, and the north is not stretched. One unit is a kilometre, finer than the
1:60 million boundaries themselves, and integer relative moves keep the SVG small.
"""

import math
from dataclasses import dataclass

CLIP = (-25.0, 34.0, 45.0, 72.0)  # lon min, lat min, lon max, lat max: Europe without overseas
_EARTH_RADIUS_KM = 6371.0
_LAT0, _LON0 = math.radians(52), math.radians(10)

# Upper bounds (inclusive) of the colour classes; class 0 is "no clusters".
CLASS_LIMITS = (0, 1, 4, 9, 19)


@dataclass(frozen=True)
class Shape:
    code: str
    name: str
    path: str
    bbox: tuple  # projected x min, y min, x max, y max


def project(lon, lat):
    """Kilometres east and south (SVG's y grows downwards) of the projection's centre."""
    phi, delta = math.radians(lat), math.radians(lon) - _LON0
    cos_c = math.sin(_LAT0) * math.sin(phi) + math.cos(_LAT0) * math.cos(phi) * math.cos(delta)
    k = math.sqrt(2 / (1 + cos_c))
    x = k * math.cos(phi) * math.sin(delta)
    y = k * (math.cos(_LAT0) * math.sin(phi) - math.sin(_LAT0) * math.cos(phi) * math.cos(delta))
    return round(_EARTH_RADIUS_KM * x), round(-_EARTH_RADIUS_KM * y)


def _polygons(geometry):
    if not geometry:
        return []
    if geometry.get("type") == "Polygon":
        return [geometry["coordinates"]]
    if geometry.get("type") == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _inside_clip(ring):
    lons = [point[0] for point in ring]
    lats = [point[1] for point in ring]
    return not (
        max(lons) < CLIP[0] or min(lons) > CLIP[2] or max(lats) < CLIP[1] or min(lats) > CLIP[3]
    )


def _ring_points(ring):
    points = []
    for lon, lat, *_rest in ring:
        point = project(lon, lat)
        if not points or point != points[-1]:
            points.append(point)
    if len(points) > 1 and points[0] == points[-1]:
        points.pop()
    return points if len(points) >= 3 else []


def _ring_path(points):
    x, y = points[0]
    parts = [f"M{x} {y}l"]
    moves = []
    for next_x, next_y in points[1:]:
        moves.append(f"{next_x - x} {next_y - y}")
        x, y = next_x, next_y
    parts.append(" ".join(moves).replace(" -", "-"))
    parts.append("z")
    return "".join(parts)


def shape(code, name, geometry):
    """The region's outline as one SVG path, or None when nothing of it lies inside the clip."""
    paths = []
    xs, ys = [], []
    for polygon in _polygons(geometry):
        if not polygon or not _inside_clip(polygon[0]):
            continue
        for ring in polygon:
            points = _ring_points(ring)
            if points:
                paths.append(_ring_path(points))
                xs += [point[0] for point in points]
                ys += [point[1] for point in points]
    if not paths:
        return None
    return Shape(
        code=code, name=name, path="".join(paths), bbox=(min(xs), min(ys), max(xs), max(ys))
    )


def view_box(shapes, margin=20):
    """The smallest box around the shapes, with a margin, as an SVG viewBox string."""
    x0 = min(item.bbox[0] for item in shapes) - margin
    y0 = min(item.bbox[1] for item in shapes) - margin
    x1 = max(item.bbox[2] for item in shapes) + margin
    y1 = max(item.bbox[3] for item in shapes) + margin
    return f"{x0} {y0} {x1 - x0} {y1 - y0}"


def colour_class(count):
    for index, limit in enumerate(CLASS_LIMITS):
        if count <= limit:
            return index
    return len(CLASS_LIMITS)


def legend():
    """[(class index, label)] for the colour classes."""
    rows = [(0, "0")]
    lower = 1
    for index, limit in enumerate(CLASS_LIMITS[1:], start=1):
        rows.append((index, str(lower) if lower == limit else f"{lower}–{limit}"))
        lower = limit + 1
    rows.append((len(CLASS_LIMITS), f"{lower}+"))
    return rows
