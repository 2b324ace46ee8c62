import pytest

from helisa.registry.geo import region_for_point

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("latitude", "longitude", "country", "expected"),
    [
        (52.2297, 21.0122, "PL", "PL911"),  # Warsaw, Palace of Culture
        (51.7592, 19.4560, "PL", "PL711"),  # Łódź, Piotrkowska
        (42.6977, 23.3219, "BG", "BG411"),  # Sofia centre
        (48.8566, 2.3522, "FR", "FR101"),  # Paris
        (37.9838, 23.7275, "GR", "EL303"),  # Athens: EU code EL, ISO country GR
    ],
)
def test_a_point_lies_in_the_nuts3_region_that_holds_it(latitude, longitude, country, expected):
    region = region_for_point(latitude=latitude, longitude=longitude, country=country)

    assert region.code == expected
    assert region.country_id == country


@pytest.mark.parametrize(
    ("latitude", "longitude", "coastal"),
    [
        (54.90, 17.55, {"PL636", "PL633", "PL634"}),  # Baltic off Łeba
        (54.55, 18.75, {"PL633", "PL634"}),  # Gulf of Gdańsk
        (54.30, 15.55, {"PL426", "PL428", "PL424"}),  # off Kołobrzeg
    ],
)
def test_a_point_in_the_sea_goes_to_the_nearest_coastal_region(latitude, longitude, coastal):
    region = region_for_point(latitude=latitude, longitude=longitude, country="PL")

    assert region.code in coastal


def test_a_point_outside_every_region_of_its_country_stays_in_its_country():
    # Geolocated in Slovakia by mistake, but the organisation is Polish.
    region = region_for_point(latitude=48.15, longitude=17.11, country="PL")

    assert region.country_id == "PL"
    assert region.code.startswith("PL2")


def test_a_point_far_from_every_region_has_none():
    assert region_for_point(latitude=40.71, longitude=-74.0, country=None) is None
    assert region_for_point(latitude=40.71, longitude=-74.0, country="US") is None
    assert region_for_point(latitude=None, longitude=21.0, country="PL") is None
