"""Speakers' slides: uploaded by the speaker or an organiser, served through the application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from helisa.congress import queries
from helisa.congress.forms_congress import SlidesForm
from helisa.congress.models import SessionSpeaker
from helisa.congress.services.programme import SLIDE_TYPES, attach_slides, slide_extension


def _appearance(congress, pk):
    return get_object_or_404(
        SessionSpeaker.objects.select_related("session", "speaker__person"),
        pk=pk,
        session__congress=congress,
    )


def slides(request, slug, pk):
    congress = queries.congress_by_slug(slug)
    appearance = _appearance(congress, pk)
    if not appearance.slides:
        raise Http404
    extension = slide_extension(appearance.slides.name) or ".pdf"
    return FileResponse(
        appearance.slides.open("rb"),
        content_type=SLIDE_TYPES[extension],
        as_attachment=extension != ".pdf",
        filename=appearance.slides.name.rsplit("/", 1)[-1],
    )


@login_required
def slides_upload(request, slug, pk):
    congress = queries.congress_by_slug(slug)
    appearance = _appearance(congress, pk)
    if not request.user.has_perm("congress.upload_slides", appearance):
        raise PermissionDenied
    form = SlidesForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attach_slides(appearance=appearance, file=form.cleaned_data["slides"], by=request.user)
        except ValidationError as error:
            form.add_error("slides", error)
        else:
            messages.success(request, _("The slides are online."))
            return redirect(reverse("congress:session", args=[slug, appearance.session_id]))
    return render(
        request,
        "congress/slides_upload.html",
        {"congress": congress, "appearance": appearance, "form": form},
    )


urlpatterns = [
    path("<slug:slug>/appearances/<int:pk>/slides/", slides, name="slides"),
    path("<slug:slug>/appearances/<int:pk>/slides/upload/", slides_upload, name="slides_upload"),
]
