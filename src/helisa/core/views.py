from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from helisa.core.heartbeat import worker_status


def home(request):
    from helisa.registry.queries import directory_overview

    return render(request, "core/home.html", {"overview": directory_overview()})


def about_data(request):
    return render(request, "core/about_data.html")


@never_cache
def health(request):
    """Database reachable, and a background worker seen in the last few minutes."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        checks["database"] = f"error: {error.__class__.__name__}"
    checks["worker"] = worker_status() if checks["database"] == "ok" else "unknown"
    # Work waiting behind a busy worker is reported, but taking app servers out of the load
    # balancer would not make it go faster.
    healthy = checks["database"] == "ok" and not checks["worker"].startswith("error")
    return JsonResponse(
        {
            "status": "ok" if healthy else "error",
            "checks": checks,
            "time": timezone.now().isoformat(),
        },
        status=200 if healthy else 503,
    )
