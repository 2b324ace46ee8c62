"""Reference data: countries, NUTS 2021 regions, NACE Rev. 2.1 sectors and topics."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from helisa.registry.models import Country, NaceSector, NutsRegion, Topic, TopicScheme

from .language import language_of
from .pagination import LimitOffset
from .schemas import READ_ERRORS, CountryOut, RegionDetail, RegionOut, SectorOut, TopicOut

router = Router(tags=["Reference data"])

LANG_NOTE = " Names are in the language given by `lang` (e.g. `?lang=pl`), else English."


class RegionFilters(Schema):
    level: int | None = None
    country: str = ""
    parent: str = ""


class SectorFilters(Schema):
    level: int | None = None
    parent: str = ""


class TopicFilters(Schema):
    scheme: TopicScheme | None = None
    q: str = ""


@router.get(
    "/countries",
    response={200: list[CountryOut], 422: READ_ERRORS[422]},
    summary="Countries",
    description="Countries by ISO code, with the code EU statistics use." + LANG_NOTE,
)
@paginate(LimitOffset)
def list_countries(request):
    return Country.objects.all()


@router.get(
    "/regions",
    response={200: list[RegionOut], 422: READ_ERRORS[422]},
    summary="NUTS 2021 regions",
    description="Regions without their boundaries; filter by `level` (0-3), `country` (ISO) "
    "and `parent` (NUTS code).",
)
@paginate(LimitOffset)
def list_regions(request, filters: Query[RegionFilters]):
    regions = NutsRegion.objects.defer("boundary")
    if filters.level is not None:
        regions = regions.filter(level=filters.level)
    if filters.country:
        regions = regions.filter(country_id=filters.country.upper())
    if filters.parent:
        regions = regions.filter(parent_id=filters.parent.upper())
    return regions


@router.get(
    "/regions/{code}",
    response={200: RegionDetail, **READ_ERRORS},
    summary="One NUTS region",
    description="A region with its boundary as a GeoJSON geometry and its bounding box.",
)
def get_region(request, code: str):
    return get_object_or_404(NutsRegion, code=code.upper())


@router.get(
    "/sectors",
    response={200: list[SectorOut], 422: READ_ERRORS[422]},
    summary="NACE Rev. 2.1 sectors",
    description="Sections (level 1), divisions, groups and classes; filter by `level` and "
    "`parent` code." + LANG_NOTE,
)
@paginate(LimitOffset)
def list_sectors(request, filters: Query[SectorFilters]):
    sectors = NaceSector.objects.all()
    if filters.level is not None:
        sectors = sectors.filter(level=filters.level)
    if filters.parent:
        sectors = sectors.filter(parent_id=filters.parent.upper())
    return sectors


@router.get(
    "/topics",
    response={200: list[TopicOut], 422: READ_ERRORS[422]},
    summary="Topics",
    description="EuroSciVoc concepts and funding-call topics; `q` matches the code or the "
    "label in the language asked for or English." + LANG_NOTE,
)
@paginate(LimitOffset)
def list_topics(request, filters: Query[TopicFilters]):
    language = language_of(request)
    topics = Topic.objects.order_by("scheme", "code")
    if filters.scheme:
        topics = topics.filter(scheme=filters.scheme)
    if filters.q:
        words = filters.q.strip()
        match = Q(code__icontains=words) | Q(**{f"label__{language}__icontains": words})
        if language != "en":
            match |= Q(label__en__icontains=words)
        topics = topics.filter(match)
    return topics
