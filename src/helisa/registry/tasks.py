"""Background work of the registry. Tasks take ids, load the objects and call a service."""

from django.contrib.auth import get_user_model
from django_tasks import task

from helisa.registry.imports import apply_import, validate_import
from helisa.registry.models import ImportBatch


@task()
def validate_import_task(batch_id):
    validate_import(batch=ImportBatch.objects.get(pk=batch_id))


@task()
def apply_import_task(batch_id, by_id=None):
    batch = ImportBatch.objects.get(pk=batch_id)
    by = get_user_model().objects.get(pk=by_id) if by_id else batch.created_by
    apply_import(batch=batch, by=by)
