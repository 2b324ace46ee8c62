"""Who holds a role for an organisation; invitations to take one. (Owned by the accounts work.)"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.registry import queries_access
from helisa.registry.forms_access import InvitationForm
from helisa.registry.models import Invitation, Organisation, Role
from helisa.registry.services import invitations

from .access import first_error, require


@login_required
def organisation_roles(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("cluster"), pk=pk)
    require(request, "registry.manage_organisation_roles", organisation)
    form = InvitationForm(request.POST or None, kinds=invitations.kinds_for(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            invitations.invite(organisation=organisation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The invitation was sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("registry:organisation_roles", pk=organisation.pk)
    return render(
        request,
        "registry/organisation_roles.html",
        {
            "organisation": organisation,
            "roles": queries_access.roles_for_organisation(organisation),
            "invitations": queries_access.open_invitations_for(organisation),
            "form": form,
        },
    )


@login_required
@require_POST
def remove_role(request, pk, role_pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(request, "registry.manage_organisation_roles", organisation)
    role = get_object_or_404(
        Role.objects.select_related("user"), pk=role_pk, organisation=organisation
    )
    invitations.remove_role(role=role, by=request.user)
    messages.success(
        request,
        _("%(user)s no longer has the role %(role)s.")
        % {"user": role.user, "role": role.get_kind_display()},
    )
    return redirect("registry:organisation_roles", pk=organisation.pk)


@login_required
@require_POST
def withdraw_invitation(request, pk, invitation_pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(request, "registry.manage_organisation_roles", organisation)
    invitation = get_object_or_404(
        Invitation, pk=invitation_pk, organisation=organisation, accepted_at__isnull=True
    )
    invitations.withdraw_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("registry:organisation_roles", pk=organisation.pk)


@login_required
def accept_invitation(request, token):
    invitation = invitations.find_invitation(token)
    if request.method == "POST":
        try:
            role = invitations.accept_invitation(token=token, user=request.user)
        except ValidationError as error:
            messages.error(request, first_error(error))
        else:
            messages.success(
                request,
                _("You are now %(role)s of %(organisation)s.")
                % {"role": role.get_kind_display(), "organisation": role.organisation},
            )
            return redirect("registry:my_workspace")
    return render(
        request,
        "registry/accept_invitation.html",
        {
            "invitation": invitation,
            "usable": invitation is not None
            and invitation.accepted_at is None
            and not invitations.is_expired(invitation),
        },
        status=200 if invitation is not None else 404,
    )


urlpatterns = [
    path("organisations/<int:pk>/roles/", organisation_roles, name="organisation_roles"),
    path("organisations/<int:pk>/roles/<int:role_pk>/remove/", remove_role, name="remove_role"),
    path(
        "organisations/<int:pk>/invitations/<int:invitation_pk>/withdraw/",
        withdraw_invitation,
        name="withdraw_invitation",
    ),
    path("invitations/<str:token>/", accept_invitation, name="accept_invitation"),
]
