"""Who may run an alliance, apply to one and vote in it, as named predicates.

The object is an alliance, or anything that belongs to one (a member, a ballot, a document);
"alliance.apply" asks about the cluster that would apply.
"""

import rules
from django.db.models import Q

from helisa.alliance.models import Alliance, AllianceDocument, AllianceMember, Ballot, MemberState
from helisa.registry.models import Role, RoleKind
from helisa.registry.rules import is_cluster_manager, is_secretariat


def alliance_of(obj):
    if isinstance(obj, Alliance):
        return obj
    if isinstance(obj, AllianceMember | AllianceDocument):
        return obj.alliance
    if isinstance(obj, Ballot):
        return obj.application.alliance
    return None


def _active(user):
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_alliance_secretariat(user, obj):
    alliance = alliance_of(obj)
    return bool(
        _active(user) and alliance is not None and alliance.secretariat.filter(pk=user.pk).exists()
    )


def managed_active_members(user, alliance):
    """The alliance's active members whose cluster `user` manages (as owner or cluster manager)."""
    if not _active(user):
        return AllianceMember.objects.none()
    managed = Role.objects.filter(user=user, kind=RoleKind.CLUSTER_MANAGER).values(
        "organisation_id"
    )
    return AllianceMember.objects.filter(alliance=alliance, state=MemberState.MEMBER).filter(
        Q(cluster__organisation__in=managed) | Q(cluster__organisation__owner=user)
    )


@rules.predicate
def manages_active_member(user, obj):
    alliance = alliance_of(obj)
    return alliance is not None and managed_active_members(user, alliance).exists()


can_run_alliance = is_secretariat | is_alliance_secretariat

rules.add_perm("alliance.run_alliance", can_run_alliance)
# The platform hosts every alliance: its secretariat decides which ones are founded here.
rules.add_perm("alliance.found_alliance", is_secretariat)
rules.add_perm("alliance.change_alliance", can_run_alliance)
rules.add_perm("alliance.apply", is_cluster_manager)
rules.add_perm("alliance.vote", manages_active_member)
