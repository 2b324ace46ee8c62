"""Removing what nobody needs any more: expired sessions, old task results, gone workers."""

from django.contrib.sessions.models import Session
from django.utils import timezone

from helisa.core.heartbeat import forget_silent_workers

TASK_RESULTS_KEPT = timezone.timedelta(days=30)


def keep_house(*, now=None):
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    sessions = Session.objects.filter(expire_date__lt=now).delete()[0]
    results = DBTaskResult.objects.finished().filter(finished_at__lt=now - TASK_RESULTS_KEPT)
    return {
        "sessions": sessions,
        "task_results": results.delete()[0],
        "workers": forget_silent_workers(now=now),
    }
