"""Demo good practices, written by the registry demo's clusters and published by the demo
secretariat. The cases are invented; every record is marked is_demo."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from helisa.cooperation.models import AdoptionFeedback, GoodPractice, PracticeStatus
from helisa.registry.models import Cluster, NaceSector

from .services.practices import create_practice


class RegistryDemoMissing(Exception):
    """The practices demo needs the registry demo's clusters."""


PRACTICES = [
    {
        "key": "testing-lab",
        "authors": ["pl-health"],
        "countries": ["PL"],
        "sectors": ["72", "21"],
        "title": {
            "en": "A shared testing laboratory run by the cluster",
            "pl": "Wspólne laboratorium badawcze prowadzone przez klaster",
        },
        "problem": {
            "en": "Small biotech firms in Kraków could not afford validated laboratory "
            "equipment; each test abroad took months and cost a year's budget.",
            "pl": "Małe firmy biotechnologiczne z Krakowa nie mogły sobie pozwolić na "
            "zwalidowaną aparaturę; każde badanie za granicą trwało miesiącami.",
        },
        "solution": {
            "en": "The cluster leased a floor at the university's science park, bought the "
            "equipment with regional funds and books it to members by the hour, with a "
            "technician on site.",
            "pl": "Klaster wynajął piętro w parku naukowym uczelni, kupił aparaturę ze środków "
            "regionalnych i udostępnia ją członkom na godziny, z technikiem na miejscu.",
        },
        "results": {
            "en": "Test turnaround fell from months to days; three members obtained CE marking.",
            "pl": "Czas badań spadł z miesięcy do dni; trzech członków uzyskało oznakowanie CE.",
        },
        "resources": {
            "en": "About EUR 1.2 million of equipment, two technicians, a booking system.",
            "pl": "Aparatura za ok. 1,2 mln EUR, dwóch techników, system rezerwacji.",
        },
        "transferability": {
            "en": "Works wherever a university can host the lab and members share a need.",
            "pl": "Sprawdzi się tam, gdzie uczelnia może przyjąć laboratorium.",
        },
        "indicators": [
            {"name": "Members using the lab", "value": "27", "unit": "firms"},
            {"name": "Average turnaround", "value": "4", "unit": "days"},
        ],
    },
    {
        "key": "hydrogen-roadmap",
        "authors": ["pl-hydrogen", "fr-hydrogen"],
        "countries": ["PL", "FR"],
        "sectors": ["35"],
        "title": {
            "en": "A triple-helix hydrogen roadmap for the region",
            "pl": "Mapa drogowa wodoru dla regionu w modelu potrójnej helisy",
            "fr": "Une feuille de route hydrogène régionale en triple hélice",
        },
        "problem": {
            "en": "Hydrogen projects in Lower Silesia were planned one by one; nobody knew "
            "where production, storage and demand would meet.",
            "pl": "Projekty wodorowe na Dolnym Śląsku planowano osobno; nikt nie wiedział, "
            "gdzie spotkają się produkcja, magazynowanie i popyt na wodór.",
        },
        "solution": {
            "en": "The cluster brought companies, two universities and the regional government "
            "to twelve workshops and wrote one roadmap of hydrogen valleys, shared with the "
            "Auvergne-Rhône-Alpes cluster.",
            "pl": "Klaster zebrał firmy, dwie uczelnie i samorząd województwa na dwunastu "
            "warsztatach i spisał jedną mapę dolin wodorowych, wspólnie z klastrem z Owernii.",
        },
        "results": {
            "en": "The roadmap entered the regional strategy; two hydrogen valleys got funding.",
            "pl": "Mapa weszła do strategii regionu; dwie doliny wodorowe dostały finansowanie.",
        },
        "resources": {
            "en": "One project manager for a year, workshop costs, a modelling study.",
            "pl": "Kierownik projektu na rok, koszty warsztatów, studium modelowe.",
        },
        "transferability": {
            "en": "Any region with an energy strategy under review.",
            "pl": "Każdy region, który przegląda strategię energetyczną.",
        },
        "indicators": [
            {"name": "Organisations involved", "value": "46", "unit": ""},
            {"name": "Investment planned", "value": "310", "unit": "million EUR"},
        ],
        "feedback": (
            "ro-energy",
            "We ran the same workshops in Bucharest-Ilfov in 2024; the roadmap is now part of "
            "the regional smart specialisation strategy. (Demo feedback.)",
            date(2024, 11, 15),
        ),
    },
    {
        "key": "b2b-matchmaking",
        "authors": ["lt-photonics", "pl-ict"],
        "countries": ["LT", "PL", "LV"],
        "sectors": ["26", "62"],
        "title": {
            "en": "A cross-border B2B matchmaking programme",
            "pl": "Transgraniczny program spotkań B2B",
        },
        "problem": {
            "en": "Members met foreign partners only at trade fairs, where meetings were "
            "short and rarely followed up.",
            "pl": "Członkowie poznawali partnerów zagranicznych tylko na targach, gdzie "
            "spotkania były krótkie i rzadko miały ciąg dalszy.",
        },
        "solution": {
            "en": "Two clusters prepare company profiles, match them in advance and host "
            "visits in Vilnius and Warsaw twice a year, with follow-up calls after a month.",
            "pl": "Dwa klastry przygotowują profile firm, dobierają pary z wyprzedzeniem i "
            "organizują wizyty w Wilnie i Warszawie dwa razy w roku, z rozmową po miesiącu.",
        },
        "results": {
            "en": "140 meetings, 19 signed agreements, one joint Horizon Europe proposal.",
            "pl": "140 spotkań, 19 podpisanych umów, jeden wspólny wniosek do Horyzontu Europa.",
        },
        "resources": {
            "en": "Half a full-time post in each cluster; travel costs shared by members.",
            "pl": "Pół etatu w każdym klastrze; koszty podróży dzielone przez członków.",
        },
        "transferability": {
            "en": "Any pair of clusters with complementary value chains.",
            "pl": "Każda para klastrów o uzupełniających się łańcuchach wartości.",
        },
        "indicators": [
            {"name": "Meetings", "value": "140", "unit": ""},
            {"name": "Agreements", "value": "19", "unit": ""},
        ],
    },
    {
        "key": "vouchers",
        "authors": ["es-digital"],
        "countries": ["ES"],
        "sectors": ["62"],
        "title": {
            "en": "Internationalisation vouchers for cluster members",
            "pl": "Bony na umiędzynarodowienie dla członków klastra",
            "es": "Bonos de internacionalización para los miembros del clúster",
        },
        "problem": {
            "en": "Small members could not pay for their first market study abroad.",
            "pl": "Małych członków nie było stać na pierwsze badanie rynku za granicą.",
        },
        "solution": {
            "en": "The cluster runs a regional voucher scheme: up to EUR 8,000 per member for "
            "market studies, fairs and partner searches, decided in two weeks.",
            "pl": "Klaster prowadzi regionalny program bonów: do 8000 EUR na członka na "
            "badania rynku, targi i poszukiwanie partnerów, z decyzją w dwa tygodnie.",
        },
        "results": {
            "en": "58 vouchers; a third of the firms now export.",
            "pl": "58 bonów; jedna trzecia firm eksportuje.",
        },
        "resources": {
            "en": "A regional fund of EUR 500,000 and a one-person secretariat.",
            "pl": "Fundusz regionalny 500 000 EUR i jednoosobowy sekretariat.",
        },
        "transferability": {
            "en": "Needs a region willing to delegate a small fund to the cluster.",
            "pl": "Wymaga regionu gotowego powierzyć klastrowi niewielki fundusz.",
        },
        "indicators": [{"name": "Vouchers granted", "value": "58", "unit": ""}],
    },
]


