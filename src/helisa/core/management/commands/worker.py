import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from helisa.core.heartbeat import Heartbeat


class Command(DatabaseWorkerCommand):
    help = (
        "Run a background worker (several may run at once, on several machines): it processes "
        "the task queue, records a heartbeat for the health check and enqueues the daily jobs."
    )

    def handle(self, *args, **options):
        if options["reload"] and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # This process only restarts the real worker, its child, on code changes.
            return super().handle(*args, **options)
        heartbeat = Heartbeat(worker_id=options["worker_id"])
        # The first beat before the first task: due jobs are in the queue when it starts.
        heartbeat.beat()
        heartbeat.start()
        try:
            return super().handle(*args, **options)
        finally:
            heartbeat.stop()
