"""The demo registry: real CORDIS organisations, and invented clusters built from them.

Deterministic (one seeded random generator) and marked is_demo throughout, so that it can be
rebuilt without touching anything real.
"""

import csv
import random
import re
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from anyascii import anyascii
from django.db import transaction
from django.utils import timezone

from helisa.core.countries import to_eu, to_iso
from helisa.registry.demo_clusters import ASSOCIATIONS, CLUSTERS, LANGUAGE, NEIGHBOURS
from helisa.registry.geo import region_for_point
from helisa.registry.models import (
    Affiliation,
    BusinessSize,
    ChangeRecord,
    Cluster,
    ClusterKind,
    HelixRole,
    NaceSector,
    NutsRegion,
    Organisation,
    Person,
    Topic,
    TopicScheme,
    Visibility,
)
from helisa.registry.reference import DEMO_DATA_DIR, load_call_topics
from helisa.registry.services.clusters import add_member, create_cluster, review_cluster
from helisa.registry.services.history import snapshot
from helisa.registry.services.organisations import create_organisation, search_text_for

ORGANISATIONS_FILE = DEMO_DATA_DIR / "h2020_organizations_subset.csv"
HELIX_OF_ACTIVITY = {
    "PRC": HelixRole.BUSINESS,
    "HES": HelixRole.UNIVERSITY,
    "REC": HelixRole.RESEARCH,
    "PUB": HelixRole.PUBLIC,
    "OTH": HelixRole.OTHER,
}
SEED = 9092025


class DemoDataExists(Exception):
    """The database already holds demo data and no rebuild was asked for."""


@dataclass
class DemoSummary:
    organisations: int = 0
    clusters: int = 0
    validated: int = 0
    associations: int = 0
    memberships: int = 0
    cross_border: int = 0
    people: int = 0
    seconds: float = 0.0
    clusters_per_country: dict = field(default_factory=dict)


def build_demo(*, rebuild=False, seed=SEED, organisations_file=ORGANISATIONS_FILE):
    started = time.perf_counter()
    with transaction.atomic():
        if Organisation.objects.filter(is_demo=True).exists():
            if not rebuild:
                raise DemoDataExists
            remove_demo_data()
        rng = random.Random(seed)
        cordis = import_cordis_organisations(path=organisations_file)
        summary = DemoSummary(organisations=len(cordis))
        managed = [_build_cluster(spec, cordis, rng, summary) for spec in CLUSTERS]
        for spec in ASSOCIATIONS:
            _build_association(
                spec, [c for c in managed if c.organisation.country_id == spec.country]
            )
            summary.associations += 1
        summary.people = Person.objects.filter(is_demo=True).count()
    summary.seconds = time.perf_counter() - started
    return summary


def remove_demo_data():
    demo = Organisation.objects.filter(is_demo=True)
    ChangeRecord.objects.filter(organisation__in=demo).delete()
    Person.objects.filter(is_demo=True).delete()
    Cluster.objects.filter(is_demo=True).delete()
    demo.delete()


def import_cordis_organisations(*, path):
    """One organisation per CORDIS organisationID, with its projects' call topics."""
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    first_row, projects = {}, {}
    for row in rows:
        first_row.setdefault(row["organisationID"], row)
        projects.setdefault(row["organisationID"], set()).add(row["projectID"])
    topics = load_call_topics(project_ids={row["projectID"] for row in rows})
    organisations = [_organisation_from(row) for row in first_row.values()]
    Organisation.objects.bulk_create(organisations, batch_size=500)
    ids = dict(
        Organisation.objects.filter(is_demo=True, source_id__startswith="cordis:").values_list(
            "source_id", "pk"
        )
    )
    for organisation in organisations:
        organisation.pk = ids[organisation.source_id]
    ChangeRecord.objects.bulk_create(
        [_created_record(organisation) for organisation in organisations], batch_size=500
    )
    links = []
    for organisation in organisations:
        own = {
            topics[project]
            for project in projects[organisation.source_id.removeprefix("cordis:")]
            if project in topics
        }
        organisation.call_topic_codes = sorted(topic.code for topic in own)
        links += [(organisation.pk, topic.pk) for topic in own]
    Through = Organisation.topics.through
    Through.objects.bulk_create(
        [Through(organisation_id=org_id, topic_id=topic_id) for org_id, topic_id in sorted(links)],
        batch_size=1000,
    )
    return organisations


def _organisation_from(row):
    helix_role = HELIX_OF_ACTIVITY.get(row["activityType"], HelixRole.OTHER)
    latitude, longitude = _coordinates(row["geolocation"])
    country = to_iso(row["country"])
    region = region_for_point(latitude=latitude, longitude=longitude, country=country)
    organisation = Organisation(
        legal_name=row["name"][:300],
        short_name=row["shortName"][:100],
        helix_role=helix_role,
        business_size=_business_size(helix_role, row["SME"]),
        country_id=country,
        region_id=region.code if region else None,
        street=row["street"][:200],
        postcode=row["postCode"][:20],
        city=row["city"][:100],
        latitude=latitude,
        longitude=longitude,
        website=_website(row["organizationURL"]),
        vat_number=row["vatNumber"][:30],
        is_demo=True,
        source_id=f"cordis:{row['organisationID']}",
    )
    organisation.search_text = search_text_for(organisation)
    return organisation


