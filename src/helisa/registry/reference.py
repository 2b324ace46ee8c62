"""Load the reference data shipped in registry/data: countries, NUTS 2021, NACE Rev. 2.1, EuroSciVoc.

Every loader takes an optional `models` mapping (name -> model class) so that the data migration
can pass its historical models; without it the current models are used. Loading is an upsert, so
running it again changes nothing and fixes anything edited by hand.
"""

import csv
import json
from pathlib import Path

import pycountry
from django.db import transaction

from helisa.core.countries import country_name, to_eu, to_iso

DATA_DIR = Path(__file__).parent / "data"
DEMO_DATA_DIR = Path(__file__).parent / "demo_data"
CALL_TOPICS_FILE = DEMO_DATA_DIR / "h2020_project_topics_subset.csv"

# Eurostat writes Kosovo as XK, which is not (yet) in ISO 3166-1.
_EXTRA_COUNTRIES = {"XK": "Kosovo"}
_MODEL_NAMES = ("Country", "NutsRegion", "NaceSector", "Topic")


def current_models():
    from helisa.registry import models

    return {name: getattr(models, name) for name in _MODEL_NAMES}


@transaction.atomic
def load_reference_data(*, models=None):
    """Load or refresh all reference data; returns the number of rows per kind."""
    models = models or current_models()
    counts = {
        "countries": load_countries(models=models),
        "nuts_regions": load_nuts_regions(models=models),
        "nace_sectors": load_nace_sectors(models=models),
        "euroscivoc_topics": load_euroscivoc_topics(models=models),
    }
    from helisa.registry.geo import forget_cached_regions

    forget_cached_regions()
    return counts


def load_countries(*, models=None):
    Country = (models or current_models())["Country"]
    names = {country.alpha_2: country.name for country in pycountry.countries}
    names.update(_EXTRA_COUNTRIES)
    rows = [
        Country(code=code, eu_code=to_eu(code), name_en=_english_name(code, name))
        for code, name in sorted(names.items())
    ]
    Country.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["code"], update_fields=["eu_code", "name_en"]
    )
    return len(rows)


def _english_name(code, fallback):
    name = country_name(code, "en")
    return name if name != code else fallback


def load_nuts_regions(*, models=None):
    NutsRegion = (models or current_models())["NutsRegion"]
    labels = {
        feature["properties"]["NUTS_ID"]: feature["geometry"]["coordinates"]
        for feature in _features("NUTS_LB_2021_4326.geojson")
    }
    boundaries = {
        feature["properties"]["NUTS_ID"]: feature["geometry"]
        for feature in _features("NUTS_RG_60M_2021_4326.geojson")
    }
    rows = []
    for row in _csv("nuts2021_codes_names.csv"):
        code = row["nuts_id"]
        level = int(row["level"])
        label = labels.get(code)
        boundary = boundaries.get(code)
        min_lon, min_lat, max_lon, max_lat = _bbox(boundary) if boundary else (None,) * 4
        rows.append(
            NutsRegion(
                code=code,
                level=level,
                country_id=to_iso(row["country"]),
                parent_id=code[:-1] if level > 0 else None,
                name_latin=row["name_latin"],
                name_native=row["name_native"] or row["name_latin"],
                label_lon=label[0] if label else None,
                label_lat=label[1] if label else None,
                boundary=boundary,
                min_lon=min_lon,
                min_lat=min_lat,
                max_lon=max_lon,
                max_lat=max_lat,
            )
        )
    rows.sort(key=lambda region: (region.level, region.code))
    NutsRegion.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=[
            "level",
            "country",
            "parent",
            "name_latin",
            "name_native",
            "label_lon",
            "label_lat",
            "boundary",
            "min_lon",
            "min_lat",
            "max_lon",
            "max_lat",
        ],
    )
    return len(rows)


def load_nace_sectors(*, models=None):
    """NACE Rev. 2.1 sections, divisions, groups and classes; the 5-digit national rows are left out."""
    NaceSector = (models or current_models())["NaceSector"]
    polish = {row["code"]: row["name_pl"] for row in _csv("nace_sections_divisions_pl.csv")}
    rows = []
    for row in _csv("nace_rev2_1_en_naceconverter.csv", delimiter=";"):
        level = int(row["level"])
        if level > 4:
            continue
        label = {"en": row["name"]}
        if row["code"] in polish:
            label["pl"] = polish[row["code"]]
        rows.append(
            NaceSector(
                code=row["code"], level=level, parent_id=row["parentCode"] or None, label=label
            )
        )
    rows.sort(key=lambda sector: (sector.level, sector.code))
    NaceSector.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["level", "parent", "label"],
    )
    return len(rows)


def load_euroscivoc_topics(*, models=None):
    Topic = (models or current_models())["Topic"]
    by_level = {}
    for row in _csv("euroscivoc.csv"):
        by_level.setdefault(int(row["level"]), []).append(row)
    ids = {}
    for level in sorted(by_level):
        rows = [
            Topic(
                scheme="euroscivoc",
                code=row["code"],
                level=level,
                parent_id=ids.get(row["parent"]),
                label={"en": row["title"]},
                path=row["path"],
            )
            for row in by_level[level]
        ]
        _upsert_topics(Topic, rows, ["level", "parent", "label", "path"])
        ids.update(Topic.objects.filter(scheme="euroscivoc", level=level).values_list("code", "pk"))
    return sum(len(rows) for rows in by_level.values())


def load_call_topics(*, project_ids=None, path=CALL_TOPICS_FILE, models=None):
    """Horizon 2020 call topics as Topics; returns {project id: topic} for the projects asked for."""
    Topic = (models or current_models())["Topic"]
    topic_of_project = {}
    titles = {}
    with open(path, encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if project_ids is not None and row["projectID"] not in project_ids:
                continue
            topic_of_project[row["projectID"]] = row["topic"]
            titles[row["topic"]] = row["title"]
    rows = [
        Topic(scheme="call", code=code, level=1, label={"en": title})
        for code, title in sorted(titles.items())
    ]
    _upsert_topics(Topic, rows, ["label"])
    topics = {topic.code: topic for topic in Topic.objects.filter(scheme="call", code__in=titles)}
    return {project: topics[code] for project, code in topic_of_project.items()}


def _upsert_topics(Topic, rows, update_fields):
    Topic.objects.bulk_create(
        rows,
        batch_size=500,
        update_conflicts=True,
        unique_fields=["scheme", "code"],
        update_fields=update_fields,
    )


def _csv(name, delimiter=","):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter=delimiter))


def _features(name):
    with open(DATA_DIR / name, encoding="utf-8") as file:
        return json.load(file)["features"]


def _bbox(geometry):
    points = [point for polygon in _polygons(geometry) for ring in polygon[:1] for point in ring]
    lons = [point[0] for point in points]
    lats = [point[1] for point in points]
    return min(lons), min(lats), max(lons), max(lats)


def _polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]
