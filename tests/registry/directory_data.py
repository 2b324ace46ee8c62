"""Reference rows the directory tests need, whether or not the reference data was loaded."""

from helisa.registry.models import NaceSector, NutsRegion, Topic, TopicScheme
from tests.factories import country

SQUARE = {"type": "Polygon", "coordinates": [[[19, 51], [20, 51], [20, 52], [19, 52], [19, 51]]]}


def region(code, name, country_code="PL"):
    """A NUTS region with its parents (codes nest by prefix), created when missing."""
    country(country_code)
    parent = None
    for length in range(len(country_code), len(code)):
        parent, _ = NutsRegion.objects.get_or_create(
            code=code[:length],
            defaults={
                "level": length - 2,
                "country_id": country_code,
                "parent": parent,
                "name_latin": code[:length],
                "name_native": code[:length],
                "boundary": SQUARE,
            },
        )
    obj, _ = NutsRegion.objects.get_or_create(
        code=code,
        defaults={
            "level": len(code) - 2,
            "country_id": country_code,
            "parent": parent,
            "name_latin": name,
            "name_native": name,
            "boundary": SQUARE,
        },
    )
    return obj


def sector(code, parent=None, label=None):
    level = 1 if code.isalpha() else {2: 2, 4: 3, 5: 4}[len(code)]
    obj, _ = NaceSector.objects.get_or_create(
        code=code, defaults={"level": level, "parent_id": parent, "label": label or {"en": code}}
    )
    return obj


def manufacture_of_computers():
    """Section C > division 26 > group 26.1 > class 26.11."""
    sector("C", label={"en": "Manufacturing"})
    sector("26", "C", {"en": "Manufacture of computer, electronic and optical products"})
    sector("26.1", "26")
    return sector(
        "26.11",
        "26.1",
        {"en": "Manufacture of electronic components", "pl": "Produkcja elementów elektronicznych"},
    )


def topic(code, path, parent=None):
    obj, _ = Topic.objects.get_or_create(
        scheme=TopicScheme.EUROSCIVOC,
        code=code,
        defaults={
            "path": path,
            "parent": parent,
            "level": path.count("/"),
            "label": {"en": path.rsplit("/", 1)[-1]},
        },
    )
    return obj
