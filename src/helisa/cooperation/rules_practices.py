"""Who may do what with good practices. The authors are cluster organisations: whoever may change
one of them in the registry (registry.change_cluster) manages the case; the secretariat moderates."""

import rules
from django.db.models import Q

from helisa.registry.models import RoleKind
from helisa.registry.rules import can_change_cluster, is_cluster_manager, is_secretariat

from .models import PracticeStatus
from .queries_practices import coauthor_invitations_for

# Authors change their case until it is sent for review, and again when it comes back.
EDITABLE_BY_AUTHORS = (PracticeStatus.DRAFT, PracticeStatus.REJECTED)


@rules.predicate
def is_practice_author(user, practice):
    if practice is None or not (user.is_authenticated and user.is_active):
        return False
    return practice.authors.filter(
        Q(organisation__owner=user)
        | Q(
            organisation__roles__user=user,
            organisation__roles__kind__in=[RoleKind.CLUSTER_MANAGER, RoleKind.CLUSTER_EDITOR],
        )
    ).exists()


@rules.predicate
def is_editable_by_authors(user, practice):
    return practice is not None and practice.status in EDITABLE_BY_AUTHORS


@rules.predicate
def is_published(user, practice):
    return practice is not None and practice.status == PracticeStatus.PUBLISHED


@rules.predicate
def is_invited_coauthor(user, practice):
    """Leads a cluster invited to co-author the case: reads it to decide."""
    return practice is not None and coauthor_invitations_for(user, practice=practice).exists()


can_manage_practice = is_practice_author | is_secretariat

# The object of add_practice is the cluster that will be an author.
rules.add_perm("cooperation.add_practice", can_change_cluster)
rules.add_perm("cooperation.manage_practice", can_manage_practice)
rules.add_perm(
    "cooperation.change_practice", (is_practice_author & is_editable_by_authors) | is_secretariat
)
rules.add_perm("cooperation.submit_practice", is_practice_author & is_editable_by_authors)
rules.add_perm("cooperation.moderate_practice", is_secretariat)
rules.add_perm(
    "cooperation.view_practice", is_published | can_manage_practice | is_invited_coauthor
)
# The object is the invitation: its cluster's owner or managers consent, nobody else for them.
rules.add_perm("cooperation.answer_coauthor_invitation", is_cluster_manager)
