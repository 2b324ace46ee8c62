"""The check-in desk: find a participant by name or by the QR code on the badge, record the
arrival once, watch the counts; and the badges to print."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from helisa.congress import queries
from helisa.congress import rules as _rules  # noqa: F401  (registers the permissions)
from helisa.congress.documents import badge_pdf, badge_sheets_pdf
from helisa.congress.documents import pdf_response as _pdf
from helisa.congress.forms_congress import CheckinCodeForm
from helisa.congress.models import Registration, RegistrationStatus
from helisa.congress.qr_frames import MAX_BYTES, UnreadableFrame, badge_code_in
from helisa.congress.services.checkin import check_in

SEARCH_LIMIT = 20


def _organised(request, slug):
    congress = queries.congress_by_slug(slug)
    if not request.user.has_perm("congress.organise", congress):
        raise PermissionDenied
    return congress


@login_required
def checkin(request, slug):
    congress = _organised(request, slug)
    return render(
        request,
        "congress/checkin.html",
        {
            "congress": congress,
            "form": CheckinCodeForm(),
            "counts": queries.attendance_counts(congress),
        },
    )


@login_required
def checkin_code(request, slug, code):
    """Where the badge's QR code leads: the person, and a button to record the arrival."""
    congress = _organised(request, slug)
    registration = queries.registration_by_code(congress, code)
    return render(
        request,
        "congress/checkin_person.html",
        {"congress": congress, "registration": registration, "code": code},
    )


@login_required
@require_POST
def checkin_record(request, slug):
    congress = _organised(request, slug)
    form = CheckinCodeForm(request.POST)
    result = {"congress": congress, "form": form}
    if form.is_valid():
        registration = queries.registration_by_code(congress, form.cleaned_data["code"])
        result["registration"] = registration
        if registration is not None:
            try:
                result["first"] = check_in(registration=registration, by=request.user)
            except ValidationError as error:
                result["error"] = error.messages[0]
    template = "congress/_checkin_result.html" if request.htmx else "congress/checkin_done.html"
    return render(request, template, result)


@login_required
@require_POST
def checkin_frame(request, slug):
    """The badge code in a camera frame the page sends, for browsers that cannot read QR codes;
    the page then submits the code as if typed, so an arrival is recorded in one place."""
    _organised(request, slug)
    frame = request.FILES.get("frame")
    try:
        if frame is None or frame.size > MAX_BYTES:
            raise UnreadableFrame("no frame")
        code = badge_code_in(frame.read())
    except UnreadableFrame:
        return JsonResponse({"code": None, "error": _("This is not a camera frame.")}, status=400)
    return JsonResponse({"code": code})


@login_required
def checkin_search(request, slug):
    congress = _organised(request, slug)
    search = (request.GET.get("q") or "").strip()
    found = list(queries.registrations_of(congress, search=search)[:SEARCH_LIMIT]) if search else []
    return render(
        request,
        "congress/_checkin_search.html",
        {"congress": congress, "found": found, "search": search},
    )


@login_required
def checkin_counts(request, slug):
    congress = _organised(request, slug)
    return render(
        request,
        "congress/_checkin_counts.html",
        {"congress": congress, "counts": queries.attendance_counts(congress)},
    )


@login_required
def badges(request, slug):
    congress = _organised(request, slug)
    registrations = queries.registrations_of(congress)
    content = badge_sheets_pdf(congress, registrations, language=request.LANGUAGE_CODE)
    return _pdf(content, f"{congress.slug}-badges.pdf")


@login_required
def badge(request, slug, pk):
    congress = _organised(request, slug)
    registration = get_object_or_404(
        Registration.objects.select_related("category", "organisation", "congress"),
        pk=pk,
        congress=congress,
        status=RegistrationStatus.CONFIRMED,
    )
    return _pdf(badge_pdf(registration), f"{congress.slug}-badge-{registration.pk}.pdf")


urlpatterns = [
    path("<slug:slug>/checkin/", checkin, name="checkin"),
    path("<slug:slug>/checkin/record/", checkin_record, name="checkin_record"),
    path("<slug:slug>/checkin/search/", checkin_search, name="checkin_search"),
    path("<slug:slug>/checkin/frame/", checkin_frame, name="checkin_frame"),
    path("<slug:slug>/checkin/counts/", checkin_counts, name="checkin_counts"),
    path("<slug:slug>/checkin/<uuid:code>/", checkin_code, name="checkin_code"),
    path("<slug:slug>/badges.pdf", badges, name="badges"),
    path("<slug:slug>/registrations/<int:pk>/badge.pdf", badge, name="badge"),
]
