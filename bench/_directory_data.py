"""A directory of 100,000 organisations and 2,000 clusters resampled from real CORDIS participants.

Names, cities and coordinates come from the Horizon 2020 participants; countries follow their
distribution; regions are the NUTS 3 region nearest to the participant's coordinates; sectors,
topics and memberships are drawn so that the filters of the directory select realistic shares.
Everything is written through the ORM (bulk_create), so the search-index triggers see every row.
"""

import csv
import math
import random
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

from django.db import transaction

from helisa.core.countries import to_iso
from helisa.core.folding import fold
from helisa.registry.models import (
    BusinessSize,
    Cluster,
    ClusterKind,
    Country,
    HelixRole,
    Membership,
    MembershipStatus,
    NaceSector,
    NutsRegion,
    Organisation,
    Topic,
)

ROOT = Path(__file__).resolve().parent.parent
CORDIS_FILES = [
    ROOT / "src/helisa/registry/demo_data/h2020_organizations_subset.csv",
    ROOT.parent / "shared/data/cordis/h2020_organizations_subset.csv",
]
ROLE_BY_ACTIVITY = {
    "PRC": HelixRole.BUSINESS,
    "HES": HelixRole.UNIVERSITY,
    "REC": HelixRole.RESEARCH,
    "PUB": HelixRole.PUBLIC,
    "OTH": HelixRole.CIVIL_SOCIETY,
}
# NACE Rev. 2.1 divisions an organisation of each helix role typically declares.
DIVISIONS_BY_ROLE = {
    HelixRole.UNIVERSITY: ["85", "72"],
    HelixRole.RESEARCH: ["72", "71", "85"],
    HelixRole.PUBLIC: ["84", "85", "36"],
    HelixRole.CIVIL_SOCIETY: ["94", "70", "82"],
    HelixRole.OTHER: ["94", "70"],
}
# What clusters in the European Cluster Collaboration Platform call themselves after.
CLUSTER_THEMES = [
    "ICT", "Aerospace", "Automotive", "Agri-Food", "Medical Devices", "Life Sciences",
    "Clean Energy", "Textile", "Furniture", "Maritime", "Logistics", "Photonics", "Plastics",
    "Creative Industries", "Tourism", "Smart City", "Wood", "Construction", "Circular Economy",
    "Water", "Mechatronics", "Space", "Fintech", "Cybersecurity", "Bioeconomy", "Batteries",
    "Robotics", "Digital Health", "Packaging", "Metal", "Chemistry", "Games",
]  # fmt: skip
# CORDIS writes most cities in capitals and without their diacritics (LODZ, KRAKOW, SOFIA); the
# directory holds them as people there write them, so that "lodz" has "Łódź" to fold and "sofia"
# has "София" to transliterate, as in real profiles.
NATIVE_CITY_NAMES = {
    "PL": {
        "Krakow": "Kraków", "Poznan": "Poznań", "Gdansk": "Gdańsk", "Lodz": "Łódź",
        "Wroclaw": "Wrocław", "Torun": "Toruń", "Czeladz": "Czeladź", "Jozefow": "Józefów",
        "Ozarow Mazowiecki": "Ożarów Mazowiecki", "Brwinow": "Brwinów", "Koscian": "Kościan",
    },
    "BG": {"Sofia": "София", "Plovdiv": "Пловдив", "Varna": "Варна"},
    "RO": {"Bucuresti": "București", "Timisoara": "Timișoara", "Brasov": "Brașov", "Bacau": "Bacău"},
    "HU": {"Veszprem": "Veszprém", "Gyor": "Győr", "Koszeg": "Kőszeg", "Visegrad": "Visegrád"},
    "LV": {"Riga": "Rīga"},
    "ES": {"Almeria": "Almería"},
}  # fmt: skip
HYDROGEN_SHARE = 0.015  # of organisations whose profile mentions hydrogen
HYDROGEN_CLUSTER_SHARE = 0.04
VALIDATED_SHARE = 0.4
BATCH = 2000


