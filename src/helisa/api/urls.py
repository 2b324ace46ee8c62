from django.urls import path

from . import views
from .main import api

urlpatterns = [
    path("tokens/", views.tokens, name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="api_token_revoke"),
    path("", api.urls),
]
