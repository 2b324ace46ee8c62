"""Organisations: public reading, and writing with the same rules as the UI."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from helisa.registry.matching import find_similar_organisations
from helisa.registry.models import HelixRole, Organisation
from helisa.registry.queries import filter_organisations
from helisa.registry.services.organisations import update_organisation
from helisa.registry.services.registration import register_organisation

from .auth import signed_in
from .errors import Conflict
from .pagination import LimitOffset
from .permissions import require
from .references import resolve
from .schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    OrganisationDetail,
    OrganisationIn,
    OrganisationPatch,
    OrganisationSummary,
)

router = Router(tags=["Organisations"])


class OrganisationFilters(Schema):
    q: str = ""
    country: str = ""
    region: str = ""
    helix_role: HelixRole | None = None
    sector: str = ""
    topic: str = ""


def _detail(pk):
    return get_object_or_404(
        Organisation.objects.select_related(
            "country", "region", "cluster", "controlled_by"
        ).prefetch_related(
            "sectors",
            "topics",
            "memberships__cluster",
            Prefetch(
                "subsidiaries", Organisation.objects.only("pk", "legal_name", "controlled_by")
            ),
        ),
        pk=pk,
    )


@router.get(
    "/organisations",
    response={200: list[OrganisationSummary], 422: READ_ERRORS[422]},
    summary="List organisations",
    description="Every organisation in the registry, by legal name. `q` searches names, city "
    "and descriptions in every language, ignoring accents and case; `region` and `sector` "
    "include the regions and sectors nested in them; `topic` is a topic id or code.",
)
@paginate(LimitOffset)
def list_organisations(request, filters: Query[OrganisationFilters]):
    return filter_organisations(filters.dict())


@router.get(
    "/organisations/{int:organisation_id}",
    response={200: OrganisationDetail, **READ_ERRORS},
    summary="One organisation",
    description="An organisation with its sectors, topics, region, its own cluster profile "
    "and the clusters it belongs to. `description` is keyed by language.",
)
def get_organisation(request, organisation_id: int):
    return _detail(organisation_id)


@router.post(
    "/organisations",
    response={201: OrganisationDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Register an organisation",
    description="Any signed-in caller may register an organisation; the caller becomes its "
    "owner and representative. The region is derived from the coordinates when not given. "
    "409, listing them, when organisations of the same country have similar names, unless "
    "`not_a_duplicate` is true.",
)
def create_organisation(request, payload: OrganisationIn):
    fields = payload.dict()
    if not fields.pop("not_a_duplicate"):
        _refuse_likely_duplicates(fields["legal_name"], fields["country"])
    organisation = register_organisation(by=request.auth, **resolve(fields))
    return 201, _detail(organisation.pk)


def _refuse_likely_duplicates(name, country, exclude_pk=None):
    similar = find_similar_organisations(name=name, country=country.upper(), exclude_pk=exclude_pk)
    if similar:
        raise Conflict(
            _(
                "Organisations with similar names are in the registry; send not_a_duplicate: true "
                "if this one is different."
            ),
            [
                {
                    "field": "legal_name",
                    "message": _("Similar to organisation %(id)s, '%(name)s' (%(score)s%% alike)")
                    % {"id": other.pk, "name": other.legal_name, "score": other.similarity},
                }
                for other in similar
            ],
        )


@router.patch(
    "/organisations/{int:organisation_id}",
    response={200: OrganisationDetail, **WRITE_ERRORS},
    auth=signed_in,
    summary="Change an organisation",
    description="Changes only the fields sent. Allowed to its owner and representatives, the "
    "managers and editors of its cluster profile, and the secretariat. `sectors` and `topics` "
    "replace the whole list.",
)
def change_organisation(request, organisation_id: int, payload: OrganisationPatch):
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    require(request.auth, "registry.change_organisation", organisation)
    changes = payload.dict(exclude_unset=True)
    if not changes.pop("not_a_duplicate", False) and changes.get("legal_name"):
        country = changes.get("country") or organisation.country_id
        _refuse_likely_duplicates(changes["legal_name"], country, exclude_pk=organisation.pk)
    update_organisation(organisation=organisation, by=request.auth, **resolve(changes))
    return _detail(organisation.pk)
