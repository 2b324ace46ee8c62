"""Who may import what, and who may see an import.

Plain functions rather than predicates in registry/rules.py, which the editing work owns; the
cluster and organisation questions are asked through its permissions so there is one answer.
"""

from allauth.account.models import EmailAddress
from django.db.models import Q

from helisa.registry.models import Cluster, ImportKind, RoleKind


def has_verified_email(user):
    return bool(
        user.is_authenticated
        and user.is_active
        and EmailAddress.objects.filter(user=user, verified=True).exists()
    )


def can_import(user, kind, cluster=None):
    """Anyone with a verified email may import organisations and clusters; members of a
    cluster are imported only by its managers and editors, or the secretariat."""
    if not (getattr(user, "is_secretariat", False) or has_verified_email(user)):
        return False
    if kind == ImportKind.MEMBERSHIPS:
        return cluster is not None and can_import_memberships(user, cluster)
    return True


def can_import_memberships(user, cluster):
    return user.has_perm("registry.change_cluster", cluster)


def can_change_organisation(user, organisation):
    return user.has_perm("registry.change_organisation", organisation)


def clusters_open_to_imports_by(user):
    clusters = Cluster.objects.select_related("organisation")
    if user.is_secretariat:
        return clusters
    return clusters.filter(
        Q(organisation__owner=user)
        | Q(
            organisation__roles__user=user,
            organisation__roles__kind__in=[RoleKind.CLUSTER_MANAGER, RoleKind.CLUSTER_EDITOR],
        )
    ).distinct()


def can_see_batch(user, batch):
    return user.is_authenticated and (batch.created_by_id == user.pk or user.is_secretariat)


def batches_visible_to(user, queryset):
    if user.is_secretariat:
        return queryset
    return queryset.filter(created_by=user)