def _clusters():
    keys = {key for spec in PRACTICES for key in spec["authors"]} | {"ro-energy"}
    found = {
        cluster.organisation.source_id.removeprefix("demo:"): cluster
        for cluster in Cluster.objects.filter(
            is_demo=True, organisation__source_id__in=[f"demo:{key}" for key in keys]
        ).select_related("organisation")
    }
    if missing := sorted(keys - set(found)):
        raise RegistryDemoMissing(
            f"The demo clusters {', '.join(missing)} are missing: run demo_registry first."
        )
    return found


def build_practices_demo(*, rebuild=False):
    """The demo good practices, built once; returns how many exist."""
    with transaction.atomic():
        existing = GoodPractice.objects.filter(is_demo=True)
        if existing.exists():
            if not rebuild:
                return existing.count()
            remove_practices_demo()
        clusters = _clusters()
        now = timezone.now()
        for spec in PRACTICES:
            values = {
                name: spec[name]
                for name in (
                    "title",
                    "problem",
                    "solution",
                    "results",
                    "resources",
                    "transferability",
                    "indicators",
                    "countries",
                )
            }
            practice = create_practice(
                authors=[clusters[key] for key in spec["authors"]],
                by=None,
                is_demo=True,
                sectors=list(NaceSector.objects.filter(code__in=spec["sectors"])),
                **values,
            )
            # The demo's authors and secretariat are people without accounts: the cases are
            # entered as already reviewed.
            GoodPractice.objects.filter(pk=practice.pk).update(
                status=PracticeStatus.PUBLISHED, submitted_at=now, published_at=now
            )
            if feedback := spec.get("feedback"):
                key, text, adopted_on = feedback
                AdoptionFeedback.objects.create(
                    practice=practice,
                    organisation=clusters[key].organisation,
                    text=text,
                    adopted_on=adopted_on,
                )
    return len(PRACTICES)


def remove_practices_demo():
    GoodPractice.objects.filter(is_demo=True).delete()
