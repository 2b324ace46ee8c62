"""The cooperation demo: the CORDIS projects of the demo registry as international projects, and
three ready-made calls (Horizon Europe, Interreg, cluster partnership).

The CORDIS files give each project's acronym, call topic, partners with their roles and EU
contributions, but no title and no dates: the title is the acronym, the dates stay empty. Every
project is marked completed: they are Horizon 2020 projects (calls of 2014-2020, grants of
usually two to five years), whose programme ended its funding in 2020 and whose projects had
ended by the data's extraction in 2023 for the great majority; the files say nothing that would
single out one still running.
"""

import csv
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from django.db import transaction

from helisa.registry.models import Organisation
from helisa.registry.reference import DEMO_DATA_DIR

from .models import Call, CountryList, PartnerRole, ProgrammeKind, Project, ProjectStatus
from .services.projects import create_project

ORGANISATIONS_FILE = DEMO_DATA_DIR / "h2020_organizations_subset.csv"
TOPICS_FILE = DEMO_DATA_DIR / "h2020_project_topics_subset.csv"


class RegistryDemoMissing(Exception):
    pass


CALLS = [
    {
        "kind": ProgrammeKind.HORIZON_EUROPE,
        "name": {
            "en": "Horizon Europe collaborative project (demo call)",
            "pl": "Projekt współpracy Horyzontu Europa (nabór demonstracyjny)",
        },
        "description": {
            "en": "At least 3 independent legal entities from 3 different EU member states or "
            "associated countries, at least one of them in a member state."
        },
        "min_partners": 3,
        "max_partners": 8,
        "min_countries": 3,
        "eligible_list": CountryList.HORIZON_EUROPE,
        "min_in_member_states": 1,
        "required_roles": {"business": 1, "research": 1},
        "counts_independent_entities": True,
    },
    {
        "kind": ProgrammeKind.INTERREG,
        "name": {
            "en": "Interreg Central Europe (demo call)",
            "pl": "Interreg Europa Środkowa (nabór demonstracyjny)",
        },
        "description": {
            "en": "Partners from at least 2 countries, located in the programme area. The demo "
            "takes whole countries as the area; the real programme covers only parts of Germany "
            "and Italy."
        },
        "min_partners": 3,
        "max_partners": 10,
        "min_countries": 2,
        "programme_regions": ["AT", "CZ", "DE", "HR", "HU", "IT", "PL", "SI", "SK"],
        "required_roles": {"public": 1},
    },
    {
        "kind": ProgrammeKind.CLUSTER_PARTNERSHIP,
        "name": {
            "en": "Cluster partnership (demo call)",
            "pl": "Partnerstwo klastrów (nabór demonstracyjny)",
        },
        "description": {"en": "At least 3 cluster organisations from 3 countries."},
        "min_partners": 3,
        "max_partners": 6,
        "min_countries": 3,
        "min_cluster_organisations": 3,
        "min_cluster_countries": 3,
    },
]


def _money(value):
    try:
        return Decimal(value.replace(",", ".")) if value else None
    except InvalidOperation:
        return None


@transaction.atomic
def build_cooperation_demo():
    """(calls, projects) created; the CORDIS organisations must be in the demo registry."""
    remove_cooperation_demo()
    organisations = dict(
        Organisation.objects.filter(is_demo=True, source_id__startswith="cordis:").values_list(
            "source_id", "pk"
        )
    )
    if not organisations:
        raise RegistryDemoMissing("Build the demo registry first (helisa demo_registry).")
    calls = [Call.objects.create(is_demo=True, **spec) for spec in CALLS]
    with open(TOPICS_FILE, encoding="utf-8", newline="") as file:
        topics = {row["projectID"]: row["topic"] for row in csv.DictReader(file)}
    rows = defaultdict(list)
    with open(ORGANISATIONS_FILE, encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            rows[row["projectID"]].append(row)
    loaded = Organisation.objects.in_bulk(list(organisations.values()))
    created = 0
    for project_id, partners in sorted(rows.items()):
        seen, members = set(), []
        for row in sorted(partners, key=lambda r: int(r["order"] or 0)):
            pk = organisations.get(f"cordis:{row['organisationID']}")
            if pk is None or pk in seen:
                continue
            seen.add(pk)
            role = PartnerRole.COORDINATOR if row["role"] == "coordinator" else PartnerRole.PARTNER
            members.append((loaded[pk], role, _money(row["ecContribution"])))
        if sum(role == PartnerRole.COORDINATOR for _o, role, _c in members) != 1:
            continue
        contributions = [c for _o, _r, c in members if c is not None]
        create_project(
            title=partners[0]["projectAcronym"],
            acronym=partners[0]["projectAcronym"][:40],
            call_topic=topics.get(project_id, ""),
            status=ProjectStatus.COMPLETED,
            budget=sum(contributions) if contributions else None,
            partners=members,
            is_demo=True,
            source_id=f"cordis:{project_id}",
        )
        created += 1
    return len(calls), created


def remove_cooperation_demo():
    Project.objects.filter(is_demo=True).delete()
    Call.objects.filter(is_demo=True).delete()
