"""Background work of core. Tasks take ids, load the objects and call a service."""

from django_tasks import task


@task()
def housekeeping_task():
    from helisa.core.housekeeping import keep_house

    return keep_house()
