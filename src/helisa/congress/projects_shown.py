"""The cross-border projects a congress's participants take part in, for its overview page.

Sessions name no projects (there is no link between them in the data); what a congress can show
without one is the public projects whose partners include the organisations its participants
registered for.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from helisa.cooperation.models import ProjectPartner
from helisa.cooperation.queries_projects import public_projects

from .models import Registration, RegistrationStatus

SHOWN = 10


@dataclass(frozen=True)
class ParticipantsProjects:
    projects: list  # Project, each with .participant_partners (ProjectPartner, organisation)
    more: bool  # more projects than shown
    countries: list  # ISO codes of the participants' organisations in the shown projects


def participants_projects(congress, *, limit=SHOWN):
    """Up to `limit` public cross-border projects of the organisations registered for the
    congress (cancelled registrations left out); two queries whatever the numbers."""
    organisations = (
        Registration.objects.filter(congress=congress, organisation__isnull=False)
        .exclude(status=RegistrationStatus.CANCELLED)
        .values("organisation_id")
    )
    partners = ProjectPartner.objects.filter(organisation__in=organisations).select_related(
        "organisation"
    )
    projects = list(
        public_projects()
        .filter(pk__in=partners.values("project_id"))
        .prefetch_related(Prefetch("partners", queryset=partners, to_attr="participant_partners"))[
            : limit + 1
        ]
    )
    if not projects:
        return ParticipantsProjects(projects=[], more=False, countries=[])
    shown = projects[:limit]
    countries = sorted(
        {p.organisation.country_id for project in shown for p in project.participant_partners}
    )
    return ParticipantsProjects(projects=shown, more=len(projects) > limit, countries=countries)
