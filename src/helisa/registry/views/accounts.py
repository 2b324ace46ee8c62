"""Workspace, secretariat, claims, invitations, personal data. (Owned by the accounts work.)"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path


@login_required
def my_workspace(request):
    return render(request, "registry/workspace.html", {})


@login_required
def secretariat(request):
    return render(request, "registry/secretariat.html", {})


urlpatterns = [
    path("me/", my_workspace, name="my_workspace"),
    path("secretariat/", secretariat, name="secretariat"),
]
