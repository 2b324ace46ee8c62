from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("helisa.core.urls")),
    path("registry/", include("helisa.registry.urls")),
    path("alliances/", include("helisa.alliance.urls")),
    path("api/v1/", include("helisa.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
if settings.DEBUG or settings.STORAGE_BACKEND == "filesystem":
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
