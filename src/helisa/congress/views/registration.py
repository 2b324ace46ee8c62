"""Registering for a congress, cancelling, and the participant's own badge and certificate."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.congress import queries
from helisa.congress.documents import badge_pdf, certificate_pdf
from helisa.congress.documents import pdf_response as _pdf
from helisa.congress.forms_congress import RegistrationForm
from helisa.congress.models import RegistrationStatus
from helisa.congress.services.registration import cancel_registration, register
from helisa.registry.models import Organisation


def _own_organisations(user):
    """The organisations a person may name on the badge: theirs in the registry."""
    mine = Q(affiliations__person__user=user) | Q(roles__user=user) | Q(owner=user)
    return Organisation.objects.filter(mine).distinct().order_by("legal_name")


@login_required
def register_view(request, slug):
    congress = queries.congress_by_slug(slug)
    existing = queries.registration_of(request.user, congress)
    if existing is not None and existing.status != RegistrationStatus.CANCELLED:
        return redirect("congress:my_registration", slug)
    form = RegistrationForm(
        request.POST or None,
        categories=queries.open_categories(congress),
        organisations=_own_organisations(request.user),
        initial={
            "name_on_badge": request.user.full_name,
            "language": request.LANGUAGE_CODE,
        },
    )
    if request.method == "POST" and form.is_valid() and congress.registration_open:
        data = form.cleaned_data
        try:
            registration = register(
                congress=congress,
                user=request.user,
                category=data["category"],
                name_on_badge=data["name_on_badge"],
                organisation=data.get("organisation"),
                language=data["language"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if registration.status == RegistrationStatus.CONFIRMED:
                messages.success(request, _("You are registered. A confirmation is on its way."))
            else:
                messages.success(request, _("All places are taken: you are on the waiting list."))
            return redirect("congress:my_registration", slug)
    return render(request, "congress/register.html", {"congress": congress, "form": form})


@login_required
def my_registration(request, slug):
    congress = queries.congress_by_slug(slug)
    registration = queries.registration_of(request.user, congress)
    if registration is None:
        return redirect("congress:register", slug)
    return render(
        request,
        "congress/my_registration.html",
        {"congress": congress, "registration": registration},
    )


@login_required
@require_POST
def cancel(request, slug):
    congress = queries.congress_by_slug(slug)
    registration = queries.registration_of(request.user, congress)
    if registration is None:
        raise Http404
    try:
        cancel_registration(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(reverse("congress:detail", args=[slug]))


@login_required
def my_badge(request, slug):
    congress = queries.congress_by_slug(slug)
    registration = queries.registration_of(request.user, congress)
    if registration is None or registration.status != RegistrationStatus.CONFIRMED:
        raise Http404
    return _pdf(badge_pdf(registration), f"{congress.slug}-badge.pdf")


@login_required
def certificate(request, slug):
    """Only for those whose arrival was recorded: the certificate attests presence."""
    congress = queries.congress_by_slug(slug)
    registration = queries.registration_of(request.user, congress)
    if registration is None or registration.checked_in_at is None:
        raise Http404(_("A certificate is issued to participants whose arrival was recorded."))
    return _pdf(certificate_pdf(registration), f"{congress.slug}-certificate.pdf")


urlpatterns = [
    path("<slug:slug>/register/", register_view, name="register"),
    path("<slug:slug>/my-registration/", my_registration, name="my_registration"),
    path("<slug:slug>/my-registration/cancel/", cancel, name="cancel_registration"),
    path("<slug:slug>/my-registration/badge.pdf", my_badge, name="my_badge"),
    path("<slug:slug>/my-registration/certificate.pdf", certificate, name="certificate"),
]
