"""Who may do what, as named predicates. Views, the API and services ask
`user.has_perm("registry.<name>", obj)`; the object may be an organisation or its cluster."""

import rules

from helisa.registry.models import Cluster, Role, RoleKind


def _organisation_of(obj):
    return obj.organisation if isinstance(obj, Cluster) else obj


def _cluster_of(obj):
    if obj is None or isinstance(obj, Cluster):
        return obj
    return getattr(obj, "cluster", None)


def _has_role(user, organisation, kinds):
    if not (user.is_authenticated and user.is_active) or organisation is None:
        return False
    return Role.objects.filter(user=user, organisation=organisation, kind__in=kinds).exists()


def _owns(user, organisation):
    return (
        user.is_authenticated
        and user.is_active
        and organisation is not None
        and organisation.owner_id == user.pk
    )


@rules.predicate
def is_secretariat(user):
    return bool(user.is_authenticated and user.is_active and user.is_secretariat)


@rules.predicate
def is_organisation_representative(user, organisation):
    organisation = _organisation_of(organisation)
    return _owns(user, organisation) or _has_role(user, organisation, [RoleKind.REPRESENTATIVE])


@rules.predicate
def is_cluster_manager(user, cluster):
    cluster = _cluster_of(cluster)
    if cluster is None:
        return False
    # Whoever owns a cluster organisation manages its cluster.
    return _owns(user, cluster.organisation) or _has_role(
        user, cluster.organisation, [RoleKind.CLUSTER_MANAGER]
    )


@rules.predicate
def is_cluster_editor(user, cluster):
    cluster = _cluster_of(cluster)
    if cluster is None:
        return False
    return _has_role(user, cluster.organisation, [RoleKind.CLUSTER_EDITOR])


can_change_cluster = is_cluster_manager | is_cluster_editor | is_secretariat
can_change_organisation = is_organisation_representative | can_change_cluster


@rules.predicate
def can_manage_organisation_roles(user, organisation):
    if _cluster_of(organisation) is not None:
        return is_cluster_manager(user, organisation)
    return is_organisation_representative(user, organisation)


rules.add_perm("registry.change_organisation", can_change_organisation)
rules.add_perm("registry.change_cluster", can_change_cluster)
rules.add_perm("registry.manage_cluster_roles", is_cluster_manager | is_secretariat)
rules.add_perm("registry.manage_organisation_roles", can_manage_organisation_roles | is_secretariat)
rules.add_perm("registry.review_cluster", is_secretariat)
rules.add_perm("registry.decide_claim", is_secretariat)
rules.add_perm("registry.view_history", can_change_organisation)
rules.add_perm("registry.add_members", can_change_cluster)
rules.add_perm("registry.view_secretariat", is_secretariat)
