"""A user's own person record and personal data. (Owned by the accounts work.)"""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.registry.forms_access import AffiliationForm, EraseForm, PersonForm
from helisa.registry.models import Affiliation
from helisa.registry.queries_access import organisations_managed_by
from helisa.registry.services import people

from .access import first_error


@login_required
def personal_data(request):
    person = people.person_for(request.user)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        people.update_person(
            person=person,
            consent=form.cleaned_data.pop("consent"),
            **{name: form.cleaned_data[name] for name in PersonForm.Meta.fields},
        )
        messages.success(request, _("Your details were saved."))
        return redirect("registry:personal_data")
    return render(
        request,
        "registry/personal_data.html",
        {
            "person": person,
            "form": form,
            "affiliations": person.affiliations.select_related("organisation"),
            "affiliation_form": AffiliationForm(
                organisations=organisations_managed_by(request.user)
            ),
        },
    )


@login_required
@require_POST
def add_affiliation(request):
    person = people.person_for(request.user)
    form = AffiliationForm(request.POST, organisations=organisations_managed_by(request.user))
    if form.is_valid():
        people.set_affiliation(person=person, **form.cleaned_data)
        messages.success(request, _("The affiliation was saved."))
    else:
        messages.error(request, _("Choose one of your organisations."))
    return redirect("registry:personal_data")


@login_required
@require_POST
def remove_affiliation(request, pk):
    affiliation = get_object_or_404(Affiliation, pk=pk, person__user=request.user)
    people.remove_affiliation(affiliation=affiliation)
    messages.success(request, _("The affiliation was removed."))
    return redirect("registry:personal_data")


@login_required
def export_personal_data(request):
    data = people.export_personal_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="helisa-personal-data.json"'
    return response


@login_required
def erase_personal_data(request):
    form = EraseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            people.erase_personal_data(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", first_error(error))
        else:
            logout(request)
            messages.success(request, _("Your personal data was erased and you were signed out."))
            return redirect("home")
    return render(request, "registry/erase_personal_data.html", {"form": form})


urlpatterns = [
    path("me/data/", personal_data, name="personal_data"),
    path("me/data/affiliations/", add_affiliation, name="add_affiliation"),
    path("me/data/affiliations/<int:pk>/remove/", remove_affiliation, name="remove_affiliation"),
    path("me/data/export/", export_personal_data, name="export_personal_data"),
    path("me/data/erase/", erase_personal_data, name="erase_personal_data"),
]
