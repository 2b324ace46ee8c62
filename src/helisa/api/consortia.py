"""Calls, the consortium builder, and international projects, with the rules of the UI."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.errors import AuthenticationError
from ninja.pagination import paginate

from helisa.cooperation.models import (
    CountryList,
    ProgrammeKind,
    Project,
    ProjectStatus,
)
from helisa.cooperation.queries_projects import (
    my_projects,
    open_calls,
    project_with_partners,
    public_projects,
)
from helisa.cooperation.services import calls as call_services
from helisa.cooperation.services.projects import change_project, change_status

from . import cooperation_consortia, projects_create
from .auth import SessionAuth, TokenAuth, signed_in
from .cooperation_consortia import visible_call
from .pagination import LimitOffset
from .permissions import require
from .projects_create import partners_from
from .projects_schemas import ProjectIn, ProjectOut, ProjectPatch
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Consortia and projects"])
# Proposing and checking consortia, in a module of its own.
router.add_router("", cooperation_consortia.router)


def _anonymous(request):
    return AnonymousUser()


maybe_signed_in = [TokenAuth(), SessionAuth(), _anonymous]


class CallOut(Schema):
    id: int
    name: dict
    description: dict
    is_public: bool
    kind: str
    topic_code: str
    deadline: date | None
    min_partners: int
    max_partners: int
    min_countries: int
    eligible_list: str
    eligible_countries: list
    min_in_member_states: int
    required_roles: dict
    programme_regions: list
    min_cluster_organisations: int
    min_cluster_countries: int
    counts_independent_entities: bool


class CallIn(Schema):
    """A new call: the values left out come from the programme's ready rules."""

    kind: ProgrammeKind
    name: dict[str, str]
    description: dict[str, str] = {}
    topic_code: str = ""
    deadline: date | None = None
    min_partners: int | None = None
    max_partners: int | None = None
    min_countries: int | None = None
    eligible_list: CountryList | None = None
    eligible_countries: list[str] | None = None
    min_in_member_states: int | None = None
    required_roles: dict[str, int] | None = None
    programme_regions: list[str] | None = None
    min_cluster_organisations: int | None = None
    min_cluster_countries: int | None = None
    counts_independent_entities: bool | None = None


class CallPatch(Schema):
    """The values to change; the others stay."""

    kind: ProgrammeKind | None = None
    name: dict[str, str] | None = None
    description: dict[str, str] | None = None
    topic_code: str | None = None
    deadline: date | None = None
    min_partners: int | None = None
    max_partners: int | None = None
    min_countries: int | None = None
    eligible_list: CountryList | None = None
    eligible_countries: list[str] | None = None
    min_in_member_states: int | None = None
    required_roles: dict[str, int] | None = None
    programme_regions: list[str] | None = None
    min_cluster_organisations: int | None = None
    min_cluster_countries: int | None = None
    counts_independent_entities: bool | None = None


class ProjectFilters(Schema):
    mine: bool = False
    q: str = ""
    country: str = ""
    theme: str = ""
    status: str = ""


class StatusIn(Schema):
    status: ProjectStatus


@router.get(
    "/calls",
    response=list[CallOut],
    auth=maybe_signed_in,
    summary="List calls",
    description="Funding calls and custom calls with their consortium rules, by deadline.",
)
@paginate(LimitOffset)
def list_calls(request):
    return open_calls(request.auth)


