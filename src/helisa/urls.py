from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("helisa.core.urls")),
    path("registry/", include("helisa.registry.urls")),
    path("alliances/", include("helisa.alliance.urls")),
    path("cooperation/", include("helisa.cooperation.urls")),
    path("congresses/", include("helisa.congress.urls")),
    path("api/v1/", include("helisa.api.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
