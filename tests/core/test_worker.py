"""Workers beat, the health check hears them, and the daily jobs are enqueued once a day."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult, get_date_max

from helisa.core.heartbeat import Heartbeat, record_heartbeat
from helisa.core.housekeeping import keep_house
from helisa.core.models import PeriodicJob, WorkerHeartbeat
from helisa.core.periodic import JOBS, Job, claim_and_enqueue, enqueue_due_jobs, next_run_after

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
HOUSEKEEPING = Job("housekeeping", "helisa.core.tasks.housekeeping_task", datetime.time(3))
MINUTE = timezone.timedelta(minutes=1)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS


def waiting_task(*, enqueued_ago):
    result = DBTaskResult.objects.create(
        status=TaskResultStatus.READY,
        task_path="helisa.core.tasks.housekeeping_task",
        args_kwargs={"args": [], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        priority=0,
        run_after=get_date_max(),
    )
    DBTaskResult.objects.filter(pk=result.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return result


def test_a_worker_records_its_heartbeat_and_moves_it_on(db, database_tasks):
    heartbeat = Heartbeat(worker_id="w-1")
    heartbeat.beat()
    first = WorkerHeartbeat.objects.get()
    assert (first.hostname, first.pid, first.worker_id) == (
        heartbeat.hostname,
        heartbeat.pid,
        "w-1",
    )
    later = timezone.now() + MINUTE
    record_heartbeat(hostname=heartbeat.hostname, pid=heartbeat.pid, worker_id="w-1", now=later)
    beat = WorkerHeartbeat.objects.get()
    assert beat.last_seen == later and beat.started_at == first.started_at


def test_workers_on_several_machines_keep_a_row_each(db):
    record_heartbeat(hostname="worker-a", pid=10)
    record_heartbeat(hostname="worker-b", pid=10)
    record_heartbeat(hostname="worker-a", pid=10)
    assert sorted(WorkerHeartbeat.objects.values_list("hostname", flat=True)) == [
        "worker-a",
        "worker-b",
    ]


def test_health_is_ok_when_a_worker_beat_recently(db, client, database_tasks):
    record_heartbeat(hostname="worker-a", pid=1, now=timezone.now() - 2 * MINUTE)
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "worker": "ok"}


def test_health_fails_when_no_worker_was_seen_for_five_minutes(db, client, database_tasks):
    record_heartbeat(hostname="worker-a", pid=1, now=timezone.now() - 6 * MINUTE)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "error: no worker seen in 5 minutes"


def test_health_fails_when_tasks_wait_and_no_worker_ever_ran(db, client, database_tasks):
    waiting_task(enqueued_ago=60 * MINUTE)
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == (
        "error: no worker seen in 5 minutes, 1 tasks waiting"
    )


def test_health_reports_tasks_waiting_behind_a_busy_worker(
    db, client, database_tasks, django_assert_max_num_queries
):
    record_heartbeat(hostname="worker-a", pid=1)
    waiting_task(enqueued_ago=10 * MINUTE)
    waiting_task(enqueued_ago=MINUTE)
    with django_assert_max_num_queries(3):
        response = client.get("/health")
    # A busy worker is no reason to take the app servers out of the load balancer.
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == "busy: 1 tasks waiting over 5 minutes"


def test_health_needs_no_worker_with_the_immediate_backend(db, client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == "immediate"


def at(text):
    """A moment in Warsaw time, the project's TIME_ZONE."""
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def enqueued_paths():
    return list(DBTaskResult.objects.values_list("task_path", flat=True))


def test_every_scheduled_job_names_a_task():
    assert {job.name for job in JOBS} >= {"cooperation_daily", "b2b_follow_ups", "housekeeping"}
    for job in JOBS:
        assert isinstance(import_string(job.task), Task), job.task


def test_a_job_runs_next_at_its_hour_today_or_tomorrow():
    assert next_run_after(HOUSEKEEPING, at("2026-12-03 01:00")) == at("2026-12-03 03:00")
    assert next_run_after(HOUSEKEEPING, at("2026-12-03 03:00")) == at("2026-12-04 03:00")
    # Across the change to summer time, still 03:00 on the clock.
    assert next_run_after(HOUSEKEEPING, at("2027-03-27 11:00")) == at("2027-03-28 03:00")


