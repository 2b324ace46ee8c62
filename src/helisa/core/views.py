from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache


def home(request):
    from helisa.registry.queries import directory_overview

    return render(request, "core/home.html", {"overview": directory_overview()})


def about_data(request):
    return render(request, "core/about_data.html")


@never_cache
def health(request):
    """Database reachable, and a background worker seen recently (or no work waiting)."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {error.__class__.__name__}"
    checks["worker"] = _worker_status()
    healthy = checks["database"] == "ok" and checks["worker"] in ("ok", "idle", "immediate")
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "checks": checks,
            "time": timezone.now().isoformat(),
        },
        status=200 if healthy else 503,
    )


def _worker_status():
    from django.conf import settings

    if "immediate" in settings.TASKS["default"]["BACKEND"].lower():
        return "immediate"
    from django_tasks_db.models import DBTaskResult

    stale = timezone.now() - timezone.timedelta(minutes=5)
    waiting = DBTaskResult.objects.ready().filter(enqueued_at__lt=stale).exists()
    return "error: tasks waiting over 5 minutes, no worker" if waiting else "ok"
