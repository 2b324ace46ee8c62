"""Background work of congresses. Tasks take ids, load the objects and call a service."""

from django_tasks import task

from helisa.congress.models import ScheduleRun
from helisa.congress.services.b2b_scheduling import run_schedule


@task()
def run_schedule_task(run_id):
    run_schedule(run=ScheduleRun.objects.select_related("congress").get(pk=run_id))


@task()
def send_follow_ups_task():
    from helisa.congress.services.b2b_follow_ups import send_follow_ups

    return send_follow_ups()