def cordis_file():
    for path in CORDIS_FILES:
        if path.is_file():
            return path
    raise FileNotFoundError("No CORDIS organisations file: " + ", ".join(map(str, CORDIS_FILES)))


def load_participants(countries):
    """Distinct CORDIS organisations in countries Helisa knows, with ISO country codes."""
    participants = {}
    with cordis_file().open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            try:
                country = to_iso(row["country"])
            except ValueError:
                continue
            if country not in countries or not row["name"].strip():
                continue
            latitude, longitude = _coordinates(row["geolocation"])
            participants[row["organisationID"]] = {
                "name": row["name"].strip(),
                "city": native_city_name(country, row["city"].strip().title()),
                "postcode": row["postCode"].strip(),
                "country": country,
                "role": ROLE_BY_ACTIVITY.get(row["activityType"], HelixRole.OTHER),
                "sme": row["SME"] == "True",
                "latitude": latitude,
                "longitude": longitude,
            }
    return list(participants.values())


def native_city_name(country, city):
    return NATIVE_CITY_NAMES.get(country, {}).get(city, city)


def _coordinates(text):
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError:
        return None, None
    return latitude, longitude


def nearest_regions(participants):
    """Each participant's NUTS 3 region: the one whose label point is nearest, in its country."""
    by_country = defaultdict(list)
    for code, country, lat, lon in NutsRegion.objects.filter(level=3).values_list(
        "code", "country", "label_lat", "label_lon"
    ):
        by_country[country].append((code, lat, lon))
    for participant in participants:
        candidates = by_country.get(participant["country"], [])
        if not candidates:
            participant["region"] = None
            continue
        if participant["latitude"] is None:
            participant["region"] = candidates[0][0]
            continue
        scale = math.cos(math.radians(participant["latitude"]))
        participant["region"] = min(
            candidates,
            key=lambda c: (
                (c[1] - participant["latitude"]) ** 2
                + ((c[2] - participant["longitude"]) * scale) ** 2
                if c[1] is not None
                else math.inf
            ),
        )[0]
    return by_country


