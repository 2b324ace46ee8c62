from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
    path("health", views.health, name="health"),
]
