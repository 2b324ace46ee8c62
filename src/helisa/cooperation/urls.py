from .views import account, interest, profiles

app_name = "cooperation"
urlpatterns = account.urlpatterns + interest.urlpatterns + profiles.urlpatterns
