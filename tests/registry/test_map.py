"""The clusters-by-region map: an SVG drawn on the server from the NUTS boundaries."""

import pytest
from django.urls import reverse

from helisa.registry import svgmap
from helisa.registry.models import NutsRegion
from tests.factories import ClusterFactory
from tests.registry.directory_data import region

pytestmark = pytest.mark.django_db


def test_regions_are_links_to_their_clusters_with_counts(client):
    warsaw = region("PL911", "Miasto Warszawa")
    region("PL91", "Warszawski stołeczny")
    ClusterFactory(organisation__region=warsaw)
    ClusterFactory(organisation__region=warsaw, is_validated=True)

    html = client.get(reverse("registry:map")).content.decode()

    assert "<svg" in html
    assert f'href="{reverse("registry:clusters")}?region=PL91"' in html
    assert "<title>Warszawski stołeczny (PL91): 2 clusters</title>" in html
    assert 'class="map-c2"' in html
    assert "<td>PL91</td><td>2</td>" in html.replace("\n", "")


def test_filters_change_the_counts(client):
    warsaw = region("PL911", "Miasto Warszawa")
    ClusterFactory(organisation__region=warsaw)
    ClusterFactory(organisation__region=warsaw, is_validated=True)

    html = client.get(reverse("registry:map"), {"validated": "1"}).content.decode()

    assert "(PL91): 1 cluster</title>" in html


def test_the_table_lists_only_regions_with_clusters(client):
    warsaw = region("PL911", "Miasto Warszawa")
    region("PL91", "Warszawski stołeczny")
    region("PL92", "Mazowiecki regionalny")
    ClusterFactory(organisation__region=warsaw)

    html = client.get(reverse("registry:map")).content.decode().replace("\n", "")

    assert "<td>PL91</td><td>1</td>" in html
    assert "<td>PL92</td>" not in html


def test_a_country_is_drawn_by_nuts_3_region(client):
    ClusterFactory(organisation__region=region("PL911", "Miasto Warszawa"))

    html = client.get(reverse("registry:map"), {"country": "PL"}).content.decode()

    assert "country=PL&amp;region=PL911" in html
    assert "<title>Miasto Warszawa (PL911): 1 cluster</title>" in html
    assert 'region=PL91"' not in html


def test_overseas_regions_are_not_drawn():
    region("FRY10", "Guadeloupe", country_code="FR")
    guadeloupe = {
        "type": "Polygon",
        "coordinates": [[[-61.8, 16], [-61, 16], [-61, 16.5], [-61.8, 16]]],
    }

    assert svgmap.shape("FRY1", "Guadeloupe", guadeloupe) is None
    assert NutsRegion.objects.filter(code="FRY1").exists()


def test_paths_are_small_integer_relative_moves():
    square = {
        "type": "Polygon",
        "coordinates": [[[19, 51], [20, 51], [20, 51], [20, 52], [19, 51]]],
    }

    drawn = svgmap.shape("PL91", "Warszawski", square)

    x, y = svgmap.project(19, 51)
    east_x, east_y = svgmap.project(20, 51)
    north_x, north_y = svgmap.project(20, 52)
    moves = f"{east_x - x} {east_y - y} {north_x - east_x} {north_y - east_y}".replace(" -", "-")
    assert drawn.path == f"M{x} {y}l{moves}z"


def test_the_projection_keeps_distances_true_near_its_centre():
    west, _ = svgmap.project(9.5, 52)
    east, _ = svgmap.project(10.5, 52)
    assert east - west == 68  # a degree of longitude at 52° N is 68.5 km


def test_colour_classes_and_legend_agree():
    assert [svgmap.colour_class(count) for count in (0, 1, 2, 4, 5, 9, 10, 19, 20, 500)] == [
        0,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
        5,
        5,
    ]
    assert svgmap.legend() == [(0, "0"), (1, "1"), (2, "2–4"), (3, "5–9"), (4, "10–19"), (5, "20+")]


@pytest.mark.parametrize("written", ["GR", "EL", "el"])
def test_a_country_may_be_written_the_eu_way_or_the_iso_way(client, written):
    ClusterFactory(organisation__region=region("EL303", "Anatoliki Attiki", "GR"))

    html = client.get(reverse("registry:map"), {"country": written}).content.decode()

    assert "country=GR&amp;region=EL303" in html
