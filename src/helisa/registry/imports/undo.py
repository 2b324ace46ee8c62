"""Undoing a whole import: delete what it created, restore what it changed, from its history.

An undo that would destroy later work is refused as a whole, naming each record that was
changed after the import, so that nobody loses a claim, a role or an edit to an undo.
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from helisa.registry.models import (
    ChangeRecord,
    Cluster,
    ImportBatch,
    ImportStatus,
    Membership,
    Organisation,
)
from helisa.registry.services.clusters import refresh_validation
from helisa.registry.services.history import snapshot
from helisa.registry.services.organisations import update_organisation

Action = ChangeRecord.Action


class UndoRefused(Exception):
    def __init__(self, reasons):
        self.reasons = reasons
        super().__init__("; ".join(reasons))


def _ids(records, record_type, action):
    return [
        int(record.record_id)
        for record in records
        if record.record_type == record_type and record.action == action
    ]


def _blockers(batch, records, created_orgs, created_clusters, updated_orgs):
    last = max(record.pk for record in records)
    later = (
        ChangeRecord.objects.filter(pk__gt=last)
        .exclude(import_batch=batch)
        .filter(
            Q(
                record_type="organisation",
                record_id__in=[str(pk) for pk in created_orgs + updated_orgs],
            )
            | Q(record_type="cluster", record_id__in=[str(pk) for pk in created_clusters])
        )
    )
    reasons = [
        _("%(type)s %(id)s was changed after the import")
        % {
            "type": _("Organisation") if record.record_type == "organisation" else _("Cluster"),
            "id": record.record_id,
        }
        for record in later.distinct()
    ]
    claimed = Organisation.objects.filter(pk__in=created_orgs).filter(
        Q(owner__isnull=False) | Q(roles__isnull=False) | Q(claims__isnull=False)
    )
    reasons += [
        _("Organisation %(id)s has been claimed or has representatives") % {"id": pk}
        for pk in claimed.values_list("pk", flat=True).distinct()
    ]
    joined = Membership.objects.filter(
        Q(member__in=created_orgs) | Q(cluster__in=created_orgs)
    ).exclude(import_batch=batch)
    reasons += [
        _("Organisation %(id)s has memberships added after the import") % {"id": pk}
        for pk in joined.values_list("member_id", flat=True).distinct()
    ]
    controlling = Organisation.objects.filter(subsidiaries__isnull=False, pk__in=created_orgs)
    reasons += [
        _("Organisation %(id)s has been named as controlling another since the import") % {"id": pk}
        for pk in controlling.values_list("pk", flat=True).distinct()
    ]
    profiles = Cluster.objects.filter(pk__in=created_orgs).exclude(pk__in=created_clusters)
    reasons += [
        _("Organisation %(id)s has a cluster profile added after the import") % {"id": pk}
        for pk in profiles.values_list("pk", flat=True)
    ]
    return sorted(set(reasons))


def _deletion_records(instances, *, by, organisation_of):
    return [
        ChangeRecord(
            organisation_id=organisation_of(instance),
            record_type=instance._meta.model_name,
            record_id=str(instance.pk),
            action=Action.DELETED,
            changes={
                name: [value, None]
                for name, value in snapshot(instance).items()
                if value not in ("", None)
            },
            by=by,
        )
        for instance in instances
    ]


def _restore(organisation, changes, *, by):
    fields, related = {}, {}
    for name, (before, _after) in changes.items():
        if name in ("sectors", "topics"):
            related[name] = before
        else:
            fields[Organisation._meta.get_field(name).attname] = before
    update_organisation(organisation=organisation, by=by, **related, **fields)


@transaction.atomic
def undo_batch(*, batch, by):
    records = list(batch.changes.order_by("pk"))
    created_orgs = _ids(records, "organisation", Action.CREATED)
    created_clusters = _ids(records, "cluster", Action.CREATED)
    created_memberships = _ids(records, "membership", Action.CREATED)
    updates = [r for r in records if r.record_type == "organisation" and r.action == Action.UPDATED]
    updated_orgs = [int(record.record_id) for record in updates]
    if records:
        reasons = _blockers(batch, records, created_orgs, created_clusters, updated_orgs)
        if reasons:
            raise UndoRefused(reasons)

    memberships = list(Membership.objects.filter(pk__in=created_memberships, import_batch=batch))
    deletions = _deletion_records(memberships, by=by, organisation_of=lambda m: m.cluster_id)
    Membership.objects.filter(pk__in=[m.pk for m in memberships]).delete()
    for cluster in Cluster.objects.filter(pk__in={m.cluster_id for m in memberships}):
        refresh_validation(cluster)

    clusters = list(Cluster.objects.filter(pk__in=created_clusters))
    deletions += _deletion_records(clusters, by=by, organisation_of=lambda c: c.pk)
    Cluster.objects.filter(pk__in=created_clusters).delete()

    by_pk = Organisation.objects.in_bulk(updated_orgs)
    for record in reversed(updates):
        if record.record_id and int(record.record_id) in by_pk:
            _restore(by_pk[int(record.record_id)], record.changes, by=by)

    organisations = list(Organisation.objects.filter(pk__in=created_orgs, import_batch=batch))
    deletions += _deletion_records(organisations, by=by, organisation_of=lambda o: None)
    Organisation.objects.filter(pk__in=[o.pk for o in organisations]).delete()
    ChangeRecord.objects.bulk_create(deletions, batch_size=1000)

    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.UNDONE, undone_at=timezone.now()
    )
    batch.refresh_from_db()
    return batch
