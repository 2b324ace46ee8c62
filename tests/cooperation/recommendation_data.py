"""A small registry for the recommendation tests: a Polish asker, a French lab on hydrogen
storage described in French, and organisations on other subjects."""

from dataclasses import dataclass

from helisa.registry.models import HelixRole, Membership, NaceSector, Topic, TopicScheme
from tests.factories import ClusterFactory, OrganisationFactory, country

POLISH_REQUEST = "Szukamy partnera do magazynowania wodoru w zbiornikach wysokociśnieniowych."
FRENCH_DESCRIPTION = (
    "Laboratoire spécialisé dans le stockage de l'hydrogène dans des réservoirs composites "
    "haute pression."
)


@dataclass
class Registry:
    asker: object
    french_lab: object
    bakery: object
    hotel_software: object
    cluster_partner: object
    cluster: object
    hydrogen: object
    sector: object


def build_registry():
    hydrogen = Topic.objects.create(
        scheme=TopicScheme.EUROSCIVOC,
        code="/test/hydrogen",
        label={"en": "hydrogen energy", "pl": "energia wodorowa"},
    )
    sector, _ = NaceSector.objects.get_or_create(
        code="C29", defaults={"level": 2, "label": {"en": "Manufacture of motor vehicles"}}
    )
    asker = OrganisationFactory(legal_name="Wodorowe Zbiorniki Sp. z o.o.", country=country("PL"))
    french_lab = OrganisationFactory(
        legal_name="Laboratoire Hydrogène Lyon",
        helix_role=HelixRole.RESEARCH,
        country=country("FR"),
        description={"fr": FRENCH_DESCRIPTION},
    )
    french_lab.topics.add(hydrogen)
    bakery = OrganisationFactory(
        legal_name="Bäckerei Technik GmbH",
        country=country("DE"),
        description={"de": "Backöfen und Maschinen für Großbäckereien."},
    )
    hotel_software = OrganisationFactory(
        legal_name="Reservas Hoteleras SL",
        country=country("ES"),
        description={"es": "Programas de reservas para hoteles pequeños."},
    )
    cluster_partner = OrganisationFactory(
        legal_name="Uniwersytet Testowy",
        helix_role=HelixRole.UNIVERSITY,
        country=country("PL"),
        description={"pl": "Uniwersytet: chemia, fizyka i nauki o materiałach."},
    )
    cluster_partner.sectors.add(sector)
    cluster = ClusterFactory(name="Klaster Wodorowy")
    for member in (asker, cluster_partner):
        Membership.objects.create(cluster=cluster, member=member)
    return Registry(
        asker, french_lab, bakery, hotel_software, cluster_partner, cluster, hydrogen, sector
    )
