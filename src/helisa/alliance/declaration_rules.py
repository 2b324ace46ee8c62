"""Who may manage declarations, confirm signing authorities and revoke signatures.

Imported by the declaration views, services and API (rules' autodiscovery reads only rules.py).
The secretariat is the platform's (User.is_secretariat) or an alliance's own (Alliance.secretariat).
"""

import rules

from helisa.alliance.models import (
    Alliance,
    AllianceMember,
    Declaration,
    DeclarationVersion,
    MemberState,
    Signature,
    SigningAuthority,
)
from helisa.registry.rules import is_secretariat


def _alliance_of(obj):
    if isinstance(obj, Alliance):
        return obj
    if isinstance(obj, Declaration):
        return obj.alliance
    if isinstance(obj, DeclarationVersion):
        return obj.declaration.alliance
    if isinstance(obj, Signature):
        return obj.version.declaration.alliance
    return None


def _active(user):
    return user.is_authenticated and user.is_active


@rules.predicate
def runs_alliance(user, obj):
    alliance = _alliance_of(obj)
    return bool(_active(user) and alliance and alliance.secretariat.filter(pk=user.pk).exists())


# Whose signing authorities an alliance's secretariat looks after: those of its members, and of
# its applicants, so that an applicant's representative is ready to sign once it is accepted.
# A rejected, suspended or departed member's authorities are no longer that secretariat's
# business (the platform secretariat still is).
AUTHORITY_STATES = (MemberState.APPLICANT, MemberState.MEMBER)


def memberships_run_by(user):
    """The memberships (applicant or member) of the alliances whose secretariat `user` is in."""
    return AllianceMember.objects.filter(alliance__secretariat=user, state__in=AUTHORITY_STATES)


@rules.predicate
def runs_alliance_of_organisation(user, authority):
    """The secretariat of an alliance where the organisation is a member or an applicant.

    A signing authority belongs to the organisation, not to one alliance: it says who may sign
    for it. Any such secretariat may read the mandate, confirm and revoke it; signing a
    declaration then needs, besides the authority, active membership of that declaration's
    alliance (services.signing), so a confirmation by one alliance never lets an organisation
    sign in an alliance it has not joined."""
    if not (_active(user) and isinstance(authority, SigningAuthority)):
        return False
    return (
        memberships_run_by(user).filter(cluster__organisation_id=authority.organisation_id).exists()
    )


@rules.predicate
def manages_organisation(user, organisation):
    if isinstance(organisation, SigningAuthority):
        organisation = organisation.organisation
    return user.has_perm("registry.manage_organisation_roles", organisation)


rules.add_perm("alliance.manage_declarations", is_secretariat | runs_alliance)
rules.add_perm("alliance.revoke_signature", is_secretariat | runs_alliance)
rules.add_perm("alliance.grant_signing_authority", manages_organisation)
rules.add_perm("alliance.confirm_signing_authority", is_secretariat | runs_alliance_of_organisation)
rules.add_perm(
    "alliance.revoke_signing_authority",
    manages_organisation | is_secretariat | runs_alliance_of_organisation,
)
rules.add_perm(
    "alliance.view_mandate", manages_organisation | is_secretariat | runs_alliance_of_organisation
)
