from .views import (
    account,
    calls,
    consortia,
    interest,
    partner_search,
    practice_attachments,
    practices,
    profiles,
    projects,
    recommendations,
)

app_name = "cooperation"
urlpatterns = (
    account.urlpatterns + interest.urlpatterns + practices.urlpatterns + profiles.urlpatterns
)
urlpatterns += practice_attachments.urlpatterns + recommendations.urlpatterns
urlpatterns += calls.urlpatterns + consortia.urlpatterns + projects.urlpatterns
urlpatterns += partner_search.urlpatterns
