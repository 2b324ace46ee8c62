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


@rules.predicate
def runs_alliance_of_organisation(user, authority):
    """An alliance's secretariat may confirm authorities of the organisations in its alliance."""
    if not (_active(user) and isinstance(authority, SigningAuthority)):
        return False
    return AllianceMember.objects.filter(
        alliance__secretariat=user, cluster__organisation_id=authority.organisation_id
    ).exists()


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
