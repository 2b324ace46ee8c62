"""Workers say they are alive, so the health check knows one is running, on whichever machine.

Each worker process keeps one row (host name and process id) whose last_seen it moves on every
HEARTBEAT_SECONDS from a thread beside the task loop, so a long task does not silence it.
"""

import logging
import os
import socket
import threading

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone

from helisa.core.models import WorkerHeartbeat
from helisa.core.periodic import enqueue_due_jobs

HEARTBEAT_SECONDS = 30
SILENT_AFTER = timezone.timedelta(minutes=5)
FORGOTTEN_AFTER = timezone.timedelta(days=1)

logger = logging.getLogger(__name__)


def record_heartbeat(*, hostname, pid, worker_id="", now=None):
    now = now or timezone.now()
    seen = WorkerHeartbeat.objects.filter(hostname=hostname, pid=pid).update(
        last_seen=now, worker_id=worker_id
    )
    if not seen:
        WorkerHeartbeat.objects.create(
            hostname=hostname, pid=pid, worker_id=worker_id, started_at=now, last_seen=now
        )


def forget_worker(*, hostname, pid):
    WorkerHeartbeat.objects.filter(hostname=hostname, pid=pid).delete()


def forget_silent_workers(*, now=None):
    """Rows of workers that stopped without saying so (killed, machine gone)."""
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(last_seen__lt=now - FORGOTTEN_AFTER).delete()[0]


def worker_status(*, now=None):
    """ "ok", "immediate" (no worker needed), "busy: ..." (work waits) or "error: ..."."""
    if "immediate" in settings.TASKS["default"]["BACKEND"].lower():
        return "immediate"
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    minutes = int(SILENT_AFTER.total_seconds() // 60)
    seen = WorkerHeartbeat.objects.filter(last_seen__gte=now - SILENT_AFTER).exists()
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=now - SILENT_AFTER).count()
    if not seen:
        waits = f", {waiting} tasks waiting" if waiting else ""
        return f"error: no worker seen in {minutes} minutes{waits}"
    if waiting:
        return f"busy: {waiting} tasks waiting over {minutes} minutes"
    return "ok"


class Heartbeat(threading.Thread):
    """Beats, and enqueues the routine jobs that are due, every few seconds until stopped."""

    def __init__(self, *, worker_id, every=HEARTBEAT_SECONDS):
        super().__init__(name="helisa-heartbeat", daemon=True)
        self.hostname = socket.gethostname()[:255]
        self.pid = os.getpid()
        self.worker_id = worker_id
        self.every = every
        self.stopped = threading.Event()

    @property
    def label(self):
        return f"{self.hostname}:{self.pid}"

    def beat(self):
        try:
            record_heartbeat(hostname=self.hostname, pid=self.pid, worker_id=self.worker_id)
            enqueue_due_jobs(by=self.label)
        except Exception:  # noqa: BLE001 - a locked SQLite file, a database restart: next time
            logger.exception("Worker heartbeat failed")

    def run(self):
        while not self.stopped.wait(self.every):
            self.beat()
            connection.close()

    def stop(self):
        self.stopped.set()
        self.join(timeout=self.every)
        try:
            forget_worker(hostname=self.hostname, pid=self.pid)
        except DatabaseError:
            logger.exception("Could not remove the worker's heartbeat")
