from .views import accounts, directory, editing, imports

app_name = "registry"
urlpatterns = (
    directory.urlpatterns + editing.urlpatterns + imports.urlpatterns + accounts.urlpatterns
)
