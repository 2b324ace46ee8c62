"""The history of registry records: every change is kept with who, when and what."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models

from helisa.registry.models import ChangeRecord


def snapshot(instance, fields=None):
    """Plain values of a record's concrete fields, for comparing before and after a change."""
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in ("search_text", "created_at", "updated_at") or (
            fields and field.name not in fields
        ):
            continue
        value = getattr(instance, field.attname)
        values[field.name] = _plain(value)
    return values


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def diff(before, after):
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def record_change(*, instance, action, by, changes, organisation=None, import_batch=None):
    if action == ChangeRecord.Action.UPDATED and not changes:
        return None
    return ChangeRecord.objects.create(
        organisation=organisation,
        record_type=instance._meta.model_name,
        record_id=str(instance.pk),
        action=action,
        changes=changes,
        by=by,
        import_batch=import_batch,
    )
