"""Calls, the consortium builder, and international projects, with the rules of the UI."""

from datetime import date
from decimal import Decimal

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from helisa.cooperation.models import Call, Project, ProjectStatus
from helisa.cooperation.queries_projects import open_calls, project_with_partners, public_projects
from helisa.cooperation.services import consortia as consortium_services
from helisa.cooperation.services.projects import change_status
from helisa.registry.models import Organisation

from .auth import SessionAuth, TokenAuth, signed_in
from .pagination import LimitOffset
from .permissions import require
from .schemas import READ_ERRORS, WRITE_ERRORS

router = Router(tags=["Consortia and projects"])


def _anonymous(request):
    return AnonymousUser()


maybe_signed_in = [TokenAuth(), SessionAuth(), _anonymous]


class CallOut(Schema):
    id: int
    name: dict
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


class ConsortiumIn(Schema):
    start_organisation_id: int


class MemberOut(Schema):
    organisation_id: int
    name: str
    country: str
    helix_role: str
    role: str
    reasons: list[str]


class ConsortiumOut(Schema):
    members: list[MemberOut]
    rules_met: list[str]
    breaches: list[str]
    differs_from: list[int]


class ProposalsOut(Schema):
    consortia: list[ConsortiumOut]
    reasons: list[str]
    seconds: float


class IdeaIn(Schema):
    call_id: int
    start_organisation_id: int
    organisation_ids: list[int]
    title: str = ""
    acronym: str = ""


class PartnerOut(Schema):
    organisation_id: int
    name: str
    country: str
    role: str
    contribution: Decimal | None


class ProjectOut(Schema):
    id: int
    title: str
    acronym: str
    call_id: int | None
    call_topic: str
    theme: str
    status: str
    budget: Decimal | None
    start_date: date | None
    end_date: date | None
    partners: list[PartnerOut]

    @staticmethod
    def resolve_partners(obj):
        return [
            {
                "organisation_id": p.organisation_id,
                "name": str(p.organisation),
                "country": p.organisation.country_id,
                "role": p.role,
                "contribution": p.contribution,
            }
            for p in obj.partners.all()
        ]


class ProjectFilters(Schema):
    q: str = ""
    country: str = ""
    theme: str = ""
    status: str = ""


class StatusIn(Schema):
    status: ProjectStatus


def _consortium(shown):
    return {
        "members": [
            {
                "organisation_id": organisation.pk,
                "name": str(organisation),
                "country": organisation.country_id,
                "helix_role": organisation.helix_role,
                "role": role,
                "reasons": [str(sentence) for sentence in sentences],
            }
            for organisation, role, sentences in shown.members
        ],
        "rules_met": [str(line) for line in shown.rules_met],
        "breaches": [str(line) for line in shown.breaches],
        "differs_from": [number for number, _left in shown.differs_from],
    }


def _start(user, pk):
    start = get_object_or_404(Organisation, pk=pk)
    require(user, "cooperation.build_consortium", start)
    return start


@router.get(
    "/calls",
    response=list[CallOut],
    summary="List calls",
    description="Funding calls and custom calls with their consortium rules, by deadline.",
)
@paginate(LimitOffset)
def list_calls(request):
    return open_calls()


@router.get(
    "/calls/{int:call_id}",
    response={200: CallOut, **READ_ERRORS},
    summary="One call",
    description="A call and the rules a consortium must meet.",
)
def get_call(request, call_id: int):
    return get_object_or_404(Call, pk=call_id)


@router.post(
    "/calls/{int:call_id}/consortia",
    response={200: ProposalsOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Propose five consortia",
    description="For an organisation the caller represents, as coordinator: up to five "
    "consortia meeting the call's rules, each differing from the others in at least two "
    "partners, each explained; none, with the reasons, when the rules cannot be met.",
)
def propose(request, call_id: int, payload: ConsortiumIn):
    call = get_object_or_404(Call, pk=call_id)
    start = _start(request.auth, payload.start_organisation_id)
    shown, reasons, outcome = consortium_services.propose(call=call, start=start)
    return {
        "consortia": [_consortium(consortium) for consortium in shown],
        "reasons": [str(reason) for reason in reasons],
        "seconds": round(outcome.seconds, 3),
    }


@router.post(
    "/projects",
    response={201: ProjectOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Save a consortium as a project idea",
    description="The starting organisation coordinates; refused with every broken rule (422) "
    "unless the consortium meets the call's rules.",
)
def save_idea(request, payload: IdeaIn):
    call = get_object_or_404(Call, pk=payload.call_id)
    start = _start(request.auth, payload.start_organisation_id)
    project = consortium_services.save_idea(
        call=call,
        start=start,
        organisation_ids=payload.organisation_ids,
        by=request.auth,
        title=payload.title[:300],
        acronym=payload.acronym[:40],
    )
    return 201, project_with_partners(project.pk)


@router.get(
    "/projects",
    response=list[ProjectOut],
    summary="List cross-border projects",
    description="Funded, running and completed projects with partners from two countries or "
    "more; `country` is a partner's country, `theme` the call's family (e.g. SC5).",
)
@paginate(LimitOffset)
def list_projects(request, filters: Query[ProjectFilters]):
    return public_projects(filters.dict()).prefetch_related("partners__organisation")


@router.get(
    "/projects/{int:project_id}",
    response={200: ProjectOut, **READ_ERRORS},
    auth=maybe_signed_in,
    summary="One project",
    description="Ideas and proposals only for the coordinator's representatives.",
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