def test_a_new_job_waits_for_its_hour(db, database_tasks):
    assert enqueue_due_jobs(now=at("2026-12-03 10:00"), jobs=[HOUSEKEEPING]) == []
    assert PeriodicJob.objects.get().next_run_at == at("2026-12-04 03:00")
    assert enqueued_paths() == []


def test_a_due_job_is_enqueued_once_and_then_waits_for_tomorrow(db, database_tasks):
    PeriodicJob.objects.create(name="housekeeping", next_run_at=at("2026-12-03 03:00"))
    now = at("2026-12-03 03:00:20")
    assert enqueue_due_jobs(now=now, jobs=[HOUSEKEEPING], by="worker-a:1") == ["housekeeping"]
    assert enqueue_due_jobs(now=now + MINUTE, jobs=[HOUSEKEEPING], by="worker-b:1") == []
    job = PeriodicJob.objects.get()
    assert (job.next_run_at, job.last_enqueued_by) == (at("2026-12-04 03:00"), "worker-a:1")
    assert enqueued_paths() == [HOUSEKEEPING.task]


def test_of_two_workers_that_saw_the_job_due_only_one_enqueues_it(db, database_tasks):
    PeriodicJob.objects.create(name="housekeeping", next_run_at=at("2026-12-03 03:00"))
    seen_by_a = PeriodicJob.objects.get()
    seen_by_b = PeriodicJob.objects.get()
    now = at("2026-12-03 03:00:05")
    assert claim_and_enqueue(seen_by_a, HOUSEKEEPING, by="a", now=now) is True
    assert claim_and_enqueue(seen_by_b, HOUSEKEEPING, by="b", now=now) is False
    assert enqueued_paths() == [HOUSEKEEPING.task]


def test_days_missed_while_no_worker_ran_are_made_up_once(db, database_tasks):
    PeriodicJob.objects.create(name="housekeeping", next_run_at=at("2026-11-20 03:00"))
    assert enqueue_due_jobs(now=at("2026-12-03 10:00"), jobs=[HOUSEKEEPING]) == ["housekeeping"]
    assert PeriodicJob.objects.get().next_run_at == at("2026-12-04 03:00")
    assert len(enqueued_paths()) == 1


def test_housekeeping_removes_expired_sessions_old_results_and_gone_workers(db):
    now = timezone.now()
    Session.objects.create(session_key="old", session_data="", expire_date=now - MINUTE)
    Session.objects.create(session_key="new", session_data="", expire_date=now + MINUTE)
    old, recent = waiting_task(enqueued_ago=MINUTE), waiting_task(enqueued_ago=MINUTE)
    DBTaskResult.objects.filter(pk=old.pk).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=now - timezone.timedelta(days=31)
    )
    DBTaskResult.objects.filter(pk=recent.pk).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=now - timezone.timedelta(days=1)
    )
    record_heartbeat(hostname="gone", pid=1, now=now - timezone.timedelta(days=2))
    record_heartbeat(hostname="alive", pid=1, now=now)
    assert keep_house(now=now) == {"sessions": 1, "task_results": 1, "workers": 1}
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]
    assert list(WorkerHeartbeat.objects.values_list("hostname", flat=True)) == ["alive"]


@pytest.mark.django_db(transaction=True)
def test_the_worker_command_runs_due_jobs_and_removes_its_heartbeat_on_exit(database_tasks):
    PeriodicJob.objects.create(name="housekeeping", next_run_at=timezone.now() - MINUTE)
    Session.objects.create(session_key="old", session_data="", expire_date=timezone.now())
    call_command("worker", batch=True, reload=False, startup_delay=False, verbosity=0)
    result = DBTaskResult.objects.get(task_path="helisa.core.tasks.housekeeping_task")
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value["sessions"] == 1
    assert PeriodicJob.objects.get(name="housekeeping").next_run_at > timezone.now()
    assert not WorkerHeartbeat.objects.exists()
