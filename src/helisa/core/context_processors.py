from django.conf import settings


def helisa(request):
    return {"site_url": settings.SITE_URL, "ui_languages": settings.LANGUAGES}
