from .views import accounts, directory, editing, imports, topics

app_name = "registry"
urlpatterns = (
    directory.urlpatterns
    + editing.urlpatterns
    + imports.urlpatterns
    + accounts.urlpatterns
    + topics.urlpatterns
)
