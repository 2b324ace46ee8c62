"""Routine jobs that the workers enqueue once a day, however many workers run.

Each job has a row with its next run. A worker claims a due run by moving next_run_at on with an
update conditioned on the value it read: of several workers that read the same row, exactly one
updates it, on SQLite and PostgreSQL alike, and only that one enqueues the task. A run missed while
no worker ran is made up once, not once per day missed.

Tasks are named by their import path: the worker is where the apps meet (as settings and URLs
are), and core imports nothing from the apps above it.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from helisa.core.models import PeriodicJob


@dataclass(frozen=True)
class Job:
    name: str
    task: str
    at: datetime.time  # local time (TIME_ZONE), every day


JOBS = (
    Job("housekeeping", "helisa.core.tasks.housekeeping_task", datetime.time(2, 30)),
    Job("cooperation_daily", "helisa.cooperation.tasks.cooperation_daily_task", datetime.time(3)),
    Job("b2b_follow_ups", "helisa.congress.tasks.send_follow_ups_task", datetime.time(9)),
)


def next_run_after(job, moment):
    local = timezone.localtime(moment)
    run = local.replace(hour=job.at.hour, minute=job.at.minute, second=0, microsecond=0)
    while run <= local:
        run = timezone.make_aware(
            datetime.datetime.combine(run.date() + datetime.timedelta(days=1), job.at)
        )
    return run


def enqueue_due_jobs(*, by="", now=None, jobs=None):
    """Enqueue every job that is due and that no other worker claimed first; their names."""
    now = now or timezone.now()
    jobs = {job.name: job for job in (JOBS if jobs is None else jobs)}
    rows = {row.name: row for row in PeriodicJob.objects.filter(name__in=jobs)}
    missing = [
        PeriodicJob(name=name, next_run_at=next_run_after(job, now))
        for name, job in jobs.items()
        if name not in rows
    ]
    PeriodicJob.objects.bulk_create(missing, ignore_conflicts=True)
    return [
        row.name
        for row in rows.values()
        if row.next_run_at <= now and claim_and_enqueue(row, jobs[row.name], by=by, now=now)
    ]


def claim_and_enqueue(row, job, *, by, now):
    with transaction.atomic():
        claimed = PeriodicJob.objects.filter(pk=row.pk, next_run_at=row.next_run_at).update(
            next_run_at=next_run_after(job, now), last_enqueued_at=now, last_enqueued_by=by[:300]
        )
        if claimed:
            import_string(job.task).enqueue()
    return bool(claimed)
