"""The alliances: their list, public pages, news and documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from helisa.alliance import (
    queries,
    rules,  # noqa: F401  (registers the permissions)
)
from helisa.alliance.forms import AllianceForm, DocumentForm, NewsForm
from helisa.alliance.members_map import members_map
from helisa.alliance.rules import managed_active_members
from helisa.alliance.services import alliances as services

NEWS_ON_PAGE = 5


def require(request, permission, obj):
    if not request.user.has_perm(permission, obj):
        raise PermissionDenied


def alliance_list(request):
    return render(
        request,
        "alliance/list.html",
        {
            "alliances": queries.alliances(),
            "can_found": request.user.has_perm("alliance.found_alliance"),
        },
    )


def _save_alliance(request, form, save):
    """Run `save(**changes)`; a refusal goes back on the form, by field when it names one."""
    try:
        return save(**form.changes())
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            duplicate = getattr(error, "code", None) == "duplicate_slug"
            form.add_error("slug" if duplicate else None, error)
    return None


@login_required
def alliance_new(request):
    require(request, "alliance.found_alliance", None)
    form = AllianceForm(request.POST or None, initial={"secretariat": request.user.email})
    if request.method == "POST" and form.is_valid():
        alliance = _save_alliance(
            request, form, lambda **changes: services.found_alliance(by=request.user, **changes)
        )
        if alliance is not None:
            messages.success(request, _("The alliance is founded."))
            return redirect(alliance)
    return render(request, "alliance/alliance_form.html", {"form": form, "alliance": None})


@login_required
def alliance_edit(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.change_alliance", alliance)
    form = AllianceForm(request.POST or None, alliance=alliance)
    if request.method == "POST" and form.is_valid():
        saved = _save_alliance(
            request,
            form,
            lambda **changes: services.update_alliance(
                alliance=alliance, by=request.user, **changes
            ),
        )
        if saved is not None:
            messages.success(request, _("The alliance is saved."))
            return redirect(saved)
    return render(request, "alliance/alliance_form.html", {"form": form, "alliance": alliance})


def detail(request, slug):
    alliance = queries.alliance_by_slug(slug)
    runs = request.user.has_perm("alliance.run_alliance", alliance)
    counts = queries.member_counts_by_country(alliance)
    managed = list(
        managed_active_members(request.user, alliance).select_related("cluster__organisation")
    )
    return render(
        request,
        "alliance/detail.html",
        {
            "alliance": alliance,
            "runs": runs,
            "map": members_map(counts),
            "countries": queries.members_by_country(alliance, counts),
            "member_total": sum(counts.values()),
            "helix": queries.helix_mix(alliance),
            "news": alliance.news.all()[:NEWS_ON_PAGE],
            "documents": queries.public_documents(alliance, include_private=runs),
            "declarations": alliance.declarations.order_by("slug"),
            "managed": managed,
            "can_apply": queries.clusters_that_may_apply(request.user, alliance).exists(),
            # The votes its members' managers are called to; the secretariat finds them on
            # the applications page.
            "open_votes": list(queries.ballots_of(alliance, open_only=True)) if managed else [],
        },
    )


@login_required
def news_new(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    form = NewsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        title, body = form.texts()
        services.post_news(alliance=alliance, title=title, body=body, by=request.user)
        messages.success(request, _("The news is published."))
        return redirect(alliance)
    return render(request, "alliance/news_form.html", {"alliance": alliance, "form": form})


@login_required
def document_new(request, slug):
    alliance = queries.alliance_by_slug(slug)
    require(request, "alliance.run_alliance", alliance)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.upload_document(alliance=alliance, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("file", error)
        else:
            messages.success(request, _("The document is saved."))
            return redirect(alliance)
    return render(request, "alliance/document_form.html", {"alliance": alliance, "form": form})


def document(request, slug, pk):
    alliance = queries.alliance_by_slug(slug)
    item = get_object_or_404(alliance.documents, pk=pk)
    if not item.is_public and not request.user.has_perm("alliance.run_alliance", alliance):
        # A private document does not show that it exists.
        raise Http404
    extension = item.file.name.rsplit(".", 1)[-1]
    return FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        as_attachment=True,
        filename=f"{alliance.slug}-{item.kind}-{item.pk}.{extension}",
    )


urlpatterns = [
    path("", alliance_list, name="list"),
    path("new/", alliance_new, name="new"),
    path("<slug:slug>/", detail, name="detail"),
    path("<slug:slug>/edit/", alliance_edit, name="edit"),
    path("<slug:slug>/news/new/", news_new, name="news_new"),
    path("<slug:slug>/documents/new/", document_new, name="document_new"),
    path("<slug:slug>/documents/<int:pk>/", document, name="document"),
]