@router.get(
    "/calls/{int:call_id}",
    response={200: CallOut, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One call",
    description="A call and the rules a consortium must meet; a custom call only for its author.",
)
def get_call(request, call_id: int):
    return visible_call(request.auth, call_id)


@router.post(
    "/calls",
    response={201: CallOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Create a call",
    description="Starts from the programme's ready rules (Horizon Europe, Interreg, cluster "
    "partnership), which the values given override but may not weaken. The secretariat creates "
    "calls of every programme, listed for everyone; any signed-in user a `custom` call of their "
    "own, seen only by them and the secretariat.",
)
def create_call(request, payload: CallIn):
    require(request.auth, "cooperation.add_call", payload.kind)
    values = payload.dict(exclude_none=True)
    kind = values.pop("kind")
    return Status(201, call_services.create_call(by=request.auth, kind=kind, **values))


@router.patch(
    "/calls/{int:call_id}",
    response={200: CallOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a call",
    description="The values given change; the programme's rules still hold afterwards. By the "
    "secretariat, or the author of a custom call.",
)
def patch_call(request, call_id: int, payload: CallPatch):
    call = visible_call(request.auth, call_id)
    require(request.auth, "cooperation.change_call", call)
    values = {
        name: value
        for name, value in payload.dict(exclude_unset=True).items()
        if value is not None or name == "deadline"
    }
    return call_services.change_call(call=call, by=request.auth, **values)


@router.post(
    "/projects",
    response={201: ProjectOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Record a project, or save a consortium as a project idea",
    description="With `partners`: a project that exists, at any status, recorded by someone of "
    "one of its partners; exactly one coordinator, no partner twice, a budget of 0 or more and an "
    "end after the start, or 422 naming each wrong field. With `call_id`, "
    "`start_organisation_id` and `organisation_ids`: a consortium from the builder saved as an "
    "idea, the starting organisation coordinating; refused with every broken rule (422) unless "
    "it meets the call's rules.",
)
def post_project(request, payload: ProjectIn):
    project = projects_create.create(request.auth, payload)
    return Status(201, project_with_partners(project.pk))


@router.get(
    "/projects",
    response=list[ProjectOut],
    auth=maybe_signed_in,
    summary="List cross-border projects, or my projects",
    description="Funded, running and completed projects with partners from two countries or "
    "more; `country` is a partner's country, `theme` the call's family (e.g. SC5). With "
    "`mine=1` (signed in): instead the projects of the organisations the caller acts for and "
    "those the caller created, of any status.",
)
@paginate(LimitOffset)
def list_projects(request, filters: Query[ProjectFilters]):
    if filters.mine:
        if not request.auth.is_authenticated:
            raise AuthenticationError()
        projects = my_projects(request.auth)
    else:
        projects = public_projects(filters.dict())
    return projects.prefetch_related("partners__organisation")


@router.get(
    "/projects/{int:project_id}",
    response={200: ProjectOut, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One project",
    description="Ideas and proposals only for their consortium: the people of its partners and "
    "whoever recorded it.",
)
def get_project(request, project_id: int):
    try:
        project = project_with_partners(project_id)
    except Project.DoesNotExist:
        raise Http404 from None
    if not request.auth.has_perm("cooperation.view_project", project):
        raise Http404
    return project


@router.patch(
    "/projects/{int:project_id}",
    response={200: ProjectOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a project",
    description="Title, acronym, budget, dates and partners (exactly one coordinator); by the "
    "coordinator's representatives. The status changes through /status.",
)
def patch_project(request, project_id: int, payload: ProjectPatch):
    project = get_object_or_404(Project, pk=project_id)
    require(request.auth, "cooperation.change_project", project)
    values = payload.dict(exclude_unset=True)
    values.pop("partners", None)
    partners = None if payload.partners is None else partners_from(payload.partners)
    for name in ("title", "acronym"):
        if name in values and values[name] is None:
            values[name] = ""
    change_project(project=project, by=request.auth, partners=partners, **values)
    return project_with_partners(project.pk)


@router.patch(
    "/projects/{int:project_id}/status",
    response={200: ProjectOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change a project's status",
    description="idea -> proposal -> funded -> running -> completed (a proposal may go back to "
    "idea); by the coordinator's representatives.",
)
def patch_status(request, project_id: int, payload: StatusIn):
    project = get_object_or_404(Project, pk=project_id)
    require(request.auth, "cooperation.change_project", project)
    change_status(project=project, to=payload.status, by=request.auth)
    return project_with_partners(project.pk)
