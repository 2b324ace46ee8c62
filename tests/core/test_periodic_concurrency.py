"""Eight workers see the same job due at the same moment: one enqueues it. PostgreSQL only.

On SQLite the test is skipped: its writers are serialised by the database itself, so it would
prove nothing (and an in-memory test database is not shared between connections).
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from helisa.core.models import PeriodicJob
from helisa.core.periodic import JOBS, claim_and_enqueue

WORKERS = 8

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Concurrent claims are tested on PostgreSQL (CI); SQLite serialises writers",
)


@pytest.mark.django_db(transaction=True)
def test_of_eight_workers_that_read_the_job_due_only_one_enqueues_it(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    job = next(job for job in JOBS if job.name == "housekeeping")
    PeriodicJob.objects.create(name=job.name, next_run_at=timezone.now())
    everyone_has_read = threading.Barrier(WORKERS)

    def worker(number):
        try:
            row = PeriodicJob.objects.get(name=job.name)
            everyone_has_read.wait(timeout=10)
            return claim_and_enqueue(row, job, by=f"worker-{number}", now=timezone.now())
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        claims = list(pool.map(worker, range(WORKERS)))

    assert claims.count(True) == 1
    assert DBTaskResult.objects.filter(task_path=job.task).count() == 1
