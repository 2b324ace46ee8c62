import time

import pytest
from django.db.models import Count

from helisa.registry.models import Country, NaceSector, NutsRegion, Topic, TopicScheme
from helisa.registry.reference import load_call_topics, load_reference_data

pytestmark = pytest.mark.django_db


def _per_level(model, **filters):
    rows = model.objects.filter(**filters).values("level").annotate(count=Count("pk"))
    return {row["level"]: row["count"] for row in rows}


def test_the_migration_loaded_every_nuts_level_with_geometry():
    assert _per_level(NutsRegion) == {0: 37, 1: 125, 2: 334, 3: 1514}
    warsaw = NutsRegion.objects.get(code="PL911")
    assert warsaw.name_latin == "Miasto Warszawa"
    assert warsaw.parent_id == "PL91"
    assert warsaw.parent.parent_id == "PL9"
    assert warsaw.country_id == "PL"
    assert warsaw.boundary["type"] in {"Polygon", "MultiPolygon"}
    assert warsaw.min_lon < 21.01 < warsaw.max_lon
    assert warsaw.min_lat < 52.23 < warsaw.max_lat
    assert warsaw.min_lon < warsaw.label_lon < warsaw.max_lon
    assert not NutsRegion.objects.filter(level=3, boundary__isnull=True).exists()


def test_eu_country_codes_become_iso_codes():
    assert Country.objects.get(code="GB").eu_code == "UK"
    assert Country.objects.get(code="GR").eu_code == "EL"
    assert Country.objects.get(code="PL").eu_code == "PL"
    assert Country.objects.get(code="XK").name_en == "Kosovo"
    assert NutsRegion.objects.get(code="EL30").country_id == "GR"
    assert NutsRegion.objects.get(code="UKI").country_id == "GB"
    assert not Country.objects.filter(code__in=["UK", "EL"]).exists()
    assert Country.objects.count() >= 249


def test_nace_has_sections_divisions_groups_and_classes_only():
    assert _per_level(NaceSector) == {1: 22, 2: 87, 3: 287, 4: 651}
    assert NaceSector.objects.get(code="62.10").parent_id == "62.1"
    assert NaceSector.objects.get(code="62").parent_id == "K"


def test_every_section_and_division_has_a_polish_label():
    sections_and_divisions = NaceSector.objects.filter(level__lte=2)

    assert all(sector.label.get("pl") for sector in sections_and_divisions)
    assert NaceSector.objects.get(code="72").label == {
        "en": "Scientific research and development",
        "pl": "Badania naukowe i prace rozwojowe",
    }
    assert "pl" not in NaceSector.objects.get(code="62.10").label


def test_euroscivoc_is_a_hierarchy():
    topics = Topic.objects.filter(scheme=TopicScheme.EUROSCIVOC)
    hydrogen = topics.get(code="/25/67/425/1169/1691")

    assert topics.count() == 980
    assert hydrogen.label == {"en": "hydrogen energy"}
    assert hydrogen.level == 5
    assert hydrogen.parent.code == "/25/67/425/1169"
    assert hydrogen.parent.label["en"] == "renewable energy"
    assert hydrogen.path.endswith("/renewable energy/hydrogen energy")
    assert not topics.filter(level=1, parent__isnull=False).exists()
    assert not topics.filter(level__gt=1, parent__isnull=True).exists()
    assert set(_per_level(Topic, scheme=TopicScheme.EUROSCIVOC)) == {1, 2, 3, 4, 5, 6, 7}


def test_loading_again_changes_nothing_and_is_fast():
    before = (Country.objects.count(), NutsRegion.objects.count(), Topic.objects.count())
    NaceSector.objects.filter(code="72").update(label={"en": "edited"})

    started = time.perf_counter()
    load_reference_data()

    assert time.perf_counter() - started < 5
    assert (Country.objects.count(), NutsRegion.objects.count(), Topic.objects.count()) == before
    assert NaceSector.objects.get(code="72").label["pl"] == "Badania naukowe i prace rozwojowe"


def test_call_topics_come_from_the_projects_asked_for():
    topics = load_call_topics(project_ids={"651036"})

    assert topics["651036"].code == "ICT-37-2014-1"
    assert topics["651036"].scheme == TopicScheme.CALL_TOPIC
    assert Topic.objects.filter(scheme=TopicScheme.CALL_TOPIC).count() == 1
