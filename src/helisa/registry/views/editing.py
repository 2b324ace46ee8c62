"""Creating and editing organisations, cluster profiles and memberships. (Owned by the editing work.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from helisa.registry.forms import (
    ClusterForm,
    ExistingOrganisationForm,
    OrganisationForm,
)
from helisa.registry.matching import find_similar_organisations
from helisa.registry.models import Cluster, Organisation, RoleKind
from helisa.registry.services.cluster_profiles import (
    create_cluster_organisation,
    make_cluster_organisation,
    update_cluster,
)
from helisa.registry.services.organisations import update_organisation
from helisa.registry.services.registration import register_organisation

from . import history, members


def require_permission(user, permission, obj):
    if not user.has_perm(permission, obj):
        raise PermissionDenied


def similar_organisations(form, *, exclude_pk=None):
    """Organisations the one being saved may duplicate, unless the user said it is different."""
    if form.cleaned_data.get("not_a_duplicate"):
        return []
    return find_similar_organisations(
        name=form.cleaned_data["legal_name"],
        country=form.cleaned_data["country"].pk,
        exclude_pk=exclude_pk,
    )


def show_errors(form, error):
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    similar = []
    if request.method == "POST" and form.is_valid():
        similar = similar_organisations(form)
        if not similar:
            fields = form.organisation_fields()
            try:
                organisation = register_organisation(by=request.user, **fields)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("The organisation is in the registry."))
                return redirect(organisation)
    return render(
        request,
        "registry/editing/organisation_form.html",
        {"form": form, "similar": similar, "title": _("Register an organisation")},
    )


@login_required
def organisation_edit(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    require_permission(request.user, "registry.change_organisation", organisation)
    form = OrganisationForm(request.POST or None, instance=organisation)
    similar = []
    if request.method == "POST" and form.is_valid():
        if "legal_name" in form.changed_data:
            similar = similar_organisations(form, exclude_pk=organisation.pk)
        if not similar:
            fields = form.organisation_fields()
            # The form has written the new values on the instance; the service compares
            # them with what is saved, so it gets the saved record.
            organisation.refresh_from_db()
            try:
                update_organisation(organisation=organisation, by=request.user, **fields)
            except ValidationError as error:
                show_errors(form, error)
            else:
                messages.success(request, _("Your changes are saved."))
                return redirect(organisation)
    return render(
        request,
        "registry/editing/organisation_form.html",
        {
            "form": form,
            "similar": similar,
            "organisation": organisation,
            "title": _("Edit %(name)s") % {"name": organisation},
        },
    )


def organisations_managed_by(user):
    """The user's organisations that could become cluster organisations."""
    return Organisation.objects.filter(
        Q(owner=user) | Q(roles__user=user, roles__kind=RoleKind.REPRESENTATIVE),
        cluster__isnull=True,
    ).distinct()


@login_required
def cluster_create(request):
    data = request.POST or None
    existing_form = ExistingOrganisationForm(
        data, organisations=organisations_managed_by(request.user)
    )
    existing = existing_form.cleaned_data["organisation"] if existing_form.is_valid() else None
    cluster_form = ClusterForm(data)
    # With one of the user's organisations chosen, the new organisation's fields are ignored.
    organisation_form = OrganisationForm(
        data if existing is None else None, use_required_attribute=False
    )
    similar = []
    if request.method == "POST" and existing_form.is_valid() and cluster_form.is_valid():
        cluster = None
        try:
            if existing is not None:
                cluster = make_cluster_organisation(
                    organisation=existing, by=request.user, **cluster_form.cluster_fields()
                )
            elif organisation_form.is_valid() and not (
                similar := similar_organisations(organisation_form)
            ):
                cluster = create_cluster_organisation(
                    by=request.user,
                    organisation_fields=organisation_form.organisation_fields(),
                    cluster_fields=cluster_form.cluster_fields(),
                )
        except ValidationError as error:
            show_errors(cluster_form, error)
        if cluster is not None:
            messages.success(request, _("The cluster profile is in the registry."))
            return redirect(cluster)
    return render(
        request,
        "registry/editing/cluster_create.html",
        {
            "existing_form": existing_form,
            "cluster_form": cluster_form,
            "form": organisation_form,
            "similar": similar,
        },
    )


@login_required
def cluster_edit(request, pk):
    cluster = get_object_or_404(Cluster.objects.select_related("organisation"), pk=pk)
    require_permission(request.user, "registry.change_cluster", cluster)
    form = ClusterForm(request.POST or None, instance=cluster)
    if request.method == "POST" and form.is_valid():
        fields = form.cluster_fields()
        cluster.refresh_from_db()
        try:
            update_cluster(cluster=cluster, by=request.user, **fields)
        except ValidationError as error:
            show_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(cluster)
    return render(
        request,
        "registry/editing/cluster_form.html",
        {"form": form, "cluster": cluster},
    )


urlpatterns = [
    path("organisations/new/", organisation_create, name="organisation_create"),
    path("organisations/<int:pk>/edit/", organisation_edit, name="organisation_edit"),
    path("clusters/new/", cluster_create, name="cluster_create"),
    path("clusters/<int:pk>/edit/", cluster_edit, name="cluster_edit"),
    *members.urlpatterns,
    *history.urlpatterns,
]
