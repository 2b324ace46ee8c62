"""Building a consortium for a call: five proposals, and checking one the caller edits against
the call's rules without saving it (saving is POST /projects, in consortia.py)."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema

from helisa.cooperation.models import Call
from helisa.cooperation.services import consortia as consortium_services
from helisa.registry.models import Organisation

from .auth import signed_in
from .permissions import require
from .schemas import WRITE_ERRORS

router = Router(tags=["Consortia and projects"])


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
    score: float = Field(description="Relevance plus the country and role bonuses, in points")
    optimal: bool = Field(description="False when the search stopped before proving it the best")


class CheckIn(Schema):
    start_organisation_id: int = Field(description="The coordinator, an organisation you act for")
    organisation_ids: list[int] = Field(description="The partners")


class SuggestionOut(Schema):
    organisation_id: int = Field(alias="pk")
    name: str
    country: str = Field(alias="country_id")
    helix_role: str

    @staticmethod
    def resolve_name(obj):
        return str(obj)


class CheckOut(Schema):
    meets_rules: bool = Field(description="True when no rule is broken: it may be saved")
    members: list[MemberOut]
    rules_met: list[str]
    breaches: list[str] = Field(description="Each broken rule, in words")
    suggested: list[SuggestionOut] = Field(
        description="The most relevant eligible organisations not in it yet"
    )


class ProposalsOut(Schema):
    consortia: list[ConsortiumOut]
    reasons: list[str]
    seconds: float


def _checked(shown):
    """Members and rules of a consortium, in words."""
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
    }


def _consortium(shown):
    return _checked(shown) | {
        "differs_from": [number for number, _left in shown.differs_from],
        "score": shown.score,
        "optimal": shown.optimal,
    }


def start_organisation(user, pk):
    start = get_object_or_404(Organisation, pk=pk)
    require(user, "cooperation.build_consortium", start)
    return start


def visible_call(user, pk):
    call = get_object_or_404(Call, pk=pk)
    if not user.has_perm("cooperation.view_call", call):
        raise Http404
    return call


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
    call = visible_call(request.auth, call_id)
    start = start_organisation(request.auth, payload.start_organisation_id)
    shown, reasons, outcome = consortium_services.propose(call=call, start=start)
    return {
        "consortia": [_consortium(consortium) for consortium in shown],
        "reasons": [str(reason) for reason in reasons],
        "seconds": round(outcome.seconds, 3),
    }


@router.post(
    "/calls/{int:call_id}/consortia/check",
    response={200: CheckOut, **WRITE_ERRORS},
    auth=signed_in,
    summary="Check a consortium against a call's rules",
    description="Nothing is saved. The starting organisation coordinates; each rule the "
    "consortium meets and each it breaks, in words, with each member's reasons, as the "
    "consortium page shows them; and the organisations worth adding.",
)
def check(request, call_id: int, payload: CheckIn):
    call = visible_call(request.auth, call_id)
    start = start_organisation(request.auth, payload.start_organisation_id)
    wanted = list(dict.fromkeys(payload.organisation_ids))
    found = set(Organisation.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    if missing := [str(pk) for pk in wanted if pk not in found]:
        raise ValidationError(
            {"organisation_ids": _("Unknown: %(codes)s.") % {"codes": ", ".join(missing)}}
        )
    shown, suggested = consortium_services.review(call=call, start=start, organisation_ids=wanted)
    return _checked(shown) | {"meets_rules": not shown.breaches, "suggested": suggested}
