"""Who may read an organisation's signing authorities, and who the list of those awaiting
confirmation is for (the API asks these; confirming and revoking stay in declaration_rules.py).
"""

import rules

from helisa.alliance.declaration_rules import manages_organisation, memberships_run_by
from helisa.registry.rules import is_secretariat


def _active(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def runs_alliance_with_organisation(user, organisation):
    """The secretariat of an alliance where the organisation is a member or an applicant: the
    ones who confirm its authorities (declaration_rules.runs_alliance_of_organisation)."""
    return _active(user) and (
        memberships_run_by(user).filter(cluster__organisation_id=organisation.pk).exists()
    )


@rules.predicate
def runs_an_alliance(user):
    return _active(user) and user.alliances_run.exists()


rules.add_perm(
    "alliance.view_signing_authorities",
    manages_organisation | is_secretariat | runs_alliance_with_organisation,
)
rules.add_perm("alliance.list_authorities_awaiting", is_secretariat | runs_an_alliance)