def mixed_name(rng, first, second):
    """Half of one real name and half of another from the same country: plausible, not real."""
    a, b = first.split(), second.split()
    if len(a) < 2 or len(b) < 2 or rng.random() < 0.25:
        return first
    return " ".join(a[: max(1, len(a) // 2)] + b[len(b) // 2 :])


class DirectoryBuilder:
    def __init__(self, *, organisations=100_000, clusters=2_000, seed=2024):
        self.rng = random.Random(seed)
        self.organisations = organisations
        self.clusters = clusters
        self.stats = Counter()

    def build(self):
        countries = set(Country.objects.values_list("code", flat=True))
        if not countries:
            raise RuntimeError("No reference data: run the migrations (0002_reference_data) first")
        participants = load_participants(countries)
        regions_by_country = nearest_regions(participants)
        # CORDIS has partners from all over the world; the alliance's directory is European.
        participants = [p for p in participants if p["country"] in regions_by_country]
        self.by_country = defaultdict(list)
        for participant in participants:
            self.by_country[participant["country"]].append(participant)
        self.country_codes = list(self.by_country)
        self.country_weights = [len(self.by_country[code]) for code in self.country_codes]
        self.regions_by_country = {
            code: [r[0] for r in regions] for code, regions in regions_by_country.items()
        }
        self._load_vocabularies()
        with transaction.atomic():
            member_ids = self._create_organisations(self.organisations - self.clusters)
            self._create_clusters(member_ids)
        return dict(self.stats)

    def _load_vocabularies(self):
        divisions = list(NaceSector.objects.filter(level=2).values_list("code", flat=True))
        self.divisions = divisions or []
        self.classes_by_division = defaultdict(list)
        for code in NaceSector.objects.filter(level=4).values_list("code", flat=True):
            self.classes_by_division[code[:2]].append(code)
        self.business_divisions = [
            d for d in divisions if d.isdigit() and (10 <= int(d) <= 33 or 58 <= int(d) <= 74)
        ] or divisions
        topics = list(Topic.objects.filter(level__gte=3).values_list("pk", "label"))
        if not topics:
            topics = list(Topic.objects.values_list("pk", "label"))
        self.topics = [(pk, (label or {}).get("en", "")) for pk, label in topics]
        hydrogen = [t for t in self.topics if "hydrogen" in t[1].lower()]
        self.hydrogen_topic = hydrogen[0] if hydrogen else None

    def _sample_country(self):
        return self.rng.choices(self.country_codes, self.country_weights)[0]

    def _sectors_for(self, role):
        options = DIVISIONS_BY_ROLE.get(role) or self.business_divisions
        options = [d for d in options if d in self.classes_by_division or d in self.divisions]
        if not options:
            return []
        division = self.rng.choice(options)
        sectors = [division]
        classes = self.classes_by_division.get(division)
        if classes and self.rng.random() < 0.6:
            sectors.append(self.rng.choice(classes))
        return sectors

    def _topics_for(self, hydrogen):
        count = self.rng.choice((1, 1, 2, 2, 3))
        topics = self.rng.sample(self.topics, min(count, len(self.topics))) if self.topics else []
        if hydrogen and self.hydrogen_topic:
            topics = [self.hydrogen_topic] + [t for t in topics if t != self.hydrogen_topic]
        return topics

    def _organisation(self, *, role=None, cluster_name=None, hydrogen=False):
        country = self._sample_country()
        pool = self.by_country[country]
        source, other = self.rng.choice(pool), self.rng.choice(pool)
        role = role or source["role"]
        region = source["region"]
        if self.rng.random() < 0.1 and self.regions_by_country.get(country):
            region = self.rng.choice(self.regions_by_country[country])
        topics = self._topics_for(hydrogen)
        labels = ", ".join(label for _, label in topics if label) or "innovation"
        name = cluster_name or mixed_name(self.rng, source["name"], other["name"])
        description = {"en": f"{role.label} in {source['city']}, working on {labels}."}
        if hydrogen:
            description["en"] += " Partner in hydrogen production, storage and fuel-cell projects."
        if country == "PL":
            description["pl"] = f"Organizacja z miasta {source['city']}: {labels}."
        jitter = self.rng.uniform(-0.02, 0.02)
        organisation = Organisation(
            legal_name=name[:300],
            helix_role=role,
            business_size=(BusinessSize.SME if source["sme"] else BusinessSize.LARGE)
            if role == HelixRole.BUSINESS
            else "",
            country_id=country,
            region_id=region,
            city=source["city"][:100],
            postcode=source["postcode"][:20],
            latitude=source["latitude"] + jitter if source["latitude"] is not None else None,
            longitude=source["longitude"] + jitter if source["longitude"] is not None else None,
            description=description,
            is_demo=True,
            source_id="bench",
        )
        organisation.search_text = fold(
            " ".join([name, organisation.city, organisation.postcode, *description.values()])
        )
        self.stats["hydrogen_organisations"] += hydrogen
        self.stats[f"role_{role}"] += 1
        return organisation, self._sectors_for(role), [pk for pk, _ in topics]

    def _save(self, rows):
        """bulk_create organisations with their sectors and topics; returns the new ids."""
        organisations = Organisation.objects.bulk_create([row[0] for row in rows], batch_size=BATCH)
        sectors, topics = [], []
        for organisation, sector_codes, topic_ids in zip(
            organisations, (r[1] for r in rows), (r[2] for r in rows), strict=True
        ):
            sectors += [(organisation.pk, code) for code in sector_codes]
            topics += [(organisation.pk, pk) for pk in topic_ids]
        _link(Organisation, "sectors", sectors)
        _link(Organisation, "topics", topics)
        self.stats["organisations"] += len(organisations)
        self.stats["organisation_sectors"] += len(sectors)
        self.stats["organisation_topics"] += len(topics)
        return organisations

    def _create_organisations(self, count):
        ids_by_country = defaultdict(list)
        for start in range(0, count, BATCH * 5):
            rows = [
                self._organisation(hydrogen=self.rng.random() < HYDROGEN_SHARE)
                for _ in range(min(BATCH * 5, count - start))
            ]
            for organisation in self._save(rows):
                ids_by_country[organisation.country_id].append(organisation.pk)
        return ids_by_country

    def _create_clusters(self, member_ids):
        rows, themes = [], []
        for _ in range(self.clusters):
            hydrogen = self.rng.random() < HYDROGEN_CLUSTER_SHARE
            theme = "Hydrogen" if hydrogen else None
            row = self._organisation(role=HelixRole.OTHER, cluster_name="-", hydrogen=hydrogen)
            organisation = row[0]
            theme = theme or self.rng.choice(CLUSTER_THEMES)
            name = self.rng.choice(
                ["{city} {theme} Cluster", "{theme} Valley {city}", "Cluster {theme} {city}"]
            ).format(city=organisation.city or organisation.country_id, theme=theme)
            organisation.legal_name = name[:300]
            organisation.search_text = fold(f"{name} {organisation.search_text}")
            rows.append(row)
            themes.append(name)
        organisations = self._save(rows)
        clusters = [
            Cluster(
                organisation=organisation,
                name=name[:300],
                kind=ClusterKind.ASSOCIATION if self.rng.random() < 0.03 else ClusterKind.CLUSTER,
                staff_fte=self.rng.choice((1, 2, 3, 5, 8)),
                founded_year=self.rng.randint(1995, 2023),
                is_validated=self.rng.random() < VALIDATED_SHARE,
                is_demo=True,
            )
            for organisation, name in zip(organisations, themes, strict=True)
        ]
        Cluster.objects.bulk_create(clusters, batch_size=BATCH)
        self.stats["clusters"] = len(clusters)
        self.stats["validated_clusters"] = sum(c.is_validated for c in clusters)
        self._cluster_links(clusters, rows, member_ids)

    def _cluster_links(self, clusters, rows, member_ids):
        all_countries = list(member_ids)
        sectors, topics, regions, memberships = [], [], [], []
        for cluster, (organisation, sector_codes, topic_ids) in zip(clusters, rows, strict=True):
            sectors += [(cluster.pk, code) for code in sector_codes if len(code) == 2]
            sectors += [(cluster.pk, d) for d in self.rng.sample(self.business_divisions, 2)]
            topics += [(cluster.pk, pk) for pk in topic_ids]
            if organisation.region_id:
                regions += [
                    (cluster.pk, organisation.region_id),
                    (cluster.pk, organisation.region_id[:4]),
                ]
            size = min(400, max(5, int(self.rng.lognormvariate(math.log(40), 0.8))))
            home = member_ids.get(organisation.country_id) or member_ids[all_countries[0]]
            chosen = set()
            for _ in range(size):
                cross_border = self.rng.random() < 0.1
                pool = member_ids[self.rng.choice(all_countries)] if cross_border else home
                member = self.rng.choice(pool)
                if member in chosen:
                    continue
                chosen.add(member)
                memberships.append(
                    Membership(
                        cluster_id=cluster.pk,
                        member_id=member,
                        status=MembershipStatus.ACTIVE,
                        since=date(self.rng.randint(2008, 2024), self.rng.randint(1, 12), 1),
                        is_cross_border=cross_border and pool is not home,
                        is_demo=True,
                    )
                )
        _link(Cluster, "focus_sectors", list(dict.fromkeys(sectors)))
        _link(Cluster, "focus_topics", list(dict.fromkeys(topics)))
        _link(Cluster, "regions", list(dict.fromkeys(regions)))
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        self.stats["memberships"] = len(memberships)


def _link(model, name, pairs):
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
    through.objects.bulk_create(
        [through(**{source: a, target: b}) for a, b in pairs], batch_size=BATCH * 2
    )
