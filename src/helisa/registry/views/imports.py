"""Import upload, preview, confirm, progress, undo; exports. (Owned by the import work.)"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from helisa.registry import exports, queries
from helisa.registry.imports import confirm_import, undo_import, upload_import
from helisa.registry.imports.columns import columns_for
from helisa.registry.imports.forms import UploadForm
from helisa.registry.imports.permissions import batches_visible_to, has_verified_email
from helisa.registry.imports.progress import rows_done
from helisa.registry.models import ImportBatch, ImportKind, ImportStatus

PROBLEMS_PER_PAGE = 100
BATCHES_PER_PAGE = 25
WORKING = (ImportStatus.UPLOADED, ImportStatus.VALIDATING, ImportStatus.APPLYING)


def verified_email_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not has_verified_email(request.user):
            raise PermissionDenied(_("Confirm your email address before importing."))
        return view(request, *args, **kwargs)

    return wrapper


def _batch(request, pk):
    """A batch its creator or the secretariat may see; anyone else gets 404."""
    return get_object_or_404(
        batches_visible_to(request.user, ImportBatch.objects.select_related("cluster")), pk=pk
    )


@verified_email_required
def my_imports(request):
    batches = ImportBatch.objects.filter(created_by=request.user).select_related("cluster")
    page = Paginator(batches, BATCHES_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "registry/imports/list.html", {"page": page})


@verified_email_required
def upload(request):
    # The members page links here with ?kind=memberships&cluster=<pk>: start from those.
    initial = {name: request.GET[name] for name in ("kind", "cluster") if name in request.GET}
    form = UploadForm(
        request.POST or None, request.FILES or None, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            batch = upload_import(
                kind=form.cleaned_data["kind"],
                file=form.cleaned_data["file"],
                by=request.user,
                cluster=form.cleaned_data["cluster"],
            )
        except ValidationError as error:
            form.add_error("file", error)
        else:
            return redirect("registry:import", pk=batch.pk)
    kinds = [(kind, label, columns_for(kind)) for kind, label in ImportKind.choices]
    return render(request, "registry/imports/upload.html", {"form": form, "kinds": kinds})


@verified_email_required
def batch_detail(request, pk):
    batch = _batch(request, pk)
    problems = Paginator(batch.problems, PROBLEMS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/imports/detail.html",
        {
            "batch": batch,
            "problems": problems,
            "working": batch.status in WORKING,
            "rows_done": rows_done(batch),
            "can_confirm": batch.status == ImportStatus.READY,
            "can_undo": batch.status == ImportStatus.APPLIED,
        },
    )


@verified_email_required
def batch_progress(request, pk):
    batch = _batch(request, pk)
    if batch.status not in WORKING and request.htmx:
        return HttpResponseClientRefresh()
    return render(
        request,
        "registry/imports/detail.html#progress",
        {"batch": batch, "working": batch.status in WORKING, "rows_done": rows_done(batch)},
    )


@require_POST
@verified_email_required
def confirm(request, pk):
    batch = _batch(request, pk)
    try:
        confirm_import(batch=batch, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("registry:import", pk=batch.pk)


@require_POST
@verified_email_required
def undo(request, pk):
    batch = _batch(request, pk)
    try:
        undo_import(batch=batch, by=request.user)
    except ValidationError as error:
        messages.error(
            request,
            _("This import cannot be undone: %(reasons)s") % {"reasons": "; ".join(error.messages)},
        )
    else:
        messages.success(request, _("The import was undone."))
    return redirect("registry:import", pk=batch.pk)


def _file_format(request):
    return "xlsx" if request.GET.get("format") == "xlsx" else "csv"


def export_organisations(request):
    rows = exports.organisation_rows(queries.filter_organisations(request.GET))
    return exports.export_response(rows, name="organisations", file_format=_file_format(request))


def export_clusters(request):
    rows = exports.cluster_rows(queries.filter_clusters(request.GET))
    return exports.export_response(rows, name="clusters", file_format=_file_format(request))


def export_memberships(request):
    clusters = queries.filter_clusters(request.GET)
    if request.GET.get("cluster", "").isdigit():
        clusters = clusters.filter(pk=int(request.GET["cluster"]))
    rows = exports.membership_rows(clusters)
    return exports.export_response(rows, name="memberships", file_format=_file_format(request))


urlpatterns = [
    path("imports/", my_imports, name="imports"),
    path("imports/new/", upload, name="import_upload"),
    path("imports/<int:pk>/", batch_detail, name="import"),
    path("imports/<int:pk>/progress/", batch_progress, name="import_progress"),
    path("imports/<int:pk>/confirm/", confirm, name="import_confirm"),
    path("imports/<int:pk>/undo/", undo, name="import_undo"),
    path("organisations/export/", export_organisations, name="export_organisations"),
    path("clusters/export/", export_clusters, name="export_clusters"),
    path("clusters/members/export/", export_memberships, name="export_memberships"),
]