def _business_size(helix_role, sme):
    if helix_role != HelixRole.BUSINESS:
        return BusinessSize.UNKNOWN
    return {"True": BusinessSize.SME, "False": BusinessSize.LARGE}.get(sme, BusinessSize.UNKNOWN)


def _coordinates(geolocation):
    try:
        latitude, longitude = (float(part) for part in geolocation.split(","))
    except ValueError:
        return None, None
    return latitude, longitude


def _website(url):
    url = url.strip()
    if url and "://" not in url:
        url = f"http://{url}"
    return url[:200]


def _created_record(organisation):
    return ChangeRecord(
        organisation_id=organisation.pk,
        record_type="organisation",
        record_id=str(organisation.pk),
        action=ChangeRecord.Action.CREATED,
        changes={
            name: [None, value]
            for name, value in snapshot(organisation).items()
            if value not in ("", None)
        },
    )


def _build_cluster(spec, cordis, rng, summary):
    language = LANGUAGE[spec.country]
    organisation = create_organisation(
        by=None,
        legal_name=spec.name,
        short_name=spec.short_name,
        helix_role=HelixRole.OTHER,
        country_id=spec.country,
        city=spec.city,
        latitude=spec.latitude,
        longitude=spec.longitude,
        description={"en": spec.description_en, language: spec.description_local},
        is_demo=True,
        source_id=f"demo:{spec.key}",
    )
    # ESCA labels last two years; the demo's are current whenever the demo is built.
    esca_until = date(timezone.localdate().year + 1, 6, 30) if spec.esca_label else None
    cluster = create_cluster(
        organisation=organisation,
        by=None,
        name=spec.name,
        kind=ClusterKind.CLUSTER,
        staff_fte=Decimal(spec.staff_fte),
        founded_year=spec.founded_year,
        esca_label=spec.esca_label,
        esca_valid_until=esca_until,
        is_demo=True,
        focus_sectors=NaceSector.objects.filter(code=spec.sector),
        focus_topics=Topic.objects.filter(
            scheme=TopicScheme.EUROSCIVOC, label__en__in=list(spec.topics)
        ),
        regions=NutsRegion.objects.filter(code=spec.region),
    )
    for member in _choose_members(spec, cordis, rng):
        add_member(
            cluster=cluster,
            member=member,
            by=None,
            since=_since(spec.founded_year, rng),
            is_demo=True,
        )
        summary.memberships += 1
        summary.cross_border += member.country_id != spec.country
    if spec.reviewed:
        review_cluster(cluster=cluster, by=None)
    _add_manager(organisation, spec.manager)
    summary.clusters += 1
    summary.validated += cluster.is_validated
    summary.clusters_per_country[spec.country] = (
        summary.clusters_per_country.get(spec.country, 0) + 1
    )
    return cluster


def _choose_members(spec, cordis, rng):
    """Home organisations first (the centre region, then projects in the theme), then neighbours."""
    home = [org for org in cordis if org.country_id == spec.country]
    rng.shuffle(home)
    home.sort(
        key=lambda org: (
            not (org.region_id or "").startswith(spec.region),
            not _in_theme(org, spec),
        )
    )
    chosen = home[: spec.members]
    for neighbour in NEIGHBOURS.get(spec.country, ()):
        if len(chosen) >= spec.members:
            break
        abroad = [org for org in cordis if org.country_id == neighbour]
        rng.shuffle(abroad)
        chosen += abroad[: spec.members - len(chosen)]
    return chosen


def _in_theme(organisation, spec):
    return any(code.startswith(spec.call_prefixes) for code in organisation.call_topic_codes)


def _since(founded_year, rng):
    start = date(max(founded_year, 2004), 1, 1)
    days = (date(2024, 12, 31) - start).days
    return start + timedelta(days=rng.randrange(days))


def _build_association(spec, clusters):
    language = LANGUAGE[spec.country]
    organisation = create_organisation(
        by=None,
        legal_name=spec.name,
        short_name=spec.short_name,
        helix_role=HelixRole.CIVIL_SOCIETY,
        country_id=spec.country,
        city=spec.city,
        latitude=spec.latitude,
        longitude=spec.longitude,
        description={"en": spec.description_en, language: spec.description_local},
        is_demo=True,
        source_id=f"demo:association-{spec.country.lower()}",
    )
    association = create_cluster(
        organisation=organisation,
        by=None,
        name=spec.name,
        kind=ClusterKind.ASSOCIATION,
        staff_fte=Decimal("2"),
        founded_year=spec.founded_year,
        is_demo=True,
        regions=NutsRegion.objects.filter(code=to_eu(spec.country), level=0),
    )
    for cluster in clusters:
        add_member(
            cluster=association,
            member=cluster.organisation,
            by=None,
            since=date(max(spec.founded_year, cluster.founded_year or 0) + 1, 1, 1),
            is_demo=True,
        )
    review_cluster(cluster=association, by=None)
    _add_manager(organisation, spec.manager)
    return association


def _email_part(name):
    return "-".join(re.findall(r"[a-z0-9]+", anyascii(name).lower()))


def _add_manager(organisation, name):
    first_name, last_name = name
    person = Person.objects.create(
        first_name=first_name,
        last_name=last_name,
        email=f"{_email_part(first_name)}.{_email_part(last_name)}@example.org",
        visibility=Visibility.PUBLIC,
        consent_given_at=timezone.now(),
        is_demo=True,
    )
    Affiliation.objects.create(person=person, organisation=organisation, function="Cluster manager")
