"""Every write to an organisation goes through these functions, so history and search stay true."""

from django.db import transaction

from helisa.core.folding import fold
from helisa.registry.models import ChangeRecord, Organisation

from .history import diff, record_change, snapshot


def search_text_for(organisation, extra=()):
    parts = [
        organisation.legal_name,
        organisation.short_name,
        organisation.city,
        organisation.postcode,
    ]
    parts += list((organisation.description or {}).values())
    cluster = getattr(organisation, "cluster", None) if organisation.pk else None
    if cluster is not None:
        parts.append(cluster.name)
    parts += list(extra)
    return fold(" ".join(part for part in parts if part))


@transaction.atomic
def create_organisation(*, by, sectors=(), topics=(), import_batch=None, **fields):
    """Create an organisation; the region is derived from the coordinates when not given."""
    organisation = Organisation(import_batch=import_batch, **fields)
    _derive_region(organisation)
    organisation.search_text = search_text_for(organisation)
    organisation.full_clean(exclude=["owner"])
    organisation.save()
    if sectors:
        organisation.sectors.set(sectors)
    if topics:
        organisation.topics.set(topics)
    record_change(
        instance=organisation,
        action=ChangeRecord.Action.CREATED,
        by=by,
        changes={
            name: [None, value]
            for name, value in snapshot(organisation).items()
            if value not in ("", None)
        },
        organisation=organisation,
        import_batch=import_batch,
    )
    return organisation


@transaction.atomic
def update_organisation(
    *, organisation, by, sectors=None, topics=None, import_batch=None, **changes
):
    before = snapshot(organisation)
    for name, value in changes.items():
        setattr(organisation, name, value)
    if {"latitude", "longitude"} & changes.keys() and "region" not in changes:
        organisation.region = None
        _derive_region(organisation)
    organisation.search_text = search_text_for(organisation)
    organisation.full_clean(exclude=["owner"])
    organisation.save()
    after = snapshot(organisation)
    delta = diff(before, after)
    if sectors is not None:
        delta.update(_set_related(organisation.sectors, sectors, "sectors"))
    if topics is not None:
        delta.update(_set_related(organisation.topics, topics, "topics"))
    record_change(
        instance=organisation,
        action=ChangeRecord.Action.UPDATED,
        by=by,
        changes=delta,
        organisation=organisation,
        import_batch=import_batch,
    )
    if "helix_role" in delta:
        _refresh_clusters_of_member(organisation)
    return organisation


def _refresh_clusters_of_member(organisation):
    """A member's helix role counts towards the ECCP rule of every cluster it belongs to."""
    from .clusters import refresh_validation  # clusters builds on this module

    for membership in organisation.memberships.select_related("cluster__organisation"):
        refresh_validation(membership.cluster)


def reindex_organisation(organisation):
    Organisation.objects.filter(pk=organisation.pk).update(
        search_text=search_text_for(organisation)
    )


def _set_related(manager, values, name):
    before = sorted(str(pk) for pk in manager.values_list("pk", flat=True))
    manager.set(values)
    after = sorted(str(pk) for pk in manager.values_list("pk", flat=True))
    return {name: [before, after]} if before != after else {}


def _derive_region(organisation):
    if organisation.region_id or organisation.latitude is None or organisation.longitude is None:
        return
    from helisa.registry.geo import region_for_point

    organisation.region = region_for_point(
        latitude=organisation.latitude,
        longitude=organisation.longitude,
        country=organisation.country_id,
    )
