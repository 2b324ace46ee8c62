"""What every B2B endpoint looks up first: the congress, the caller's own participation, and a
runner that turns a service's refusal of a clash with what is stored into a 409."""

from django.shortcuts import get_object_or_404

from helisa.congress import b2b_queries as queries
from helisa.congress.models import Congress

from .errors import conflicts_as_409
from .permissions import require

CONFLICTS = {
    "exists",
    "cap_reached",
    "closed",
    "transition_not_allowed",
    "full",
    "busy",
    "stale",
    "not_confirmed",
}

run_service = conflicts_as_409(CONFLICTS)


def congress_or_404(slug):
    return get_object_or_404(Congress, slug=slug)


def me_or_404(request, congress):
    """The caller's active participation (not withdrawn, registration confirmed), else 404."""
    return get_object_or_404(
        queries.participants(congress).select_related("congress"),
        registration__user=request.auth,
    )


def organised(request, slug):
    """The congress, for its organisers only (the pages' rule congress.run_b2b), else 403."""
    congress = congress_or_404(slug)
    require(request.auth, "congress.run_b2b", congress)
    return congress
