from .views import (
    account,
    calls,
    consortia,
    interest,
    practices,
    profiles,
    projects,
    recommendations,
)

app_name = "cooperation"
urlpatterns = (
    account.urlpatterns + interest.urlpatterns + practices.urlpatterns + profiles.urlpatterns
)
urlpatterns += recommendations.urlpatterns
urlpatterns += calls.urlpatterns + consortia.urlpatterns + projects.urlpatterns
