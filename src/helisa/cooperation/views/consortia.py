"""Calls, and building a consortium for one: five proposals, editing one, saving it as an idea."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from helisa.core.paging import paginate
from helisa.registry.models import HelixRole

from ..eu_countries import country_lists
from ..models import Call
from ..queries import organisations_represented_by
from ..queries_projects import open_calls
from ..services import consortia as services


def call_list(request):
    page = paginate(open_calls(request.user), request.GET.get("page"))
    return render(request, "cooperation/consortia/calls.html", {"page": page})


def _call(request, pk):
    call = get_object_or_404(Call, pk=pk)
    if not request.user.has_perm("cooperation.view_call", call):
        raise Http404
    return call


def call_detail(request, pk):
    call = _call(request, pk)
    rules = services.rules_for(call)
    context = {
        "call": call,
        "rules": rules,
        "required_roles": [(HelixRole(role).label, n) for role, n in rules.required_roles],
        "can_change": request.user.has_perm("cooperation.change_call", call),
        "lists": country_lists(),
        "organisations": organisations_represented_by(request.user),
    }
    return render(request, "cooperation/consortia/call.html", context)


def _start(request, call):
    """The organisation the user builds for: one they may act for."""
    organisations = organisations_represented_by(request.user)
    chosen = request.GET.get("organisation") or request.POST.get("organisation")
    if not chosen:
        return None, organisations
    try:
        start = organisations.get(pk=int(chosen))
    except (ValueError, organisations.model.DoesNotExist):
        raise PermissionDenied from None
    if not request.user.has_perm("cooperation.build_consortium", start):
        raise PermissionDenied
    return start, organisations


@login_required
def build(request, pk):
    call = _call(request, pk)
    start, organisations = _start(request, call)
    context = {"call": call, "start": start, "organisations": organisations}
    if start is not None:
        proposals, reasons, outcome = services.propose(call=call, start=start)
        context |= {"proposals": proposals, "reasons": reasons, "seconds": outcome.seconds}
    return render(request, "cooperation/consortia/build.html", context)


def _ids(values):
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


@login_required
def edit(request, pk):
    call = _call(request, pk)
    start, _organisations = _start(request, call)
    if start is None:
        return redirect("cooperation:consortium_build", pk=call.pk)
    data = request.POST if request.method == "POST" else request.GET
    ids = _ids(data.getlist("member")) + _ids([data.get("add")])
    if request.method == "POST":
        try:
            project = services.save_idea(
                call=call,
                start=start,
                organisation_ids=ids,
                by=request.user,
                title=data.get("title", "").strip()[:300],
                acronym=data.get("acronym", "").strip()[:40],
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("The consortium has been saved as a project idea."))
            return redirect(project)
    shown, suggested = services.review(call=call, start=start, organisation_ids=ids)
    context = {
        "call": call,
        "start": start,
        "consortium": shown,
        "suggested": suggested,
        "title": data.get("title", ""),
        "acronym": data.get("acronym", ""),
    }
    return render(request, "cooperation/consortia/edit.html", context)


urlpatterns = [
    path("calls/", call_list, name="calls"),
    path("calls/<int:pk>/", call_detail, name="call"),
    path("calls/<int:pk>/build/", build, name="consortium_build"),
    path("calls/<int:pk>/consortium/", edit, name="consortium_edit"),
]
