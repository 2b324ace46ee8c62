from .views import alliances, declarations, membership, signing

app_name = "alliance"
urlpatterns = (
    declarations.urlpatterns + signing.urlpatterns + membership.urlpatterns + alliances.urlpatterns
)
