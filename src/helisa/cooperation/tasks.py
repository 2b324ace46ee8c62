"""Background work of cooperation. Tasks take ids, load the objects and call a service."""

from django_tasks import task


@task()
def cooperation_daily_task():
    from helisa.cooperation.services.digests import send_saved_search_digests
    from helisa.cooperation.services.profiles import expire_profiles

    expired, reminded = expire_profiles()
    return {"expired": expired, "reminded": reminded, "digests": send_saved_search_digests()}
